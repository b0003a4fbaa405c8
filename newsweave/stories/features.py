"""What an article brings to story grouping: the features that tell one event from another.

Topic similarity alone merges two earthquakes; what separates them is who and where
(named entities), when (dates the text mentions, the calendar days and weekdays it names,
and publication time) and how much (numbers with their units). Words are weighted later
by how rare they are in the corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.model import AnnotatedArticle, Vector

__all__ = ["ACTOR_LABELS", "ArticleFeatures", "extract_features"]

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "EVENT", "LOC"})
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
_MAX_TERMS = 120
# The lead says what happened; counting it twice keeps later background from outweighing it.
_LEAD_SENTENCES = 3
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """An article as the story index sees it.

    Attributes:
        terms: content words (and entity keys prefixed "e:") with sublinear counts.
        entities: case-folded entity keys -> the name as written (first seen).
        dates: dates the text states, ISO (day, month or year precision), years not guessed.
        numbers: "value unit" keys of the quantities the text states.
        days: the calendar days ("12-14", with or without a year) and weekdays ("thursday")
            its date expressions name: reports of one event name the day it happened.
    """

    id: str
    vector: Vector
    terms: dict[str, float]
    entities: dict[str, str]
    dates: frozenset[str]
    numbers: frozenset[str]
    published: datetime | None
    title: str
    lead: str
    outlet: str | None
    days: frozenset[str] = frozenset()


def extract_features(annotated: AnnotatedArticle) -> ArticleFeatures:
    """The story-grouping features of one annotated article (deterministic)."""
    article = annotated.article
    lead = " ".join(s.text for s in annotated.sentences[:_LEAD_SENTENCES])
    counts: Counter[str] = Counter()
    for text in (article.title or "", lead, article.text):
        counts.update(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)
    entities = _entities(annotated)
    counts.update({"e:" + key: 2 for key in entities})
    terms = {t: 1.0 + math.log(n) for t, n in counts.most_common(_MAX_TERMS)}
    return ArticleFeatures(
        id=article.id,
        vector=annotated.vector,
        terms=terms,
        entities=entities,
        dates=frozenset(_dates(annotated)),
        numbers=frozenset(_numbers(annotated)),
        published=article.published,
        title=article.title or "",
        lead=annotated.sentences[0].text if annotated.sentences else article.text[:200],
        outlet=article.outlet,
        days=frozenset(_days(annotated)),
    )


def _entities(annotated: AnnotatedArticle) -> dict[str, str]:
    found: dict[str, str] = {}
    for mention in annotated.entities:
        if mention.label not in ACTOR_LABELS or len(mention.text) < 2:
            continue
        found.setdefault(mention.text.casefold(), mention.text)
        # "Tara Reid" is later just "Reid": the surname is the key reports share.
        if mention.label == "PERSON" and " " in mention.text:
            surname = mention.text.rsplit(" ", 1)[1]
            found.setdefault(surname.casefold(), surname)
    return found


def _dates(annotated: AnnotatedArticle) -> set[str]:
    out = set()
    for mention in annotated.dates:
        value = mention.value
        # A bare year ("the 2008 season") still places an undated report in time.
        if value is None or value.year is None:
            continue
        out.add(value.iso())
    return out


def _days(annotated: AnnotatedArticle) -> set[str]:
    out = set()
    for mention in annotated.dates:
        value = mention.value
        if value is not None and value.month is not None and value.day is not None:
            out.add(f"{value.month:02d}-{value.day:02d}")
        # An undated report's "on Thursday" resolves to no date, but still names the day.
        out.update(_WEEKDAY.findall(mention.text.lower()))
    return out


def _numbers(annotated: AnnotatedArticle) -> set[str]:
    out = set()
    for q in annotated.quantities:
        if q.unit and not q.is_approximate and q.low == q.high:
            out.add(f"{q.low:g} {q.unit}")
    return out
