"""Spelling variants of one person's name: "Masoud Pezashkian" and "Masoud Pezeshkian".

Transliterated names drift by a vowel or a doubled letter between outlets. Two full names
are variants when they have the same number of words, each word starts with the same
letter, and the folded names are at least `MIN_SIMILARITY` alike (difflib ratio): close
enough for one changed letter in a long surname, not for two different people who share a
first name ("John Kerry", "John Boehner").
"""

from __future__ import annotations

from difflib import SequenceMatcher

from newsweave.nlp.gazetteer import fold_name

__all__ = ["MIN_SIMILARITY", "is_variant", "merge_variants", "variant_key"]

MIN_SIMILARITY = 0.88
_MAX_GROUPS = 400  # pairwise comparison: a story has far fewer people than this


def is_variant(a: str, b: str) -> bool:
    """True when two multi-word names are spellings of one name."""
    words_a, words_b = fold_name(a).split(), fold_name(b).split()
    if len(words_a) < 2 or len(words_a) != len(words_b) or words_a == words_b:
        return False
    if any(x[0] != y[0] for x, y in zip(words_a, words_b, strict=True)):
        return False
    return SequenceMatcher(None, " ".join(words_a), " ".join(words_b)).ratio() >= MIN_SIMILARITY


def variant_key(name: str) -> str | None:
    """What every spelling variant of `name` shares: the first letter of each folded word
    ("m p" for "Masoud Pezashkian"); None for a one-word name, which has no variants.

    `is_variant(a, b)` implies `variant_key(a) == variant_key(b)`, so a store finds the
    candidates for a name by this key instead of trying every person it holds.
    """
    words = fold_name(name).split()
    return " ".join(w[0] for w in words) if len(words) >= 2 else None


def merge_variants(names: dict[str, tuple[str, int]]) -> list[tuple[str, str]]:
    """Which person to fold into which: (kept key, merged key) pairs.

    Args:
        names: key -> (full name, number of mentions) of a story's people; a variant is
            folded into the one with more mentions.
    """
    keys = sorted(names, key=lambda k: -names[k][1])[:_MAX_GROUPS]
    merged: set[str] = set()
    pairs: list[tuple[str, str]] = []
    for i, keep in enumerate(keys):
        if keep in merged:
            continue
        for other in keys[i + 1 :]:
            if other not in merged and is_variant(names[keep][0], names[other][0]):
                pairs.append((keep, other))
                merged.add(other)
    return pairs
