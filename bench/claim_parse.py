"""Cost of cutting sentences into atomic claims: the parser with its attribute ruler in the
pipe (as before) against the ruler applied only where `split_sentence` reads a part of
speech, on the same sentences, in alternating rounds of one process.

    .venv/bin/python bench/claim_parse.py [--n 150] [--rounds 3]

The sentences are those compare parses: BASIL articles annotated (spaCy sentences, untimed),
sentences of at least four words that `may_split` flags, each once. Both ways must give the
same claims (the run stops otherwise). Printed: CPU seconds per round each way, their
medians per parsed sentence and per article, and the load average, since the machine is
shared; alternating the rounds in one process keeps the ratio fair under load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from understand_speed import read_basil

from newsweave.compare.atomic import ClaimSpan, load_parser, may_split, split_sentence
from newsweave.nlp import Annotator


def timed(run: Callable[[], list[list[ClaimSpan]]]) -> tuple[float, list[list[ClaimSpan]]]:
    started = time.process_time()
    claims = run()
    return time.process_time() - started, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = list(Annotator().pipe(read_basil(args.n)))
    texts = list(
        dict.fromkeys(
            s.text
            for a in articles
            for s in a.sentences
            if len(s.text.split()) >= 4 and may_split(s.text)
        )
    )
    nlp: Any = load_parser()
    every = [*nlp.pipe_names, "attribute_ruler"]

    def eager() -> list[list[ClaimSpan]]:
        with nlp.select_pipes(enable=every):
            return [split_sentence(doc) for doc in nlp.pipe(texts)]

    def lazy() -> list[list[ClaimSpan]]:
        return [split_sentence(doc) for doc in nlp.pipe(texts)]

    lazy()  # warm up: vocabulary and caches, not timed
    load = os.getloadavg()[0]
    times: dict[str, list[float]] = {"ruler in the pipe": [], "ruler where needed": []}
    for _ in range(args.rounds):
        for label, run in (("ruler in the pipe", eager), ("ruler where needed", lazy)):
            seconds, claims = timed(run)
            times[label].append(seconds)
            if label == "ruler in the pipe":
                reference = claims
            elif claims != reference:
                raise SystemExit("the two ways gave different claims")
    print(
        f"{len(articles)} BASIL articles, {len(texts)} sentences parsed; "
        f"load average {load:.1f}-{os.getloadavg()[0]:.1f}"
    )
    print("| parse | CPU-s per round | median ms per sentence | median CPU-s per article |")
    print("|---|---|---|---|")
    for label, seconds in times.items():
        median = statistics.median(seconds)
        rounds = ", ".join(f"{s:.2f}" for s in seconds)
        print(
            f"| {label} | {rounds} | {median / len(texts) * 1000:.2f} "
            f"| {median / len(articles):.4f} |"
        )
    print("claims identical both ways")


if __name__ == "__main__":
    main()
