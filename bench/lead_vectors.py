"""The MiniLM lead vector: leads encoded in padded batches (as annotation did) against one
lead per forward pass (as it does now), on the same leads, in alternating rounds.

    .venv/bin/python bench/lead_vectors.py [--n 300] [--rounds 3]

The leads are those annotation embeds (headline and first four sentences) of the first
`--n` BASIL articles (bench/understand_speed.py), in annotation's batches of 32 articles.
Printed: median CPU seconds per article each way, the leads' lengths in word pieces, and
how far the vectors move (largest absolute difference, and rows not bit-identical); the
load average beside them, since the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
import numpy.typing as npt
from tokenizers import Tokenizer
from understand_speed import read_basil

from newsweave.nlp import Annotator, SentenceEncoder
from newsweave.nlp.assemble import lead_text
from newsweave.nlp.embeddings import model_dir

BATCH = 32  # annotation's default nlp.batch_size


def encode(encoder: SentenceEncoder, leads: list[str]) -> npt.NDArray[np.float32]:
    return np.concatenate(
        [encoder.encode(leads[i : i + BATCH]) for i in range(0, len(leads), BATCH)]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    annotated = list(Annotator().pipe(read_basil(args.n)))
    leads = [lead_text(a.article, list(a.sentences)) for a in annotated]
    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()  # the encoder cuts leads at 256 word pieces
    lengths = np.array([len(e.ids) for e in tokenizer.encode_batch(leads)])
    sides = {"padded batches": SentenceEncoder(), "one per pass": SentenceEncoder(batch_size=1)}
    cpu: dict[str, list[float]] = {name: [] for name in sides}
    vectors = {}
    load = [os.getloadavg()[0]]
    for _ in range(args.rounds):
        for name, encoder in sides.items():
            started = time.process_time()
            vectors[name] = encode(encoder, leads)
            cpu[name].append((time.process_time() - started) / args.n)
            load.append(os.getloadavg()[0])
    before, after = (vectors[name] for name in sides)
    print(
        f"{args.n} articles; lead word pieces: mean {lengths.mean():.0f}, "
        f"min {lengths.min()}, max {lengths.max()}; load average {min(load):.1f}-{max(load):.1f}"
    )
    print(f"| median CPU-s per article ({args.rounds} rounds) | padded batches | one per pass |")
    print("|---|---|---|")
    first, second = (statistics.median(cpu[name]) for name in sides)
    print(f"| lead vector | {first:.4f} | {second:.4f} ({second / first:.2f}) |")
    moved = int((before != after).any(axis=1).sum())
    print(
        f"vectors: {moved} of {len(leads)} not bit-identical, "
        f"largest difference {float(np.abs(before - after).max()):.1e}"
    )


if __name__ == "__main__":
    main()
