"""How well an article fits a story: the weights of each kind of evidence, the score
`StoryIndex` compares with its threshold, and the per-channel pieces that score adds up
(mean cosines as sparse dot products, date and year agreement, the publication gap)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from newsweave.stories.features import ArticleFeatures
from newsweave.stories.profile import ArticleVectors, StoryState

__all__ = [
    "StoryWeights",
    "date_agreement",
    "day_agreement",
    "gap_days",
    "sparse_dot",
    "story_score",
    "unit_vector",
    "year_agreement",
]


@dataclass(frozen=True, slots=True)
class StoryWeights:
    """How much each kind of evidence counts in an article-to-story score (tuned on ECB+ train).

    `dense`, `lexical`, `entities` and `numbers` weigh mean cosines to the story's articles;
    `dates` weighs +1/-1 agreement of mentioned dates; `time` the publication gap in windows.
    """

    dense: float = 0.30
    lexical: float = 0.40
    entities: float = 0.40
    dates: float = 0.0
    numbers: float = 0.10
    time: float = 0.30
    # Undated articles only: +1/-1 as the years their text states agree with the story's (in
    # publication time's stead; for a dated article the time gap already says when), times
    # the share of the story's articles that state a date.
    years: float = 0.125
    # Undated articles only, too: +1/-1 per story article naming days, as it names one of the
    # days or weekdays the article names or none of them, averaged over all the story's
    # articles. Reports of one event say "on Thursday" or "Dec. 14"; its look-alike's name
    # other days. For a dated article the time gap and resolved dates already say when.
    days: float = 0.10
    # An article scoring this far above the threshold on two stories bridges them: merge.
    merge_margin: float | None = None
    posting_terms: int = 30
    query_terms: int = 40
    # Every candidate lookup reads up to query_terms x posting_limit entries: this cap is what
    # keeps the cost per article flat (at 400 it kept rising until 10k articles filled the lists).
    posting_limit: int = 100
    candidates: int = 40


def story_score(
    state: StoryState,
    features: ArticleFeatures,
    vectors: ArticleVectors,
    weights: StoryWeights,
    *,
    window_days: float,
) -> float:
    """How well an article fits a story: higher is better (`StoryIndex.score`)."""
    w, n = weights, max(state.n_articles, 1)
    # The centroid is the mean of unit vectors: its dot product is the mean cosine.
    value = w.dense * float(state.centroid @ features.vector)
    value += w.lexical * sparse_dot(vectors.terms, state.terms) / n
    value += w.entities * sparse_dot(vectors.entities, state.entity_sums) / n
    value += w.numbers * sparse_dot(vectors.numbers, state.number_sums) / n
    value += w.dates * date_agreement(state.dates, features.dates)
    if features.published is None and w.years:
        # Years stated by one article of ten speak for the story less than years all state.
        stating = min(state.dated, n) / n
        value += w.years * stating * year_agreement(state.dates, features.dates)
    if features.published is None and w.days and vectors.days:
        value += w.days * day_agreement(state, vectors.days)
    return value - w.time * gap_days(state, features.published) / window_days


def day_agreement(state: StoryState, days: Mapping[str, float]) -> float:
    """From -1 to +1: the mean over the story's articles of 2 x cosine - 1 between the days
    (and weekdays) they name and `days` (the article's unit vector), 0 for articles naming none.
    One sparse dot product with the story's sum, whatever its size."""
    return (2.0 * sparse_dot(days, state.day_sums) - state.timed) / max(state.n_articles, 1)


def gap_days(state: StoryState, when: datetime | None) -> float:
    """Days from `when` to the story's publication span: 0 inside it or when undated."""
    if when is None or state.first_seen is None or state.last_seen is None:
        return 0.0
    if when > state.last_seen:
        return (when - state.last_seen).total_seconds() / 86400
    if when < state.first_seen:
        return (state.first_seen - when).total_seconds() / 86400
    return 0.0


def unit_vector(weights: Mapping[str, float]) -> dict[str, float]:
    """The weights scaled to unit length (empty when all are 0): a channel's vector."""
    norm = math.sqrt(sum(x * x for x in weights.values()))
    return {key: x / norm for key, x in weights.items()} if norm else {}


def sparse_dot(small: Mapping[str, float], big: Mapping[str, float]) -> float:
    """Sparse dot product; `small` is iterated, so pass the article's vector first."""
    return sum(x * big.get(key, 0.0) for key, x in small.items())


def date_agreement(story: Mapping[str, int], article: frozenset[str]) -> float:
    """+1 when the article states a date the story states, -1 when both state dates, none shared."""
    if not article or not story:
        return 0.0
    return 1.0 if any(d in story for d in article) else -1.0


def year_agreement(story: Mapping[str, int], article: frozenset[str]) -> float:
    """From -1 (no year in common) to +1 (the same years, equally often), by the cosine of
    the years stated; 0 when either states none. Look-alike events (two earthquakes in one
    region) are often years apart, and their reports say so."""
    years: Counter[str] = Counter(d[:4] for d in article)
    story_years: Counter[str] = Counter()
    for day, n in story.items():
        story_years[day[:4]] += n
    if not years or not story_years:
        return 0.0
    dot = sum(n * story_years[y] for y, n in years.items())
    norms = math.sqrt(sum(n * n for n in years.values())) * math.sqrt(
        sum(n * n for n in story_years.values())
    )
    return 2.0 * dot / norms - 1.0
