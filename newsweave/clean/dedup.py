"""Content fingerprints for exact-duplicate detection."""

from __future__ import annotations

import hashlib
import re

__all__ = ["content_hash"]

_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """A hash of the words of `text`, case-folded: equal for copies differing only in
    whitespace, punctuation or case."""
    words = _WORD.findall(text.casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
