"""Event mentions: the word that names an event, reduced to a key shared by its other names.

A mention's key is the lemma of its head word ("checked into" -> "check"), joined to another
lemma of the same collection when it is that lemma plus an inflection the tagger kept
("dies" -> "die", "shooting" -> "shoot"), to the first word of its set when it is one of a
few everyday news synonyms ("blaze" -> "fire", "quake" -> "earthquake"), and to its frame type
when it is a trigger of newsweave's event ontology ("strike", "bombing" -> attack; see
`frames`).
Reporting verbs ("said", "told") name the act of telling, which is rarely the same act in
two sentences; `is_reporting` says so.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from newsweave.nlp.frames import frame_type_of

__all__ = ["REPORTING_LEMMAS", "event_key", "head_token", "is_reporting"]

REPORTING_LEMMAS = frozenset(
    {"say", "tell", "report", "add", "state", "announce", "claim", "confirm", "according"}
)
# (suffix, replacement): "dies" -> "die", "parties" -> "party", "shooting" -> "shoot",
# "sentenced" -> "sentence"; only applied when the result is another lemma seen.
_INFLECTIONS = (("ies", "y"), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"))
_MIN_STEM = 3
# Words news uses for one happening; the sets were chosen on ECB+ train topics' missed links.
_SYNONYMS = (
    ("death", "die", "dead"),
    ("kill", "murder", "slay", "slaying"),
    ("earthquake", "quake", "tremor"),
    ("fire", "blaze"),
    ("arrest", "detain", "detention"),
    ("escape", "flee"),
    ("win", "victory"),
)
_SYNONYM_OF = {word: words[0] for words in _SYNONYMS for word in words}


def event_key(lemma: str, lemmas: Collection[str] = ()) -> str:
    """The key an event word shares with its other names among `lemmas`.

    Args:
        lemma: the lower-cased lemma of the mention's head word.
        lemmas: the lemmas of the other mentions being compared (for inflections).

    Example: event_key("dies", {"die"}) == "death"; event_key("bombing") == "frame:attack".
    """
    word = lemma.lower()
    for suffix, replacement in _INFLECTIONS:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= _MIN_STEM and stem + replacement in lemmas:
            word = stem + replacement
            break
    word = _SYNONYM_OF.get(word, word)
    frame = frame_type_of(word)
    return f"frame:{frame}" if frame else word


def is_reporting(lemma: str) -> bool:
    """Whether the word names an act of telling ("said", "told", "announced")."""
    return lemma.lower() in REPORTING_LEMMAS


def head_token(tokens: Sequence[Any]) -> Any:
    """The syntactic head of a span of parsed spaCy tokens: the one governed from outside.

    A span without a parse (or an empty one) has its last token as head.
    """
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]
