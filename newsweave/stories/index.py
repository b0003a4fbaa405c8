"""An online story index: each arriving article joins the closest live story or opens one.

    article -> features -> candidates (inverted index) -> score each -> join best or open new

Candidates come from an inverted index over the stories' strongest TF-IDF terms (entity
keys among them), so the cost per article depends on how many stories share its
distinctive words (each list is capped), not on how many stories exist. Each candidate is
scored on the article's mean similarity to the story's articles (average linkage) in four
channels: lead vector, TF-IDF terms, names (rare ones weigh more) and exact quantities; plus
agreement of the dates mentioned, less a penalty for the publication-time gap. A story
stops accepting articles `window_days` outside its span. Each channel keeps the sum of its
articles' unit vectors, so a mean cosine is one sparse dot product, whatever the story
size. Arrival order matters, as it does for a newsroom feed; nothing already assigned is
re-clustered (`newsweave stories rebuild` does that in batch).

Only live stories stay in memory and in the postings: once the newest publication time
seen (the watermark) is two windows past a story's last article, the story is evicted, so
memory and lookups depend on how much news one window holds, not on the corpus. A late
article (published more than a window before the watermark) may belong to an evicted
story: it is scored against every story whose span is near its date, in memory or read
from the `archive` (the store) -- a slower path, taken only for late articles, which gives
the same result after a restart (when only the live stories are loaded).

State, and how to persist it (for the store and for batch runners):

    index = StoryIndex.restore(snapshot, threshold=..., window_days=...)
    for article in stream: index.assign(article)
    changes = index.take_changes()   # touched stories + document-frequency deltas
    ... write `changes` in the same transaction as the articles ...

`IndexSnapshot` (the live story states, document frequencies and the article count) is
all the index needs to continue where it stopped: the postings are rebuilt from the states.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol

from newsweave.model import AnnotatedArticle, StoryAssignment
from newsweave.stories.features import ArticleFeatures, extract_features
from newsweave.stories.profile import (
    ArticleVectors,
    StoryState,
    absorb,
    merge_states,
    new_story,
)
from newsweave.stories.scoring import StoryWeights, gap_days, story_score, unit_vector

__all__ = [
    "LIVE_WINDOWS",
    "IndexChanges",
    "IndexSnapshot",
    "StoryArchive",
    "StoryIndex",
]

# A story leaves memory this many windows after its last article (one window of grace, so
# articles arriving slightly out of order never need the slow path).
LIVE_WINDOWS = 2.0


@dataclass(frozen=True, slots=True)
class IndexSnapshot:
    """Everything a StoryIndex needs to continue: live story states and document frequencies.

    Attributes:
        n_docs: articles seen; None when `states` hold them all (their counts add up to it).
    """

    states: tuple[StoryState, ...] = ()
    doc_freq: Mapping[str, int] = field(default_factory=dict)
    n_docs: int | None = None


class StoryArchive(Protocol):
    """Where evicted stories can still be found (the store, for the pipeline)."""

    def stories_between(self, start: datetime, end: datetime) -> Iterable[StoryState]:
        """Dated stories whose publication span overlaps [start, end]."""
        ...


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
        archive: where late articles look for evicted stories (none: they only see memory).
    """

    threshold: float = 0.30
    window_days: float = 10.0
    weights: StoryWeights = field(default_factory=StoryWeights)
    archive: StoryArchive | None = None
    stories_: dict[str, StoryState] = field(default_factory=dict)
    doc_freq_: Counter[str] = field(default_factory=Counter)
    n_docs_: int = 0
    postings_: dict[str, dict[str, None]] = field(default_factory=dict)
    posted_: dict[str, set[str]] = field(default_factory=dict)
    touched_: dict[str, None] = field(default_factory=dict)
    freq_delta_: Counter[str] = field(default_factory=Counter)
    merged_: dict[str, str] = field(default_factory=dict)
    watermark_: datetime | None = None
    # (time a story fades by, id), oldest first; stale entries are skipped when popped.
    fading_: list[tuple[datetime, str]] = field(default_factory=list)
    # Evicted stories changed since the last take_changes (not in the store yet).
    retired_: dict[str, StoryState] = field(default_factory=dict)

    @classmethod
    def restore(
        cls,
        snapshot: IndexSnapshot,
        *,
        threshold: float,
        window_days: float,
        weights: StoryWeights | None = None,
        archive: StoryArchive | None = None,
    ) -> StoryIndex:
        """An index continuing from a snapshot (as read back from the store)."""
        index = cls(
            threshold=threshold,
            window_days=window_days,
            weights=weights or StoryWeights(),
            archive=archive,
        )
        index.doc_freq_.update(snapshot.doc_freq)
        for state in snapshot.states:
            index.stories_[state.id] = state
            index.n_docs_ += state.n_articles
            index._advance(state.last_seen)
            index._schedule_fading(state)
        if snapshot.n_docs is not None:
            index.n_docs_ = snapshot.n_docs
        for state in snapshot.states:
            index._post(state.id, index._strongest(state.terms, index.weights.posting_terms * 2))
        index._evict_faded()
        return index

    def snapshot(self) -> IndexSnapshot:
        """The live state, as `restore` takes it."""
        return IndexSnapshot(tuple(self.stories_.values()), dict(self.doc_freq_), self.n_docs_)

    def take_changes(self) -> IndexChanges:
        """Stories changed (in the order first changed, so new ones keep their arrival order)
        and frequencies added since the last call; resets both."""
        changed = (self.stories_.get(i) or self.retired_.get(i) for i in self.touched_)
        changes = IndexChanges(
            tuple(s for s in changed if s is not None), dict(self.freq_delta_), dict(self.merged_)
        )
        self.touched_, self.freq_delta_, self.merged_ = {}, Counter(), {}
        self.retired_ = {}
        return changes

    def live_horizon(self) -> datetime | None:
        """Stories whose last article is older than this are evicted (None: nothing is)."""
        if self.watermark_ is None:
            return None
        return _shifted(self.watermark_, -timedelta(days=LIVE_WINDOWS * self.window_days))

    # --- assignment -------------------------------------------------------------------------

    def assign(self, article: AnnotatedArticle) -> StoryAssignment:
        """Place one article; returns where it went. Updates the index in place."""
        return self.assign_features(extract_features(article))

    def assign_features(self, features: ArticleFeatures) -> StoryAssignment:
        """`assign` for features already extracted."""
        self._count(features)
        self._advance(features.published)
        self._evict_faded()
        log_n, df, log = math.log(self.n_docs_ + 1) + 1.0, self.doc_freq_, math.log
        idf = {term: log_n - log(df.get(term, 0) + 1) for term in features.terms}
        weight = {term: tf * idf[term] for term, tf in features.terms.items()}
        vectors = ArticleVectors(
            terms=unit_vector(weight),
            entities=unit_vector(
                {key: idf.get("e:" + key) or self.idf("e:" + key) for key in features.entities}
            ),
            numbers=unit_vector(dict.fromkeys(features.numbers, 1.0)),
            days=unit_vector(dict.fromkeys(features.days, 1.0)),
        )
        if features.published is not None and self._is_late(features.published):
            # Scored against every story near its date, in memory or not: the postings hold
            # what is live now, and a restart (which loads only that) must not change this.
            near = self._near(features.published)
        else:
            near = {i: self.stories_[i] for i in self.candidates(weight)}
        scored = [
            (self.score(state, features, vectors), story_id)
            for story_id, state in near.items()
            if self.is_live(state, features.published)
        ]
        best_score, best_id = max(scored, default=(-math.inf, ""))
        if best_score >= self.threshold:
            self.retired_.pop(best_id, None)  # a late article may bring its old story back
            state = absorb(near[best_id], features, vectors)
            if self.weights.merge_margin is not None:
                bar = self.threshold + self.weights.merge_margin
                for other in [
                    i for v, i in scored if v >= bar and i != best_id and i in self.stories_
                ]:
                    state = self._merge(state, other)
            is_new = False
        else:
            state, best_score, is_new = new_story(features, vectors), 1.0, True
        state = replace(state, last_active=self.watermark_)
        self.stories_[state.id] = state
        self.touched_[state.id] = None
        self._schedule_fading(state)
        self._post(
            state.id, heapq.nlargest(self.weights.posting_terms, weight, key=weight.__getitem__)
        )
        self._evict_faded()  # a story a late article opened or revived leaves memory again
        return StoryAssignment(features.id, state.id, float(best_score), is_new_story=is_new)

    def candidates(self, weight: Mapping[str, float]) -> list[str]:
        """Stories listed under the article's strongest TF-IDF terms, most shared weight first."""
        hits: dict[str, float] = {}
        for key in heapq.nlargest(self.weights.query_terms, weight, key=weight.__getitem__):
            for story_id in self.postings_.get(key, ()):
                if story_id in self.stories_:
                    hits[story_id] = hits.get(story_id, 0.0) + weight[key]
        return heapq.nlargest(self.weights.candidates, hits, key=hits.__getitem__)

    def score(self, state: StoryState, features: ArticleFeatures, vectors: ArticleVectors) -> float:
        """How well an article fits a story: higher is better; `threshold` decides."""
        return story_score(state, features, vectors, self.weights, window_days=self.window_days)

    def idf(self, term: str) -> float:
        return math.log((self.n_docs_ + 1) / (self.doc_freq_.get(term, 0) + 1)) + 1.0

    def is_live(self, state: StoryState, when: datetime | None) -> bool:
        return gap_days(state, when) <= self.window_days

    # --- time: the watermark, eviction, late articles -----------------------------------------

    def _advance(self, when: datetime | None) -> bool:
        """Move the watermark to `when` if it is newer; True if it moved."""
        if when is None or (self.watermark_ is not None and when <= self.watermark_):
            return False
        self.watermark_ = when
        return True

    def _schedule_fading(self, state: StoryState) -> None:
        fades = _fading_time(state)
        if fades is not None:
            heapq.heappush(self.fading_, (fades, state.id))

    def _evict_faded(self) -> None:
        """Drop the stories the watermark has left behind from memory and from the postings."""
        horizon = self.live_horizon()
        while horizon is not None and self.fading_ and self.fading_[0][0] < horizon:
            _, story_id = heapq.heappop(self.fading_)
            state = self.stories_.get(story_id)
            if state is None or not _fades_before(state, horizon):
                continue  # gone already, or a newer entry stands for it
            del self.stories_[story_id]
            self._unpost(story_id)
            if story_id in self.touched_:
                self.retired_[story_id] = state

    def _is_late(self, when: datetime) -> bool:
        """Published over a window before the newest: evicted stories may be its own."""
        horizon = self.live_horizon()
        return horizon is not None and when < _shifted(horizon, self._window)

    def _near(self, when: datetime) -> dict[str, StoryState]:
        """The stories in memory and the evicted ones whose span is near `when`."""
        start, end = _shifted(when, -self._window), _shifted(when, self._window)
        stored = self.archive.stories_between(start, end) if self.archive else ()
        found = {s.id: s for s in stored}
        found.update(self.retired_)  # evicted since the last take_changes: newer than stored
        near = {
            i: s
            for i, s in found.items()
            if s.last_seen is not None and i not in self.merged_ and i not in self.stories_
        }
        return {**self.stories_, **near}

    @property
    def _window(self) -> timedelta:
        return timedelta(days=self.window_days)

    # --- internals --------------------------------------------------------------------------

    def _merge(self, kept: StoryState, other_id: str) -> StoryState:
        """Fold story `other_id` into `kept`; its id becomes an alias (listed in changes)."""
        other = self.stories_.pop(other_id)
        self._unpost(other_id)
        self.merged_[other_id] = kept.id
        for old, new in list(self.merged_.items()):
            if new == other_id:
                self.merged_[old] = kept.id
        self._post(kept.id, self._strongest(other.terms, self.weights.posting_terms))
        return merge_states(kept, other)

    def _count(self, features: ArticleFeatures) -> None:
        self.n_docs_ += 1
        self.doc_freq_.update(features.terms.keys())
        self.freq_delta_.update(features.terms.keys())

    def _strongest(self, terms: Mapping[str, float], n: int) -> list[str]:
        return heapq.nlargest(n, terms, key=terms.__getitem__)

    def _post(self, story_id: str, terms: Iterable[str]) -> None:
        """List the story under these terms; a long list keeps its most recent stories."""
        limit, postings, posted_by = self.weights.posting_limit, self.postings_, self.posted_
        posted = posted_by.setdefault(story_id, set())
        for term in terms:
            posting = postings.setdefault(term, {})
            posting.pop(story_id, None)
            posting[story_id] = None
            posted.add(term)
            if len(posting) > limit:
                dropped = next(iter(posting))
                del posting[dropped]
                posted_by.get(dropped, set()).discard(term)
        if len(posted) > 4 * self.weights.posting_terms:
            # A long story is listed under its profile's strongest terms, not every article's:
            # what it takes in memory stays bounded however many articles it gathers.
            keep = self._strongest(self.stories_[story_id].terms, 2 * self.weights.posting_terms)
            self._unpost(story_id, posted - set(keep))
            self._post(story_id, [t for t in keep if t not in posted])

    def _unpost(self, story_id: str, terms: Iterable[str] | None = None) -> None:
        """Take the story off these terms' lists (all of them by default)."""
        posted = self.posted_.get(story_id, set())
        for term in list(posted if terms is None else terms):
            posting = self.postings_.get(term)
            if posting is not None:
                posting.pop(story_id, None)
                if not posting:
                    del self.postings_[term]
            posted.discard(term)
        if not posted:
            self.posted_.pop(story_id, None)


def _shifted(when: datetime, delta: timedelta) -> datetime:
    """`when + delta`, held at the calendar's ends: feeds do carry dates like 0001-01-01."""
    try:
        return when + delta
    except OverflowError:
        edge = datetime.min if delta < timedelta(0) else datetime.max
        return edge.replace(tzinfo=when.tzinfo)


def _fading_time(state: StoryState) -> datetime | None:
    """A dated story fades by its last article; an undated one by the news around it."""
    return state.last_seen or state.last_active


def _fades_before(state: StoryState, horizon: datetime) -> bool:
    fades = _fading_time(state)
    return fades is not None and fades < horizon
