"""Read-side queries the API and the web UI share: story search, story detail, coverage.

Every function takes an open Store and works the same on SQLite and PostgreSQL: filters are
case-insensitive substring matches (LIKE with escaping), dates compare as ISO text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, true

from newsweave.model import Article
from newsweave.store.database import Store

__all__ = [
    "Page",
    "StoryDetail",
    "StoryQuery",
    "StorySummary",
    "search_stories",
    "story_detail",
    "story_summaries",
]

T = TypeVar("T")

UNATTRIBUTED = "unattributed"
"""The coverage label of articles whose outlet is unknown."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a longer result: `total` counts every match, not just this page."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """What to look for; every given field must match (None means any).

    Attributes:
        text: a substring of the story title, or of an article's title or text.
        actor: a substring of one of the story's actors (names as the story index keeps them).
        outlet: an outlet with at least one article in the story (exact, case-insensitive).
        since, until: the story's span of publication dates overlaps this range.
    """

    text: str | None = None
    actor: str | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as a list shows it: counts of its articles by outlet (`coverage`)."""

    id: str
    title: str
    n_articles: int
    first_seen: str | None
    last_seen: str | None
    actors: tuple[str, ...]
    coverage: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """A story with its articles (full text) and its stored report, if computed."""

    summary: StorySummary
    articles: tuple[Article, ...]
    report: dict[str, Any] | None


def _like(column: Any, needle: str) -> ColumnElement[bool]:
    return func.lower(column).contains(needle.lower(), autoescape=True)


def _conditions(store: Store, query: StoryQuery) -> list[ColumnElement[bool]]:
    s, a = store.t["stories"], store.t["articles"]
    found: list[ColumnElement[bool]] = []
    if query.text:
        in_articles = exists().where(
            a.c.story_id == s.c.id, or_(_like(a.c.title, query.text), _like(a.c.text, query.text))
        )
        found.append(or_(_like(s.c.title, query.text), in_articles))
    if query.actor:
        # `actors` is a JSON list of case-folded names; a substring match on it is enough.
        found.append(_like(s.c.actors, query.actor))
    if query.outlet:
        found.append(
            exists().where(
                a.c.story_id == s.c.id, func.lower(a.c.outlet) == query.outlet.strip().lower()
            )
        )
    if query.since:
        found.append(func.substr(s.c.last_seen, 1, 10) >= query.since.isoformat())
    if query.until:
        found.append(func.substr(s.c.first_seen, 1, 10) <= query.until.isoformat())
    return found


def search_stories(
    store: Store, query: StoryQuery, *, limit: int = 20, offset: int = 0
) -> Page[StorySummary]:
    """Stories matching `query`, newest first, one page of them.

    Example:
        >>> search_stories(store, StoryQuery(actor="kim"), limit=10).items[0].title
    """
    s = store.t["stories"]
    where = and_(true(), *_conditions(store, query))
    with store.engine.connect() as c:
        total = int(c.execute(select(func.count()).select_from(s).where(where)).scalar_one())
        ids = list(
            c.execute(
                select(s.c.id).where(where).order_by(s.c.seq.desc()).limit(limit).offset(offset)
            ).scalars()
        )
    return Page(items=tuple(story_summaries(store, ids)), total=total, limit=limit, offset=offset)


def story_summaries(store: Store, story_ids: Sequence[str]) -> list[StorySummary]:
    """Summaries of the given stories, in the order given (unknown ids are left out)."""
    if not story_ids:
        return []
    s, a = store.t["stories"], store.t["articles"]
    with store.engine.connect() as c:
        rows = {
            r.id: r
            for r in c.execute(
                select(
                    s.c.id, s.c.title, s.c.n_articles, s.c.first_seen, s.c.last_seen, s.c.actors
                ).where(s.c.id.in_(story_ids))
            )
        }
        counts = c.execute(
            select(a.c.story_id, a.c.outlet, func.count())
            .where(a.c.story_id.in_(story_ids))
            .group_by(a.c.story_id, a.c.outlet)
        ).all()
    coverage: dict[str, dict[str, int]] = {}
    for story_id, outlet, n in counts:
        by_outlet = coverage.setdefault(story_id, {})
        label = outlet or UNATTRIBUTED
        by_outlet[label] = by_outlet.get(label, 0) + int(n)
    return [
        StorySummary(
            id=r.id,
            title=r.title,
            n_articles=sum(coverage.get(r.id, {}).values()),
            first_seen=r.first_seen,
            last_seen=r.last_seen,
            actors=tuple(json.loads(r.actors)),
            coverage=tuple(sorted(coverage.get(r.id, {}).items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        for r in (rows[i] for i in story_ids if i in rows)
    ]


def story_detail(store: Store, story_id: str) -> StoryDetail:
    """A story with its articles and stored report.

    Raises:
        NotFound: no story has that id.
    """
    story = store.story(story_id)
    (summary,) = story_summaries(store, [story.id])
    return StoryDetail(
        summary=summary,
        articles=tuple(store.articles(story.article_ids)),
        report=store.report(story.id),
    )
