"""A story as the index remembers it: a profile of its articles, persisted between runs.

The profile is what an arriving article is compared with: the mean lead vector, summed
term weights (capped to the strongest), entity, date and number counts, the outlets and
the publication span. Profiles are plain values, so the store can save and restore them
and a batch runner can build them on several workers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import numpy as np

from newsweave.model import Vector
from newsweave.stories.features import ArticleFeatures

__all__ = [
    "ArticleVectors",
    "StoryState",
    "absorb",
    "new_story",
    "profile_from_dict",
    "profile_to_dict",
    "story_id_for",
]

_MAX_TERMS = 200
_MAX_KEYS = 64


@dataclass(frozen=True, slots=True)
class ArticleVectors:
    """An article's unit-length sparse vectors, weighted by the index when it arrived.

    A story sums its articles' vectors, so the dot product of an article with that sum,
    divided by the story's size, is its mean cosine to the story's articles (average linkage).

    Attributes:
        terms: TF-IDF weights of its words and entity keys.
        entities: IDF weights of the names it mentions (rare names count more).
        numbers: its exact quantities, equally weighted.
        days: the calendar days and weekdays it names, equally weighted.
    """

    terms: Mapping[str, float] = field(default_factory=dict)
    entities: Mapping[str, float] = field(default_factory=dict)
    numbers: Mapping[str, float] = field(default_factory=dict)
    days: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoryState:
    """What the index remembers of a story.

    Attributes:
        centroid: mean of the articles' lead vectors (not normalised).
        terms: the sum of its articles' unit TF-IDF vectors, strongest `_MAX_TERMS` kept.
        entity_sums, number_sums: the sums of its articles' unit entity and number vectors.
        entities: entity key -> number of articles naming it; `names` gives its written form.
        dates, numbers: mentioned dates (ISO) and quantities -> number of articles stating them.
        dated: how many of its articles state any date (how much its `dates` speak for it).
        day_sums: the sum of its articles' unit vectors of days and weekdays named; `timed`
            how many of its articles name any.
        outlets: outlet -> articles; lead: the first article's first sentence (the event).
        last_active: the newest publication time the index had seen when the story last took
            an article; an undated story fades from memory by it.
    """

    id: str
    centroid: Vector
    n_articles: int
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    title: str = ""
    has_headline: bool = False
    lead: str = ""
    terms: Mapping[str, float] = field(default_factory=dict)
    entities: Mapping[str, int] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    dates: Mapping[str, int] = field(default_factory=dict)
    numbers: Mapping[str, int] = field(default_factory=dict)
    outlets: Mapping[str, int] = field(default_factory=dict)
    entity_sums: Mapping[str, float] = field(default_factory=dict)
    number_sums: Mapping[str, float] = field(default_factory=dict)
    last_active: datetime | None = None
    dated: int = 0
    day_sums: Mapping[str, float] = field(default_factory=dict)
    timed: int = 0

    @property
    def actors(self) -> frozenset[str]:
        """Case-folded entity keys (kept for callers of the first index)."""
        return frozenset(self.entities)

    def main_actors(self, n: int = 3) -> list[str]:
        """The names most of its articles mention, most frequent first."""
        ranked = sorted(self.entities.items(), key=lambda kv: (-kv[1], kv[0]))
        names: list[str] = []
        for key, _ in ranked:
            name = self.names.get(key, key)
            # "Reid" adds nothing once "Tara Reid" is listed.
            if any(key in other.casefold().split() for other in names):
                continue
            names.append(name)
            if len(names) == n:
                break
        return names


def story_id_for(first_article_id: str) -> str:
    """Story ids derive from their first article, so a rebuild in the same order keeps them."""
    return "st-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]  # noqa: S324


def new_story(features: ArticleFeatures, vectors: ArticleVectors) -> StoryState:
    """A story opened by one article."""
    empty = StoryState(
        id=story_id_for(features.id), centroid=np.zeros_like(features.vector), n_articles=0
    )
    return absorb(empty, features, vectors)


def absorb(state: StoryState, features: ArticleFeatures, vectors: ArticleVectors) -> StoryState:
    """The story with one more article (`vectors` as the index weighted them)."""
    when = features.published
    first, last = state.first_seen, state.last_seen
    if when is not None:
        first = when if first is None or when < first else first
        last = when if last is None or when > last else last
    n = state.n_articles
    names = dict(state.names)
    for key, name in features.entities.items():
        names.setdefault(key, name)
    entities = _add(state.entities, dict.fromkeys(features.entities, 1), _MAX_KEYS)
    has_headline = state.has_headline or bool(features.title)
    # A story is named by its first headline; a lead sentence stands in until one comes.
    title = state.title if state.has_headline or not features.title else features.title
    return replace(
        state,
        centroid=((state.centroid * n + features.vector) / (n + 1)).astype(np.float32),
        n_articles=n + 1,
        first_seen=first,
        last_seen=last,
        title=title or _shorten(features.lead, 100),
        has_headline=has_headline,
        lead=state.lead or features.lead,
        terms=_add(state.terms, vectors.terms, _MAX_TERMS),
        entity_sums=_add(state.entity_sums, vectors.entities, _MAX_KEYS),
        number_sums=_add(state.number_sums, vectors.numbers, _MAX_KEYS),
        entities=entities,
        names={k: names[k] for k in entities},
        dates=_add(state.dates, dict.fromkeys(features.dates, 1), _MAX_KEYS),
        dated=state.dated + bool(features.dates),
        day_sums=_add(state.day_sums, vectors.days, _MAX_KEYS),
        timed=state.timed + bool(features.days),
        numbers=_add(state.numbers, dict.fromkeys(features.numbers, 1), _MAX_KEYS),
        outlets=_add(state.outlets, {features.outlet: 1} if features.outlet else {}, _MAX_KEYS),
    )


def merge_states(kept: StoryState, other: StoryState) -> StoryState:
    """One story from two: `kept` keeps its id, title and lead; counts and spans combine."""
    n = kept.n_articles + other.n_articles
    spans = [t for t in (kept.first_seen, other.first_seen, kept.last_seen, other.last_seen) if t]
    actives = [t for t in (kept.last_active, other.last_active) if t]
    names = {**other.names, **kept.names}
    entities = _add(kept.entities, other.entities, _MAX_KEYS)
    return replace(
        kept,
        centroid=((kept.centroid * kept.n_articles + other.centroid * other.n_articles) / n).astype(
            np.float32
        ),
        n_articles=n,
        first_seen=min(spans) if spans else None,
        last_seen=max(spans) if spans else None,
        last_active=max(actives) if actives else None,
        terms=_add(kept.terms, other.terms, _MAX_TERMS),
        entity_sums=_add(kept.entity_sums, other.entity_sums, _MAX_KEYS),
        number_sums=_add(kept.number_sums, other.number_sums, _MAX_KEYS),
        entities=entities,
        names={k: names[k] for k in entities if k in names},
        dates=_add(kept.dates, other.dates, _MAX_KEYS),
        dated=kept.dated + other.dated,
        day_sums=_add(kept.day_sums, other.day_sums, _MAX_KEYS),
        timed=kept.timed + other.timed,
        numbers=_add(kept.numbers, other.numbers, _MAX_KEYS),
        outlets=_add(kept.outlets, other.outlets, _MAX_KEYS),
    )


def _add(counts: Mapping[str, Any], more: Mapping[str, Any], cap: int) -> dict[str, Any]:
    out = dict(counts)
    for key, value in more.items():
        out[key] = out.get(key, 0) + value
    # Trimmed in bursts (at 1.5 x cap), not on every article: sorting is the costly part.
    if len(out) > cap * 3 // 2:
        out = dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))[:cap])
    return out


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rsplit(" ", 1)[0] + "…"


def profile_to_dict(state: StoryState) -> dict[str, Any]:
    """The parts of a state the stories table has no column for, as JSON-ready data."""
    return {
        "lead": state.lead,
        "terms": {k: round(v, 5) for k, v in state.terms.items()},
        "entity_sums": {k: round(v, 5) for k, v in state.entity_sums.items()},
        "number_sums": {k: round(v, 5) for k, v in state.number_sums.items()},
        "entities": dict(state.entities),
        "names": dict(state.names),
        "dates": dict(state.dates),
        "numbers": dict(state.numbers),
        "outlets": dict(state.outlets),
        "last_active": state.last_active.isoformat() if state.last_active else None,
        "dated": state.dated,
        "day_sums": {k: round(v, 5) for k, v in state.day_sums.items()},
        "timed": state.timed,
    }


def profile_from_dict(state: StoryState, data: Mapping[str, Any]) -> StoryState:
    """`state` completed with a stored profile (the inverse of `profile_to_dict`)."""
    return replace(
        state,
        lead=data["lead"],
        terms=dict(data["terms"]),
        entity_sums=dict(data["entity_sums"]),
        number_sums=dict(data["number_sums"]),
        entities=dict(data["entities"]),
        names=dict(data["names"]),
        dates=dict(data["dates"]),
        numbers=dict(data["numbers"]),
        outlets=dict(data["outlets"]),
        last_active=_datetime(data.get("last_active")),
        # Profiles saved before the count: as if every article stated a date (the old score).
        dated=data.get("dated", state.n_articles),
        # Profiles saved before days were kept: as if no article named one (no evidence).
        day_sums=dict(data.get("day_sums", {})),
        timed=data.get("timed", 0),
    )


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
