"""Cut a sentence into atomic claims with spaCy's dependency parse.

A sentence often carries several facts. Three constructions are cut out, each claim keeping
the verbatim span of the sentence it comes from and a self-contained statement to compare:

    coordination   "Mr Kim arrived on Monday and met Mr Xi"
                   -> "Mr Kim arrived on Monday" | "met Mr Xi" (stated: "Mr Kim met Mr Xi")
    relative       "Li Junhua, who was China's ambassador to Italy, will attend"
                   -> "Li Junhua will attend" | "who was China's ambassador to Italy"
                      (stated: "Li Junhua was China's ambassador to Italy")
    apposition     "China, a key strategic partner" -> "China is a key strategic partner"
                   (common nouns only: "Lukashenko, Iran's President Pezashkian" is a list)

The main claim keeps the whole sentence as its span when a part is cut from its middle (the
sentence is what states it); its statement leaves the part out.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from newsweave.nlp.spacy_pipeline import load_english

__all__ = ["ClaimSpan", "load_parser", "may_split", "split_sentence", "whole_sentence"]

_PARSERS: dict[str, Any] = {}
_LOCK = threading.Lock()
_RULER = "attribute_ruler"
_HAS_POS = "newsweave.has_pos"
# A part shorter than this (in words, as stated) is not worth a claim of its own.
_MIN_WORDS = 4
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_TRIM = " ,;:–—-"
# What every cut needs in the text: a coordinated clause a coordinator or a comma, a
# semicolon, colon or dash between its clauses; a relative clause its pronoun; an apposition
# its comma. A sentence with none of them is one claim, without parsing it.
_MAY_SPLIT = re.compile(r"[,;:–—]|\b(?:and|or|but|nor|yet|so|then|plus|who|which|that)\b", re.I)


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    """One claim of a sentence: `start`/`end` are offsets in the sentence text, `statement`
    the claim as a sentence of its own, `predicate` its main verb's lemma-free form."""

    start: int
    end: int
    statement: str
    predicate: str | None
    is_part: bool


def load_parser() -> Any:
    """en_core_web_sm with its tagger and parser (no NER: entities come from nlp/).

    Its attribute ruler, which turns tags into parts of speech, is a quarter of the parse's
    cost and only some sentences need one: it is off, and `split_sentence` applies it to a
    sentence when it first reads a part of speech there.

    Raises:
        ConfigError: the model package is not installed.
    """
    with _LOCK:
        if "en" not in _PARSERS:
            nlp = load_english(exclude=["ner", "lemmatizer"])
            nlp.disable_pipe(_RULER)
            _PARSERS["en"] = nlp
        return _PARSERS["en"]


def may_split(text: str) -> bool:
    """Whether the parse can cut `text` at all (else `whole_sentence(text)` is its claim)."""
    return _MAY_SPLIT.search(text) is not None


def whole_sentence(text: str) -> ClaimSpan:
    """The one claim of a sentence nothing is cut from, as `split_sentence` states it."""
    span_text = text.rstrip(_TRIM)
    return ClaimSpan(0, len(span_text), " ".join(span_text.split()), None, is_part=False)


def split_sentence(doc: Any) -> list[ClaimSpan]:
    """The claims of one parsed sentence, the main claim first."""
    text = doc.text
    tokens = list(doc)  # spaCy makes a new Token object at each step of each walk
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is None:
        return [ClaimSpan(0, len(text), text, None, is_part=False)]
    parts: list[ClaimSpan] = []
    cut: list[tuple[int, int]] = []
    main_end = len(text)
    # A part of speech is read last: reading the first one runs the attribute ruler over the
    # sentence, which a sentence whose cuts fail on their other checks need not pay.
    for token in tokens:
        if token.dep_ == "conj" and token.head.i == root.i:
            part = _conjunct(token, root)
            if part is not None and _pos(token) in _CLAUSE_POS:
                parts.append(part)
                main_end = min(main_end, _clause_start(token))
        elif token.dep_ == "relcl":
            part = _relative(token)
            if part is not None and _pos(token.head) in {"PROPN", "NOUN"}:
                parts.append(part)
                cut.append((part.start, part.end))
        elif token.dep_ == "appos" and _is_comma_before(token):
            part = _apposition(token)
            if part is not None and _pos(token) == "NOUN":
                parts.append(part)
                cut.append((part.start, part.end))
    main = _main_claim(text, root, main_end, cut)
    return [main, *(p for p in parts if len(p.statement.split()) >= _MIN_WORDS)]


