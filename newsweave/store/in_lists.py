"""Long IN lists in slices: a statement may bind only so many parameters (SQLite's limit is
the tightest), so ids are sent 500 at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

__all__ = ["IN_LIST_SIZE", "in_slices"]

IN_LIST_SIZE = 500

T = TypeVar("T")


def in_slices(values: Sequence[T], size: int = IN_LIST_SIZE) -> Iterator[Sequence[T]]:
    """`values` in consecutive slices of at most `size`, in order."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
