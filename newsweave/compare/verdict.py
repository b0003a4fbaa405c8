"""Judge two claims: the same fact, one more specific, conflicting, or unrelated.

1. Two routes say "one fact": the paraphrase classifier (trained on MRPC, where a pair is
   positive only when both say the same thing), scored as written and on the
   attribution-free cores ("Mr Lin said Y" -> "Y"); and inclusion - sentence cosine plus a
   bonus per shared person, number or date, when the longer claim has most words of the
   shorter - which also accepts a claim that another states with extra detail ("Mr Putin,
   wanted by the ICC, last travelled in China").
2. Their values are compared slot by slot: dates, quantities, people, places, and who is
   cited as saying it.
3. If any value differs, the classifier scores the pair again with b's values put into a:
   if the claims then agree, the differing values are the only difference. Incompatible
   values then make a typed conflict, compatible ones (2019 vs January 2019) make one
   claim more specific. Claims differing in who *and* in another slot are different facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsweave.compare.attribution import Attribution, split_attribution
from newsweave.compare.names import compare_people, compare_places
from newsweave.compare.scoring import PairScorer
from newsweave.compare.values import Difference, compare_dates, compare_quantities
from newsweave.model import Claim, PairVerdict, Relation

__all__ = ["ANCHOR_BONUS", "Judgement", "content_words", "judge", "scored_pairs"]

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
# Inclusion needs the shorter claim's words in the longer: shared names alone ("Mr Xi met Mr
# Kim" vs "Mr Kim would travel at Mr Xi's invitation") do not make one fact.
_MIN_COVERAGE = 0.3
_SPECIFIC = ("more_specific", "less_specific")
# Wording differences worth reporting are small: a few words each side ("first" vs "rare").
_MAX_WORDING = 3
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "official", "officials"})


@dataclass(frozen=True, slots=True)
class Judgement:
    """How claim a relates to claim b; `score` is the probability they state one fact."""

    relation: Relation
    score: float
    differences: tuple[Difference, ...] = ()

    def verdict(self) -> PairVerdict:
        """The verdict for sentence a vs sentence b, its detail naming both values."""
        wanted = {
            "conflicting": ("conflicting",),
            "more_specific": _SPECIFIC,
            "less_specific": _SPECIFIC,
            "same": ("differs",),
        }.get(self.relation, ())
        shown = [d for d in self.differences if d.relation in wanted]
        detail = "; ".join(f"{d.kind}: {d.a_text} (a) vs {d.b_text} (b)" for d in shown) or None
        return PairVerdict(
            relation=self.relation,
            score=round(min(1.0, max(0.0, self.score)), 4),
            detail=detail,
            kind=shown[0].kind if self.relation == "conflicting" and shown else None,
        )


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    words = (w.casefold().strip("’'-") for w in _WORD.findall(text))
    return frozenset(w for w in words if w and w not in _STOPWORDS)


def judge(
    a: Claim,
    b: Claim,
    scorer: PairScorer,
    *,
    threshold: float = 0.78,
    score_unrelated: bool = True,
) -> Judgement:
    """Relation of claim a to claim b (see the module docstring for the steps).

    Args:
        a: the first claim.
        b: the second claim.
        scorer: the paraphrase scorer.
        threshold: least inclusion score (cosine plus shared-fact bonus) for one fact.
        score_unrelated: give an unrelated pair its full score. Aligning a story drops
            unrelated pairs, so it skips encoding the substituted claim when the pair is
            unrelated whatever that claim scores (the relation is the same either way).
    """
    said_a, said_b = split_attribution(a.judged_text), split_attribution(b.judged_text)
    differences = [
        *compare_dates(a, b),
        *compare_quantities(a, b),
        *compare_people(a, b),
        *compare_places(a, b),
    ]
    if not any(d.kind == "name" and d.relation == "conflicting" for d in differences):
        differences.extend(_compare_attribution(said_a, said_b, a, b))
    changed = [d for d in differences if d.relation not in {"same", "differs"}]
    probabilities = scorer.probability(scored_pairs(a, b))
    as_written = float(probabilities.max())

    def aligned() -> float:
        # Scoring a with b's values means encoding a new sentence: only when it matters.
        if not changed:
            return as_written
        substituted = _substitute(said_a.core, changed)
        return float(scorer.probability([(substituted, said_b.core)])[0])

    conflicts = [d for d in changed if d.relation == "conflicting"]
    kinds = {d.kind for d in conflicts}
    if conflicts:
        if "name" in kinds and len(kinds) > 1:
            return Judgement("unrelated", as_written, tuple(differences))
        aligned_score = aligned()
        if aligned_score < scorer.threshold:
            return Judgement("unrelated", as_written, tuple(differences))
        return Judgement("conflicting", aligned_score, tuple(differences))
    inclusion = _inclusion(a, b, scorer.cosine(a.judged_text, b.judged_text), differences)
    if _coverage(a.judged_text, b.judged_text) < _MIN_COVERAGE:
        inclusion = 0.0
    hopeless = as_written < scorer.threshold and inclusion < threshold
    if hopeless and not score_unrelated:
        return Judgement("unrelated", max(as_written, min(1.0, inclusion)), tuple(differences))
    score = max(as_written, aligned(), min(1.0, inclusion))
    if score < scorer.threshold or hopeless:
        return Judgement("unrelated", score, tuple(differences))
    directions = {d.relation for d in changed} & set(_SPECIFIC)
    if len(directions) == 1:
        relation: Relation = "more_specific" if "more_specific" in directions else "less_specific"
        return Judgement(relation, score, tuple(differences))
    return Judgement("same", score, (*differences, *_wording(said_a.core, said_b.core)))


def scored_pairs(a: Claim, b: Claim) -> list[tuple[str, str]]:
    """The text pairs `judge` always scores: the claims as written and their cores."""
    said_a, said_b = split_attribution(a.judged_text), split_attribution(b.judged_text)
    return [(a.judged_text, b.judged_text), (said_a.core, said_b.core)]


def _coverage(a: str, b: str) -> float:
    """Share of the shorter claim's content words that the longer one has."""
    words_a, words_b = content_words(a), content_words(b)
    shorter = min(words_a, words_b, key=len)
    return len(words_a & words_b) / max(1, len(shorter))