def _pos(token: Any) -> str:
    """The token's part of speech, running the attribute ruler over its sentence first if
    the parse left it out (see `load_parser`)."""
    doc = token.doc
    if not doc.user_data.get(_HAS_POS):
        nlp = load_parser()
        if _RULER in nlp.disabled:
            nlp.get_pipe(_RULER)(doc)
        doc.user_data[_HAS_POS] = True
    return str(token.pos_)


def _main_claim(text: str, root: Any, main_end: int, cut: list[tuple[int, int]]) -> ClaimSpan:
    end = main_end if main_end < len(text) else len(text)
    span_text = text[:end].rstrip(_TRIM)
    inside = [(s, e) for s, e in cut if e <= len(span_text)]
    statement = span_text
    for s, e in sorted(inside, reverse=True):
        left, right = statement[:s].rstrip(_TRIM), statement[e:].lstrip(_TRIM)
        statement = left + right if right[:1] in {"", ".", "!", "?"} else f"{left} {right}"
    statement = " ".join(statement.split())
    if end < len(text) and not statement.endswith((".", "!", "?")):
        statement += "."
    return ClaimSpan(0, len(span_text), statement, root.text, is_part=False)


def _clause_start(conj: Any) -> int:
    """Where a conjoined clause begins, counting its "and"/"but" and a comma before it."""
    doc = conj.doc
    first = conj.left_edge.i
    while first > 0 and doc[first - 1].dep_ in {"cc", "punct"}:
        first -= 1
    return int(doc[first].idx)


def _conjunct(conj: Any, root: Any) -> ClaimSpan | None:
    start, end = conj.left_edge.idx, conj.right_edge.idx + len(conj.right_edge)
    span = conj.doc.text[start:end].rstrip(_TRIM + ".")
    if any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in conj.children):
        statement = span
    else:
        subject = next((t for t in root.children if t.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return None
        statement = _subtree_text(subject) + " " + span
    return ClaimSpan(start, start + len(span), _sentence(statement), conj.text, is_part=True)


def _relative(relcl: Any) -> ClaimSpan | None:
    pronoun = relcl.left_edge
    if pronoun.lower_ not in _RELATIVE_PRONOUNS or pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    start, end = pronoun.idx, relcl.right_edge.idx + len(relcl.right_edge)
    span = relcl.doc.text[start:end].rstrip(_TRIM + ".")
    head = _noun_phrase(relcl.head)
    rest = relcl.doc.text[pronoun.idx + len(pronoun) : start + len(span)]
    return ClaimSpan(start, start + len(span), _sentence(head + rest), relcl.text, is_part=True)


def _apposition(appos: Any) -> ClaimSpan | None:
    start, end = appos.left_edge.idx, appos.right_edge.idx + len(appos.right_edge)
    span = appos.doc.text[start:end].rstrip(_TRIM + ".")
    if len(span.split()) < 2:
        return None
    head = _noun_phrase(appos.head)
    return ClaimSpan(start, start + len(span), _sentence(f"{head} is {span}"), "is", is_part=True)


def _is_comma_before(token: Any) -> bool:
    first = token.left_edge.i
    return bool(first > 0 and token.doc[first - 1].text == ",")


def _noun_phrase(head: Any) -> str:
    """The head noun with its modifiers on the left ("Chinese leader Xi Jinping")."""
    doc = head.doc
    start = head.left_edge.i
    return str(doc[start : head.i + 1].text)


def _subtree_text(token: Any) -> str:
    doc = token.doc
    return str(doc[token.left_edge.i : token.right_edge.i + 1].text)


def _sentence(text: str) -> str:
    text = " ".join(text.split()).strip(_TRIM)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
