"""The MRPC train rows and the held-out tenth the training scripts share.

scripts/train_cross_encoder.py picks its epoch and threshold on this tenth, and
scripts/train_paraphrase_stack.py fits the stack of the two models on it, so both must cut
the same pairs: a seeded, stratified tenth of GLUE's train split. Plain Python, so that the
torch environment and newsweave's both import it.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

Row = tuple[str, str, int]
SEED = 13


def read_rows(path: Path) -> list[Row]:
    """(sentence 1, sentence 2, label) rows of a GLUE MRPC tsv (BOM, literal quotes)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        return [(row[3], row[4], int(row[0])) for row in rows]


def split(rows: list[Row], seed: int = SEED) -> tuple[list[Row], list[Row]]:
    """(kept, held): a stratified tenth of train held out, the rest kept for training."""
    rng = random.Random(seed)  # noqa: S311 - seeded, not secret
    held, kept = [], []
    for label in (0, 1):
        group = [r for r in rows if r[2] == label]
        rng.shuffle(group)
        cut = len(group) // 10
        held += group[:cut]
        kept += group[cut:]
    return kept, held
