"""Normalise text without changing what it says: Unicode form, line ends, invisible characters."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text", "split_paragraphs"]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_text(text: str) -> str:
    """NFC, "\\n" line ends, no zero-width or soft-hyphen characters, single spaces,
    trimmed lines."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip()


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of normalised text: every non-empty line is one.

    Plain-text exports put one paragraph per line, with or without blank lines between;
    extracted HTML does the same, so a line is the unit the cleaner judges.
    """
    return [line for line in text.split("\n") if line]
