"""Judge two aligned claims: the same fact, one more specific, conflicting, or unrelated."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.compare.values import Difference, compare_dates, compare_quantities
from newsweave.model import Claim, PairVerdict, Relation

__all__ = ["ANCHOR_BONUS", "Judgement", "alignment_score", "content_words", "judge"]

_WORD = re.compile(r"[\w’'-]+")
_STOPWORDS = frozenset(
    (
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "being",
        "will",
        "would",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "them",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "also",
        "than",
        "then",
        "there",
        "here",
        "not",
        "no",
        "into",
        "over",
        "about",
        "after",
        "before",
        "since",
        "said",
        "says",
        "say",
        "mr",
        "mrs",
        "ms",
    )
)
# Each fact two sentences share (a person, an equal number, a compatible date) adds this to
# their cosine, up to three: shared specifics are what make two sentences one claim.
ANCHOR_BONUS = 0.08
_MAX_ANCHORS = 3
# Different numbers or dates in loosely related sentences are usually different facts ("trade
# in 2023" vs "relations soured since 2020"); they conflict only in near-paraphrases.
CONFLICT_MIN_COSINE = 0.75


@dataclass(frozen=True, slots=True)
class Judgement:
    relation: Relation
    score: float
    differences: tuple[Difference, ...] = ()

    def verdict(self) -> PairVerdict:
        kinds = [d for d in self.differences if d.relation != "same"]
        conflicts = [d for d in kinds if d.relation == "conflicting"]
        shown = conflicts or kinds
        detail = "; ".join(f"{d.a_text} vs {d.b_text}" for d in shown) or None
        return PairVerdict(
            relation=self.relation,
            score=round(self.score, 4),
            detail=detail,
            kind=shown[0].kind if self.relation == "conflicting" and shown else None,
        )


def content_words(text: str) -> frozenset[str]:
    words = (w.casefold().strip("’'-") for w in _WORD.findall(text))
    return frozenset(w for w in words if w and w not in _STOPWORDS)


def alignment_score(
    cosine: float, differences: tuple[Difference, ...], a: Claim, b: Claim
) -> float:
    """Cosine of the sentence embeddings plus a bonus per shared person, number or date."""
    anchors = len(a.people & b.people) + sum(d.relation != "conflicting" for d in differences)
    return cosine + ANCHOR_BONUS * min(anchors, _MAX_ANCHORS)


def judge(a: Claim, b: Claim, *, cosine: float, threshold: float) -> Judgement:
    """Relation of claim a to claim b given their embedding cosine.

    Claims about different people are unrelated however alike their wording ("Mr Putin last
    visited in 2024" vs "Mr Kim last visited in 2019").
    """
    differences = tuple(compare_dates(a, b) + compare_quantities(a, b))
    score = alignment_score(cosine, differences, a, b)
    if a.people and b.people and not (a.people & b.people):
        return Judgement("unrelated", score)
    if score < threshold:
        return Judgement("unrelated", score)
    relations = {d.relation for d in differences}
    if "conflicting" in relations:
        if cosine < CONFLICT_MIN_COSINE:
            return Judgement("unrelated", score, differences)
        return Judgement("conflicting", score, differences)
    if "more_specific" in relations and "less_specific" not in relations:
        return Judgement("more_specific", score, differences)
    if "less_specific" in relations and "more_specific" not in relations:
        return Judgement("less_specific", score, differences)
    return Judgement("same", score, differences)
