"""Actors and timelines derived from stored story reports.

A report lists each story's actors (name, type, aliases) and its claims with the articles
that state them. Across stories an actor is its case-folded name. A timeline entry is a
claim that names the actor, dated by the earliest publication date of the articles citing it
(the story's first date when they carry none).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from newsweave.errors import NotFound
from newsweave.registry import COMPONENTS
from newsweave.store.database import Store
from newsweave.store.queries import Page, StorySummary, story_summaries

__all__ = [
    "ActorDetail",
    "ActorSummary",
    "TimelineEntry",
    "actor_detail",
    "search_actors",
    "story_timeline",
]


@dataclass(frozen=True, slots=True)
class ActorSummary:
    name: str
    type: str
    aliases: tuple[str, ...]
    n_stories: int


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated claim: `date` is ISO 8601 (None when no article of it is dated)."""

    date: str | None
    story_id: str
    story_title: str
    claim_id: str
    text: str
    status: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorDetail:
    actor: ActorSummary
    stories: tuple[StorySummary, ...]
    timeline: tuple[TimelineEntry, ...]


def _reports(store: Store, needle: str | None) -> Iterator[dict[str, Any]]:
    r = store.t["story_reports"]
    statement = select(r.c.data).where(r.c.component == COMPONENTS["compare"])
    if needle:
        statement = statement.where(func.lower(r.c.data).contains(needle.lower(), autoescape=True))
    with store.engine.connect() as c:
        for (data,) in c.execute(statement):
            yield json.loads(data)


def _forms(entity: dict[str, Any]) -> list[str]:
    return [entity["name"], *entity.get("aliases", [])]


def search_actors(
    store: Store, text: str | None = None, *, limit: int = 50, offset: int = 0
) -> Page[ActorSummary]:
    """Actors whose name or an alias contains `text`, most covered first."""
    needle = (text or "").strip().casefold()
    found: dict[str, dict[str, Any]] = {}
    for report in _reports(store, needle or None):
        for entity in report.get("entities", []):
            if needle and not any(needle in form.casefold() for form in _forms(entity)):
                continue
            key = entity["name"].casefold()
            actor = found.setdefault(
                key, {"name": entity["name"], "type": entity["type"], "aliases": {}, "n": 0}
            )
            actor["n"] += 1
            actor["aliases"].update(dict.fromkeys(entity.get("aliases", [])))
    ranked = sorted(found.values(), key=lambda a: (-a["n"], a["name"].casefold()))
    items = tuple(
        ActorSummary(a["name"], a["type"], tuple(a["aliases"]), a["n"])
        for a in ranked[offset : offset + limit]
    )
    return Page(items=items, total=len(ranked), limit=limit, offset=offset)


def actor_detail(store: Store, name: str) -> ActorDetail:
    """One actor (by name or alias, case-insensitive): its stories and its timeline.

    Raises:
        NotFound: no stored report names such an actor.
    """
    key = name.strip().casefold()
    actor: ActorSummary | None = None
    story_ids: list[str] = []
    timeline: list[TimelineEntry] = []
    for report in _reports(store, key or None):
        entity = next(
            (e for e in report.get("entities", []) if key in {f.casefold() for f in _forms(e)}),
            None,
        )
        if entity is None:
            continue
        if actor is None:
            actor = ActorSummary(entity["name"], entity["type"], tuple(entity["aliases"]), 0)
        story_ids.append(report["id"])
        forms = [f.casefold() for f in _forms(entity)]
        timeline.extend(
            entry
            for entry in _entries(report)
            if any(f in entry.text.casefold() for f in forms if len(f) > 2)
        )
    if actor is None:
        raise NotFound(f"no actor {name!r}", hint="search actors with GET /api/actors?q=NAME")
    summary = ActorSummary(actor.name, actor.type, actor.aliases, len(story_ids))
    return ActorDetail(
        actor=summary,
        stories=tuple(story_summaries(store, story_ids)),
        timeline=tuple(sorted(timeline, key=_order)),
    )


def story_timeline(store: Store, story_id: str) -> tuple[TimelineEntry, ...]:
    """Every claim of one story, dated and in date order.

    Raises:
        NotFound: no story has that id, or its report was never computed.
    """
    story = store.story(story_id)
    report = store.report(story.id)
    if report is None:
        raise NotFound(
            f"story {story_id!r} has no report yet",
            hint=f"compute it with `newsweave report {story_id}`",
        )
    return tuple(sorted(_entries(report), key=_order))


def _entries(report: dict[str, Any]) -> Iterator[TimelineEntry]:
    dates = {a["id"]: a.get("published") for a in report.get("articles", [])}
    for claim in report.get("claims", []):
        article_ids = tuple(dict.fromkeys(m["article"] for m in claim["mentions"]))
        known = sorted(d for d in (dates.get(i) for i in article_ids) if d)
        yield TimelineEntry(
            date=known[0] if known else None,
            story_id=report["id"],
            story_title=report["title"],
            claim_id=claim["id"],
            text=claim["text"],
            status=claim["status"],
            article_ids=article_ids,
        )


def _order(entry: TimelineEntry) -> tuple[bool, str, str]:
    return (entry.date is None, entry.date or "", entry.story_id)
