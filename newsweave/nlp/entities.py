"""Tidy spaCy's entity spans: the parts newsweave relies on when naming actors."""

from __future__ import annotations

import re

from newsweave.model import EntityMention

__all__ = ["ACTOR_LABELS", "ROLE_WORDS", "tidy_entity"]

# Labels of things that can act or be acted on; numbers and dates are parsed separately.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}

ROLE_WORDS = (
    "president|vice president|prime minister|premier|chancellor|minister|foreign minister|"
    "secretary|secretary-general|under-secretary-general|speaker|leader|king|queen|prince|"
    "princess|emperor|pope|governor|mayor|senator|congressman|congresswoman|ambassador|"
    "general|admiral|chief|chairman|chairwoman|chair|director|spokesman|spokeswoman|"
    "spokesperson|judge|justice|ceo|envoy|commander|official|representative|mp|lawmaker"
)
_QUOTES = "\"'“”‘’«»"
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TRAILING_DATE = re.compile(
    r"\s+(?:on|in|since|last|this|next)\s+(?:\w+\s+)?\d.*$|\s+(?:on|last|this|next)\s+"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year)\b.*$",
    re.IGNORECASE,
)
_ROLE_THEN_NAME = re.compile(
    r"^(?P<role>.*\b(?:" + ROLE_WORDS + r"))\s+(?P<name>(?:[A-Z][\w'’-]+\s?){1,4})$",
    re.IGNORECASE,
)


def tidy_entity(text: str, label: str, start: int, end: int, sentence: int) -> EntityMention | None:
    """Trim articles, possessives and trailing dates from a span; re-label "Speaker X" as PERSON.

    Returns None for spans that hold nothing nameable once trimmed.
    """
    if label not in ACTOR_LABELS:
        return None
    trimmed = text
    date_tail = _TRAILING_DATE.search(trimmed)
    if date_tail:
        trimmed = trimmed[: date_tail.start()]
    if trimmed.lower().startswith("the "):
        start += 4
        trimmed = trimmed[4:]
    possessive = _TRAILING_POSSESSIVE.search(trimmed)
    if possessive:
        trimmed = trimmed[: possessive.start()]
    if label != "PERSON":
        role_name = _ROLE_THEN_NAME.match(trimmed)
        if role_name and _looks_like_name(role_name["name"]):
            name_start = start + role_name.start("name")
            name = role_name["name"].strip()
            return EntityMention(name, "PERSON", name_start, name_start + len(name), sentence)
    lead = len(trimmed) - len(trimmed.lstrip().lstrip(_QUOTES))
    start += lead
    trimmed = trimmed[lead:].rstrip().rstrip(_QUOTES).rstrip()
    if not trimmed or not any(ch.isalpha() for ch in trimmed):
        return None
    if label == "PERSON" and not any(word[:1].isupper() for word in trimmed.split()):
        return None  # "hypersonic missiles": a name has at least one capital
    return EntityMention(trimmed, label, start, start + len(trimmed), sentence)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[0].isupper() for w in words)
