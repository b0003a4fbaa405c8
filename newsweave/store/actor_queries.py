"""Actor pages and timelines for the API and the web UI, over the corpus-wide actor and
frame tables (store.actors, store.frames; migrations 601-603).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.connect.timeline import TimelineEntry, build_timeline
from newsweave.model import Actor
from newsweave.nlp.gazetteer import fold_name
from newsweave.store.connections import ActorSummary
from newsweave.store.database import Store
from newsweave.store.queries import Page, StorySummary, story_summaries

__all__ = ["ActorDetail", "actor_detail", "search_actors", "story_timeline"]


@dataclass(frozen=True, slots=True)
class ActorDetail:
    """An actor, the stories naming it (most recent first) and its events in date order."""

    actor: Actor
    stories: tuple[StorySummary, ...]
    timeline: tuple[TimelineEntry, ...]


def search_actors(
    store: Store, text: str | None = None, *, limit: int = 50, offset: int = 0
) -> Page[ActorSummary]:
    """Actors whose name or an alias contains `text` (case- and accent-insensitive),
    most-covered first."""
    needle = fold_name(text or "").strip()
    found = [
        s
        for s in store.actors.summaries()
        if not needle or any(needle in fold_name(n) for n in (s.actor.name, *s.actor.aliases))
    ]
    return Page(
        items=tuple(found[offset : offset + limit]), total=len(found), limit=limit, offset=offset
    )


def actor_detail(store: Store, name: str) -> ActorDetail:
    """One actor by id, name or alias.

    Raises:
        NotFound: no actor is named so.
    """
    actor = store.actors.find(name)
    story_ids = list(dict.fromkeys(m.story_id for m in store.actors.mentions(actor.id)))
    return ActorDetail(
        actor=actor,
        stories=tuple(reversed(story_summaries(store, story_ids))),
        timeline=tuple(build_timeline(store.frames.of_actor(actor.id))),
    )


def story_timeline(store: Store, story_id: str) -> tuple[TimelineEntry, ...]:
    """A story's events in date order.

    Raises:
        NotFound: no story has that id.
    """
    story = store.story(story_id)
    return tuple(build_timeline(store.frames.of_story(story.id)))
