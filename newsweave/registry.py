"""Versioned names of the components whose outputs are stored.

A stored result records the name of the component that made it. Results of another version
are refused with VersionMismatch, never silently compared: bump a version whenever a change
alters what a component stores (vectors, annotations, story state, reports).
"""

from __future__ import annotations

from newsweave.errors import VersionMismatch

__all__ = ["COMPONENTS", "check_version"]

COMPONENTS: dict[str, str] = {
    "clean": "newsweave.clean.v1",
    "annotate": "newsweave.annotate.v3",  # v3: numeric dates, lone months, "ago", datelines
    "encoder": "newsweave.encoder.minilm-l6-onnx.v1",
    "stories": "newsweave.stories.profile.v3",  # v3: unit TF-IDF, name and number sums
    "compare": "newsweave.compare.v4",  # v4: static vectors + paraphrase classifier v2
    "dedup": "newsweave.minhash.w5-p128-affine32.v1",
}


def check_version(role: str, stored: str) -> None:
    """Raise VersionMismatch unless `stored` is the current name of component `role`."""
    current = COMPONENTS[role]
    if stored != current:
        raise VersionMismatch(
            f"stored {role} results were made by {stored}, this newsweave runs {current}",
            hint="ingest the same inputs into a fresh database (--db NEW.db) to recompute them",
        )