def _inclusion(a: Claim, b: Claim, cosine: float, differences: list[Difference]) -> float:
    """Cosine plus a bonus per shared person and per compatible number or date."""
    anchors = len(a.people & b.people) + sum(
        d.kind in {"date", "quantity"} and d.relation != "conflicting" for d in differences
    )
    return cosine + ANCHOR_BONUS * min(anchors, _MAX_ANCHORS)


def _substitute(text: str, differences: list[Difference]) -> str:
    """`text` with each of its differing values replaced by the other claim's value."""
    for d in differences:
        if d.a_text and d.b_text and d.a_text in text:
            text = text.replace(d.a_text, d.b_text, 1)
    return text


def _compare_attribution(
    said_a: Attribution, said_b: Attribution, a: Claim, b: Claim
) -> list[Difference]:
    """Who is cited: two different people conflict (kind "name"); one unattributed differs.

    Only sources naming a person can conflict: an outlet or "officials" may relay the same
    person's words.
    """
    if said_a.source and said_b.source:
        names_a, names_b = _source_names(said_a.source), _source_names(said_b.source)
        is_people = _names_person(said_a.source, a) and _names_person(said_b.source, b)
        if is_people and names_a and names_b and not names_a & names_b:
            return [Difference("name", "conflicting", said_a.source, said_b.source)]
        return []
    if said_a.source or said_b.source:
        return [Difference("attribution", "differs", _cited(said_a), _cited(said_b))]
    return []


def _names_person(source: str, claim: Claim) -> bool:
    return any(text in source for actor, text in claim.names if actor in claim.people)


def _cited(said: Attribution) -> str:
    return f"according to {said.source}" if said.source else "unattributed"


def _source_names(source: str) -> set[str]:
    words = {w.casefold() for w in _WORD.findall(source) if w[:1].isupper()}
    return words - _PRONOUNS - _STOPWORDS


def _wording(a: str, b: str) -> list[Difference]:
    """A few words said differently in otherwise equal claims ("first" vs "rare")."""
    only_a = [w for w in _ordered_words(a) if w not in content_words(b)]
    only_b = [w for w in _ordered_words(b) if w not in content_words(a)]
    if 1 <= len(only_a) <= _MAX_WORDING and 1 <= len(only_b) <= _MAX_WORDING:
        return [Difference("wording", "differs", " ".join(only_a), " ".join(only_b))]
    return []


def _ordered_words(text: str) -> list[str]:
    words = content_words(text)
    seen = (w.casefold().strip("’'-") for w in _WORD.findall(text))
    return list(dict.fromkeys(w for w in seen if w in words))
