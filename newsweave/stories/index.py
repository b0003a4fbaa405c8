"""An online story index: each arriving article joins the closest live story or opens one.

    article -> features -> candidates (inverted index) -> score each -> join best or open new

Candidates come from an inverted index over the stories' strongest TF-IDF terms (entity
keys among them), so the cost per article depends on how many stories share its
distinctive words (each list is capped), not on how many stories exist. Each candidate is
scored on lead-vector cosine, TF-IDF cosine, shared entities, dates and numbers, less a
penalty for the publication-time gap; a story stops accepting articles `window_days`
outside its span. Arrival order matters, as it does for a newsroom feed; nothing already
assigned is re-clustered (`newsweave stories rebuild` does that in batch).

State, and how to persist it (for the store and for batch runners):

    index = StoryIndex.restore(snapshot, threshold=..., window_days=...)
    for article in stream: index.assign(article)
    changes = index.take_changes()   # touched stories + document-frequency deltas
    ... write `changes` in the same transaction as the articles ...

`IndexSnapshot` (every story state + document frequencies) is all the index needs to
continue exactly where it stopped: the postings are rebuilt from the states.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from newsweave.model import AnnotatedArticle, StoryAssignment
from newsweave.stories.features import ArticleFeatures, extract_features
from newsweave.stories.profile import StoryState, absorb, merge_states, new_story

__all__ = ["IndexChanges", "IndexSnapshot", "StoryIndex", "StoryWeights"]


@dataclass(frozen=True, slots=True)
class StoryWeights:
    """How much each kind of evidence counts in an article-to-story score (tuned on ECB+ train)."""

    dense: float = 0.35
    lexical: float = 0.65
    entities: float = 0.25
    dates: float = 0.10
    numbers: float = 0.05
    time: float = 0.30
    # An article scoring this far above the threshold on two stories bridges them: merge.
    merge_margin: float | None = None
    posting_terms: int = 30
    query_terms: int = 40
    # Every candidate lookup reads up to query_terms x posting_limit entries: this cap is what
    # keeps the cost per article flat (at 400 it kept rising until 10k articles filled the lists).
    posting_limit: int = 100
    candidates: int = 40


@dataclass(frozen=True, slots=True)
class IndexSnapshot:
    """Everything a StoryIndex needs to continue: story states and document frequencies."""

    states: tuple[StoryState, ...] = ()
    doc_freq: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IndexChanges:
    """What changed since the last `take_changes()`.

    Attributes:
        states: stories to upsert, in the order they first changed.
        doc_freq: term -> articles to add to its document frequency.
        merged: story id -> the story it was merged into (its articles move there).
    """

    states: tuple[StoryState, ...]
    doc_freq: Mapping[str, int]
    merged: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class StoryIndex:
    """Assign articles to stories as they arrive.

    Args:
        threshold: least score for an article to join a story.
        window_days: a story stops accepting articles this long outside its publication span.
        weights: the scoring weights.
    """

    threshold: float = 0.35
    window_days: float = 10.0
    weights: StoryWeights = field(default_factory=StoryWeights)
    stories_: dict[str, StoryState] = field(default_factory=dict)
    doc_freq_: Counter[str] = field(default_factory=Counter)
    n_docs_: int = 0
    postings_: dict[str, dict[str, None]] = field(default_factory=dict)
    touched_: dict[str, None] = field(default_factory=dict)
    freq_delta_: Counter[str] = field(default_factory=Counter)
    merged_: dict[str, str] = field(default_factory=dict)

    @classmethod
    def restore(
        cls,
        snapshot: IndexSnapshot,
        *,
        threshold: float,
        window_days: float,
        weights: StoryWeights | None = None,
    ) -> StoryIndex:
        """An index continuing from a snapshot (as read back from the store)."""
        index = cls(threshold=threshold, window_days=window_days, weights=weights or StoryWeights())
        index.doc_freq_.update(snapshot.doc_freq)
        for state in snapshot.states:
            index.stories_[state.id] = state
            index.n_docs_ += state.n_articles
        for state in snapshot.states:
            index._post(state.id, index._strongest(state.terms, index.weights.posting_terms * 2))
        return index

    def snapshot(self) -> IndexSnapshot:
        """The whole state, as `restore` takes it."""
        return IndexSnapshot(tuple(self.stories_.values()), dict(self.doc_freq_))

    def take_changes(self) -> IndexChanges:
        """Stories changed (in the order first changed, so new ones keep their arrival order)
        and frequencies added since the last call; resets both."""
        changes = IndexChanges(
            tuple(self.stories_[i] for i in self.touched_ if i in self.stories_),
            dict(self.freq_delta_),
            dict(self.merged_),
        )
        self.touched_, self.freq_delta_, self.merged_ = {}, Counter(), {}
        return changes

    # --- assignment -------------------------------------------------------------------------

    def assign(self, article: AnnotatedArticle) -> StoryAssignment:
        """Place one article; returns where it went. Updates the index in place."""
        return self.assign_features(extract_features(article))

    def assign_features(self, features: ArticleFeatures) -> StoryAssignment:
        """`assign` for features already extracted."""
        self._count(features)
        log_n, df, log = math.log(self.n_docs_ + 1) + 1.0, self.doc_freq_, math.log
        idf = {term: log_n - log(df.get(term, 0) + 1) for term in features.terms}
        weight = {term: tf * idf[term] for term, tf in features.terms.items()}
        scored: list[tuple[float, str]] = []
        for story_id in self.candidates(weight):
            state = self.stories_[story_id]
            if self.is_live(state, features.published):
                scored.append((self.score(state, features, idf), story_id))
        best_score, best_id = max(scored, default=(-math.inf, ""))
        scale = 1.0 / max(math.sqrt(sum(x * x for x in weight.values())), 1e-12)
        if best_score >= self.threshold:
            state = absorb(self.stories_[best_id], features, term_scale=scale)
            if self.weights.merge_margin is not None:
                bar = self.threshold + self.weights.merge_margin
                for other in [i for v, i in scored if v >= bar and i != best_id]:
                    state = self._merge(state, other)
            is_new = False
        else:
            state, best_score, is_new = new_story(features, term_scale=scale), 1.0, True
        self.stories_[state.id] = state
        self.touched_[state.id] = None
        self._post(
            state.id, heapq.nlargest(self.weights.posting_terms, weight, key=weight.__getitem__)
        )
        return StoryAssignment(features.id, state.id, float(best_score), is_new_story=is_new)

    def candidates(self, weight: Mapping[str, float]) -> list[str]:
        """Stories listed under the article's strongest TF-IDF terms, most shared weight first."""
        hits: dict[str, float] = {}
        for key in heapq.nlargest(self.weights.query_terms, weight, key=weight.__getitem__):
            for story_id in self.postings_.get(key, ()):
                if story_id in self.stories_:
                    hits[story_id] = hits.get(story_id, 0.0) + weight[key]
        return heapq.nlargest(self.weights.candidates, hits, key=hits.__getitem__)

    def score(
        self, state: StoryState, features: ArticleFeatures, idf: Mapping[str, float]
    ) -> float:
        """How well an article fits a story: higher is better; `threshold` decides."""
        w = self.weights
        # The centroid is the mean of unit vectors: its dot product is the mean cosine.
        value = w.dense * float(state.centroid @ features.vector)
        value += w.lexical * self.lexical_cosine(state, features.terms, idf)
        value += w.entities * _entity_share(state, features, idf)
        value += w.dates * _agreement(state.dates, features.dates)
        value += w.numbers * _share(state.numbers, features.numbers)
        return value - w.time * self._gap_days(state, features.published) / self.window_days

    def lexical_cosine(
        self, state: StoryState, terms: Mapping[str, float], idf: Mapping[str, float]
    ) -> float:
        """Mean TF-IDF cosine of an article to a story's articles (average linkage).

        A story keeps the sum of its articles' normalised term vectors, so the mean cosine
        is one dot product; unlike the cosine to a centroid, it does not flatter a loose
        story whose articles disagree.
        """
        story_terms = state.terms
        dot = a_norm = 0.0
        for term, tf in terms.items():
            weight = tf * idf[term]
            a_norm += weight * weight
            if term in story_terms:
                dot += weight * story_terms[term] * idf[term]
        if not dot:
            return 0.0
        return dot / math.sqrt(a_norm) / max(state.n_articles, 1)

    def idf(self, term: str) -> float:
        return math.log((self.n_docs_ + 1) / (self.doc_freq_.get(term, 0) + 1)) + 1.0

    def is_live(self, state: StoryState, when: datetime | None) -> bool:
        return self._gap_days(state, when) <= self.window_days

    # --- internals --------------------------------------------------------------------------

    def _merge(self, kept: StoryState, other_id: str) -> StoryState:
        """Fold story `other_id` into `kept`; its id becomes an alias (listed in changes)."""
        other = self.stories_.pop(other_id)
        self.merged_[other_id] = kept.id
        for old, new in list(self.merged_.items()):
            if new == other_id:
                self.merged_[old] = kept.id
        self._post(kept.id, self._strongest(other.terms, self.weights.posting_terms))
        return merge_states(kept, other)

    def _gap_days(self, state: StoryState, when: datetime | None) -> float:
        if when is None or state.first_seen is None or state.last_seen is None:
            return 0.0
        if when > state.last_seen:
            return (when - state.last_seen).total_seconds() / 86400
        if when < state.first_seen:
            return (state.first_seen - when).total_seconds() / 86400
        return 0.0

    def _count(self, features: ArticleFeatures) -> None:
        self.n_docs_ += 1
        self.doc_freq_.update(features.terms.keys())
        self.freq_delta_.update(features.terms.keys())

    def _strongest(self, terms: Mapping[str, float], n: int) -> list[str]:
        return heapq.nlargest(n, terms, key=lambda t: terms[t] * self.idf(t))

    def _post(self, story_id: str, terms: Iterable[str]) -> None:
        """List the story under these terms; a long list keeps its most recent stories."""
        limit = self.weights.posting_limit
        for term in terms:
            posting = self.postings_.setdefault(term, {})
            posting.pop(story_id, None)
            posting[story_id] = None
            if len(posting) > limit:
                del posting[next(iter(posting))]


def _entity_share(state: StoryState, features: ArticleFeatures, idf: Mapping[str, float]) -> float:
    """The part of the article's entity weight (rare names count more) the story shares."""
    total = shared = 0.0
    for key in features.entities:
        weight = idf.get("e:" + key, 1.0)
        total += weight
        if key in state.entities:
            shared += weight
    return shared / total if total else 0.0


def _share(story: Mapping[str, int], article: Iterable[str]) -> float:
    keys = list(article)
    if not keys or not story:
        return 0.0
    return sum(key in story for key in keys) / len(keys)


def _agreement(story: Mapping[str, int], article: frozenset[str]) -> float:
    """+1 when the article states a date the story states, -1 when both state dates, none shared."""
    if not article or not story:
        return 0.0
    return 1.0 if any(d in story for d in article) else -1.0
