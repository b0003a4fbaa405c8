"""Related stories: other events whose articles read alike, with the actors they share.

Similarity is the cosine of the stories' lead-vector centroids (the story index keeps them);
a story sharing no actor and little wording is not related, so a floor keeps noise out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["MIN_SIMILARITY", "RelatedStory", "rank_related"]

MIN_SIMILARITY = 0.45


@dataclass(frozen=True, slots=True)
class RelatedStory:
    id: str
    title: str
    n_articles: int
    first_seen: str | None
    last_seen: str | None
    similarity: float
    shared_actors: tuple[str, ...]


def rank_related(
    candidates: Iterable[RelatedStory], *, k: int, min_similarity: float = MIN_SIMILARITY
) -> list[RelatedStory]:
    """The `k` most similar candidates at or above the floor; ties favour shared actors."""
    kept = [c for c in candidates if c.similarity >= min_similarity]
    kept.sort(key=lambda c: (-c.similarity, -len(c.shared_actors), c.id))
    return kept[:k]
