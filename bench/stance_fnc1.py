"""FNC-1: does a body contradict its headline? "disagree" precision and recall.

    .venv/bin/python bench/stance_fnc1.py [--split test|train] [--limit 600] [--seed 5]

Each headline is compared, with newsweave's own pair machinery, against the body sentences
it is closest to (MiniLM cosine, top --top sentences at cosine >= --min-cosine):
`compare_sentences(headline, sentence)` gives a relation. Three rules, each adding to the
one before, call the pair "disagree":
  conflict   some aligned sentence is `conflicting` (a typed quantity/date/name/place clash)
  negation   ... or it states the same claim with the negation flipped ("is" / "is not")
  refutation ... or it is about the same claim and calls it false (hoax, fake, denied, ...)
Scored on the related pairs only (agree, disagree, discuss: which body is about which
headline is story clustering's job): a seeded sample of --limit pairs per run, keeping the
split's class mix. --top and --min-cosine were set before any test run and checked on a
train sample (--split train --limit 150); the test split is the official competition test.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from newsweave.compare import compare_sentences
from newsweave.compare.paraphrase import lexical_features
from newsweave.nlp.embeddings import SentenceEncoder
from newsweave.nlp.spacy_pipeline import load_spacy

SAME = {"same", "more_specific", "less_specific"}
RULES = ("conflict", "negation", "refutation")
NEGATION_FEATURE = -1  # lexical_features' last value: negation differs between the two
_REFUTING = re.compile(
    r"\b(hoax|fake|false|untrue|not true|debunk\w*|den(y|ies|ied)|rumou?rs?|baseless|"
    r"no evidence|fabricat\w*|satir\w*|myth|misleading|not the case|never happened)\b",
    re.IGNORECASE,
)


def data_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    return Path(os.environ.get("NEWSWEAVE_DATA", default))


def read_split(folder: Path, split: str) -> tuple[list[tuple[str, int, str]], dict[int, str]]:
    prefix = "train" if split == "train" else "competition_test"
    with (folder / f"{prefix}_bodies.csv").open(encoding="utf-8", newline="") as handle:
        bodies = {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(handle)}
    with (folder / f"{prefix}_stances.csv").open(encoding="utf-8", newline="") as handle:
        stances = [
            (row["Headline"], int(row["Body ID"]), row["Stance"])
            for row in csv.DictReader(handle)
            if row["Stance"] != "unrelated"
        ]
    return stances, bodies


def sample(
    stances: list[tuple[str, int, str]], limit: int, seed: int
) -> list[tuple[str, int, str]]:
    rows = list(stances)
    random.Random(seed).shuffle(rows)  # noqa: S311 - a seeded sample, not a secret
    return rows[:limit]


def sentences_of(bodies: Iterable[str]) -> list[list[str]]:
    nlp = load_spacy()
    return [
        [s.text.strip() for s in doc.sents if len(s.text.split()) >= 4]
        for doc in nlp.pipe(bodies, batch_size=32)
    ]


def pair_rules(
    headline: str, sentences: list[str], cosines: np.ndarray, args: argparse.Namespace
) -> set[str]:
    """Which rules fire for one headline against its closest body sentences."""
    fired: set[str] = set()
    for i in np.argsort(-cosines)[: args.top]:
        if cosines[i] < args.min_cosine:
            break
        sentence = sentences[i]
        relation = compare_sentences(headline, sentence).relation
        if relation == "conflicting":
            fired.add("conflict")
        if relation in SAME and lexical_features(headline, sentence)[NEGATION_FEATURE]:
            fired.add("negation")
        if _REFUTING.search(sentence) and not _REFUTING.search(headline):
            fired.add("refutation")
    return fired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "train"), default="test")
    parser.add_argument("--limit", type=int, default=600, help="related pairs sampled")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--top", type=int, default=3, help="closest body sentences compared")
    parser.add_argument("--min-cosine", type=float, default=0.45)
    args = parser.parse_args()
    stances, bodies = read_split(data_dir() / "fnc-1", args.split)
    rows = sample(stances, args.limit, args.seed)
    wall, cpu = time.perf_counter(), time.process_time()
    body_ids = sorted({body for _, body, _ in rows})
    split_bodies = dict(zip(body_ids, sentences_of(bodies[b] for b in body_ids), strict=True))
    encoder = SentenceEncoder(n_threads=2, batch_size=16)
    texts = sorted({s for b in body_ids for s in split_bodies[b]} | {h for h, _, _ in rows})
    vectors = dict(zip(texts, encoder.encode(texts), strict=True))
    fired = []
    for headline, body, _ in rows:
        sentences = split_bodies[body]
        if not sentences:
            fired.append(set())
            continue
        cosines = np.array([vectors[headline] @ vectors[s] for s in sentences])
        fired.append(pair_rules(headline, sentences, cosines, args))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    gold = np.array([stance == "disagree" for _, _, stance in rows])
    mix = {s: sum(1 for _, _, t in rows if t == s) for s in ("agree", "disagree", "discuss")}
    print(f"FNC-1 {args.split}: {len(rows)} related pairs sampled (seed {args.seed}): {mix}")
    print(f"top {args.top} body sentences at cosine >= {args.min_cosine}")
    for n in range(1, len(RULES) + 1):
        rules = set(RULES[:n])
        pred = np.array([bool(f & rules) for f in fired])
        tp = float((pred & gold).sum())
        p, r = tp / max(1.0, float(pred.sum())), tp / max(1.0, float(gold.sum()))
        f1 = 2 * p * r / max(1e-9, p + r)
        name = " + ".join(RULES[:n])
        print(f"{name:<32} disagree P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  ({int(pred.sum())} flagged)")
    print(
        f"{len(rows) / wall:.1f} pairs/s wall-clock, {len(rows) / cpu:.1f} pairs/CPU-s "
        f"(load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
