"""MRPC (GLUE dev split): does newsweave see that two outlets' sentences state the same claim?

    .venv/bin/python bench/paraphrase_mrpc.py [--threads 2]

Figures on the 408 GLUE dev pairs (every model and threshold was chosen on train only):
  classifier        the paraphrase classifier alone (static vectors distilled from MiniLM,
                    token alignment and lexical features, logistic regression), positive at
                    the threshold chosen on train
  cross-encoder     MiniLM fine-tuned on MRPC train as a cross-encoder (ONNX Runtime, float16
                    weights), positive at the threshold chosen on a held-out tenth of train;
                    "symmetric" averages both sentence orders (threshold 0.5)
  cascade           what compare uses (compare/scoring.PairScorer): the classifier, and for
                    pairs in its unsure band the stack of classifier and cross-encoder (one
                    pass, the order given), fitted on the held-out tenth of train, where the
                    band was chosen under a speed budget
  compare_sentences the full library call; positive when the relation is same, more_specific
                    or less_specific (the issue's "same claim")
Speed: pairs/s wall-clock with the cross-encoder on --threads ONNX Runtime threads (2: the
target machine's cores; the load average beside it) and pairs per CPU-second of all
threads. Throughput counts everything from raw text on: encoding both sentences (no cache carried
over), features and the classifier; for compare_sentences also spaCy, dates, quantities,
actors and the re-scoring of pairs whose values differ. Models are loaded before timing.
"""

from __future__ import annotations

import argparse
import csv
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

from newsweave.compare import compare_sentences
from newsweave.compare.cross_encoder import CrossEncoder
from newsweave.compare.scoring import PairScorer, load_stack

T = TypeVar("T")
POSITIVE = {"same", "more_specific", "less_specific"}


def data_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    return Path(os.environ.get("NEWSWEAVE_DATA", default))


def read_pairs(path: Path) -> tuple[list[tuple[str, str]], np.ndarray]:
    pairs, labels = [], []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for row in rows:
            labels.append(int(row[0]))
            pairs.append((row[3], row[4]))
    return pairs, np.array(labels)


def scores(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float, float]:
    tp = float((pred & (gold == 1)).sum())
    precision = tp / max(1.0, float(pred.sum()))
    recall = tp / max(1.0, float((gold == 1).sum()))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return float((pred == (gold == 1)).mean()), f1, precision, recall


def report(name: str, pred: np.ndarray, gold: np.ndarray, seconds: tuple[float, float]) -> None:
    """Figures; speed as wall-clock pairs/s (with the load average then: the machine is
    shared) and pairs per CPU-second (all threads' CPU time; on an idle machine two
    threads' wall-clock rate lies between it and twice it)."""
    acc, f1, p, r = scores(pred, gold)
    wall, cpu = seconds
    print(
        f"{name:<18} accuracy {acc:.3f}  F1 {f1:.3f}  (P {p:.3f} R {r:.3f})  "
        f"{len(gold) / wall:,.0f} pairs/s wall-clock (load {os.getloadavg()[0]:.1f}), "
        f"{len(gold) / cpu:,.0f} pairs/CPU-s"
    )


def timed(function: Callable[[], T]) -> tuple[T, tuple[float, float]]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, (time.perf_counter() - wall, time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2, help="cross-encoder threads (2 cores)")
    args = parser.parse_args()
    pairs, gold = read_pairs(data_dir() / "mrpc" / "glue_dev.tsv")
    compare_sentences("Warm up the models.", "Warm the models up.")

    scorer = PairScorer(cross_encoder=False)
    probability, classifier_seconds = timed(lambda: scorer.probability(pairs))
    print(f"MRPC GLUE dev: {len(pairs)} pairs, {int(gold.sum())} positive")
    print(f"threshold {scorer.threshold:.2f} (chosen by 5-fold cross-validation on train)")
    report("classifier", probability >= scorer.threshold, gold, classifier_seconds)

    cross = CrossEncoder(n_threads=args.threads)
    cross.probability(pairs[:4])
    probability, cross_seconds = timed(lambda: cross.probability(pairs))
    print(f"cross-encoder threshold {cross.threshold:.2f} (chosen on a held-out tenth of train)")
    report("cross-encoder", probability >= cross.threshold, gold, cross_seconds)
    probability, cross_seconds = timed(lambda: cross.symmetric_probability(pairs))
    report("  symmetric", probability >= cross.threshold, gold, cross_seconds)

    cascade = PairScorer(threads=args.threads)
    stack = load_stack()
    static = cascade.static_probability(pairs)
    unsure = float(((static >= stack.low) & (static < stack.high)).mean())
    cascade = PairScorer(threads=args.threads)  # nothing carried over
    probability, cascade_seconds = timed(lambda: cascade.probability(pairs))
    print(
        f"cascade: band [{stack.low:.2f}, {stack.high:.2f}) of the classifier's probability "
        f"({unsure:.0%} of dev pairs), stack threshold {stack.threshold:.2f}, cross-encoder "
        f"{'both orders' if stack.orders == 2 else 'one pass'}, {args.threads} threads"
    )
    report("cascade", probability >= cascade.threshold, gold, cascade_seconds)

    relations, full_seconds = timed(lambda: [compare_sentences(a, b).relation for a, b in pairs])
    report("compare_sentences", np.array([r in POSITIVE for r in relations]), gold, full_seconds)
    counts = {r: relations.count(r) for r in sorted(set(relations))}
    print("relations on dev:", ", ".join(f"{r} {n}" for r, n in counts.items()))
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
