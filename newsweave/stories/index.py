"""An online story index: each arriving article joins the closest live story or opens one.

A story is its centroid (the mean of its articles' lead vectors), the actors its articles
name, and the span of their publication times. An article joins the most similar story
whose last article is within `window_days` of it, when the similarity - lead cosine plus a
bonus for shared named actors - reaches `threshold`. Arrival order matters, as it does for
a newsroom feed; nothing already assigned is re-clustered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np

from newsweave.model import AnnotatedArticle, StoryAssignment, Vector

__all__ = ["StoryIndex", "StoryState", "story_id_for"]

_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "EVENT", "LOC"}
_ACTOR_BONUS = 0.15
_MAX_ACTORS = 40


@dataclass(frozen=True, slots=True)
class StoryState:
    """What the index remembers of a story; persisted by the store between runs."""

    id: str
    centroid: Vector
    n_articles: int
    actors: frozenset[str] = frozenset()
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    title: str = ""
    has_headline: bool = False


@dataclass(slots=True)
class StoryIndex:
    """Assign articles to stories as they arrive.

    Args:
        threshold: least score for an article to join a story.
        window_days: a story stops accepting articles this long after its latest one.
    """

    threshold: float = 0.45
    window_days: float = 10.0
    stories_: dict[str, StoryState] = field(default_factory=dict)

    @classmethod
    def from_states(
        cls, states: Iterable[StoryState], *, threshold: float, window_days: float
    ) -> StoryIndex:
        index = cls(threshold=threshold, window_days=window_days)
        index.stories_ = {s.id: s for s in states}
        return index

    def assign(self, article: AnnotatedArticle) -> StoryAssignment:
        """Place one article; returns where it went. Updates the index in place."""
        when = article.article.published
        actors = article_actors(article)
        best_id, best_score = None, -1.0
        for state in self.stories_.values():
            if not self._is_live(state, when):
                continue
            score = self.score(state, article.vector, actors)
            if score > best_score:
                best_id, best_score = state.id, score
        if best_id is not None and best_score >= self.threshold:
            self.stories_[best_id] = _absorb(self.stories_[best_id], article, actors)
            return StoryAssignment(article.article.id, best_id, best_score, is_new_story=False)
        state = StoryState(
            id=story_id_for(article.article.id),
            centroid=article.vector.copy(),
            n_articles=1,
            actors=frozenset(actors),
            first_seen=when,
            last_seen=when,
            title=_title_of(article),
        )
        self.stories_[state.id] = state
        return StoryAssignment(article.article.id, state.id, 1.0, is_new_story=True)

    def score(self, state: StoryState, vector: Vector, actors: set[str]) -> float:
        centroid = state.centroid / max(float(np.linalg.norm(state.centroid)), 1e-12)
        cosine = float(centroid @ vector)
        if not actors or not state.actors:
            return cosine
        overlap = len(actors & state.actors) / min(len(actors), len(state.actors))
        return cosine + _ACTOR_BONUS * overlap

    def _is_live(self, state: StoryState, when: datetime | None) -> bool:
        if when is None or state.last_seen is None or state.first_seen is None:
            return True
        gap_after = (when - state.last_seen).total_seconds() / 86400
        gap_before = (state.first_seen - when).total_seconds() / 86400
        return gap_after <= self.window_days and gap_before <= self.window_days


def story_id_for(first_article_id: str) -> str:
    """Story ids derive from their first article, so a rebuild in the same order keeps them."""
    return "st-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]  # noqa: S324


def article_actors(article: AnnotatedArticle) -> set[str]:
    """The named things an article mentions, case-folded: what two reports of an event share."""
    names = [m.text.casefold() for m in article.entities if m.label in _ACTOR_LABELS]
    return set(names[:_MAX_ACTORS])


def _absorb(state: StoryState, article: AnnotatedArticle, actors: set[str]) -> StoryState:
    when = article.article.published
    first, last = state.first_seen, state.last_seen
    if when is not None:
        first = when if first is None or when < first else first
        last = when if last is None or when > last else last
    return replace(
        state,
        centroid=(
            (state.centroid * state.n_articles + article.vector) / (state.n_articles + 1)
        ).astype(np.float32),
        n_articles=state.n_articles + 1,
        actors=state.actors | actors,
        first_seen=first,
        last_seen=last,
        # A story is named by its first headline; a lead sentence stands in until one comes.
        title=state.title
        if state.has_headline or not article.article.title
        else _title_of(article),
        has_headline=state.has_headline or bool(article.article.title),
    )


def _title_of(article: AnnotatedArticle) -> str:
    if article.article.title:
        return article.article.title
    first = article.sentences[0].text if article.sentences else article.article.text
    return first if len(first) <= 100 else first[:97].rsplit(" ", 1)[0] + "…"
