"""The story index's state in the store: story rows, their profiles and term frequencies.

Written in the transaction that stores the articles it saw, so a restarted run reads back
exactly the index that produced the stored assignments (`IndexSnapshot`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from newsweave.registry import COMPONENTS, check_version
from newsweave.store.codec import vector_from_bytes, vector_to_bytes
from newsweave.store.compare_cache import merge_cache
from newsweave.stories import LIVE_WINDOWS, IndexChanges, IndexSnapshot, StoryState
from newsweave.stories.profile import profile_from_dict, profile_to_dict
from newsweave.stories.rebuild import RebuildResult

__all__ = [
    "read_memberships",
    "read_snapshot",
    "read_states",
    "read_states_between",
    "replace_index",
    "resolve_alias",
    "write_changes",
    "write_states",
]


def read_states(
    engine: Engine, t: Mapping[str, Table], *, where: ColumnElement[bool] | None = None
) -> Iterator[StoryState]:
    """Every story state (or those matching `where`), oldest first.

    Raises:
        VersionMismatch: the stories were made by another version of the index.
    """
    s, p = t["stories"], t["story_profiles"]
    query = select(s, p.c.data.label("profile")).join(p, p.c.story_id == s.c.id).order_by(s.c.seq)
    if where is not None:
        query = query.where(where)
    with engine.connect() as c:
        for row in c.execute(query):
            check_version("stories", row.component)
            state = StoryState(
                id=row.id,
                centroid=vector_from_bytes(row.centroid),
                n_articles=row.n_articles,
                first_seen=_dt(row.first_seen),
                last_seen=_dt(row.last_seen),
                title=row.title,
                has_headline=bool(row.has_headline),
            )
            yield profile_from_dict(state, json.loads(row.profile))


def read_snapshot(engine: Engine, t: Mapping[str, Table], *, window_days: float) -> IndexSnapshot:
    """The live part of the index, as `StoryIndex.restore` takes it.

    Live are the stories the index would still hold in memory: dated ones whose last article
    is within `LIVE_WINDOWS` windows of the newest, undated ones still active then. The rest
    stay in the store, where late articles find them (`read_states_between`).
    """
    terms, s = t["story_terms"], t["stories"]
    with engine.connect() as c:
        doc_freq = {r.term: r.n_docs for r in c.execute(select(terms.c.term, terms.c.n_docs))}
        newest = c.execute(select(func.max(s.c.last_seen))).scalar()
        n_docs = c.execute(select(func.coalesce(func.sum(s.c.n_articles), 0))).scalar()
    if newest is None:
        return IndexSnapshot(tuple(read_states(engine, t)), doc_freq, n_docs)
    horizon = datetime.fromisoformat(newest) - timedelta(days=LIVE_WINDOWS * window_days)
    maybe_live = read_states(
        engine, t, where=or_(s.c.last_seen.is_(None), s.c.last_seen >= horizon.isoformat())
    )
    live = (x for x in maybe_live if x.last_seen or not x.last_active or x.last_active >= horizon)
    return IndexSnapshot(tuple(live), doc_freq, n_docs)


def read_states_between(
    engine: Engine, t: Mapping[str, Table], start: datetime, end: datetime
) -> list[StoryState]:
    """Dated stories whose publication span overlaps [start, end] (ISO text compares in order)."""
    s = t["stories"]
    overlap = and_(s.c.last_seen >= start.isoformat(), s.c.first_seen <= end.isoformat())
    return list(read_states(engine, t, where=overlap))


def write_states(
    connection: Connection, t: Mapping[str, Table], states: Iterable[StoryState]
) -> None:
    """Upsert story rows and profiles; each written story is marked for a fresh report."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for state in states:
        row = {
            "id": state.id,
            "component": COMPONENTS["stories"],
            "title": state.title,
            "has_headline": state.has_headline,
            "n_articles": state.n_articles,
            "centroid": vector_to_bytes(state.centroid),
            "actors": json.dumps(sorted(state.actors), ensure_ascii=False),
            "first_seen": _iso(state.first_seen),
            "last_seen": _iso(state.last_seen),
            "is_dirty": True,
            "updated_at": now,
        }
        _upsert(connection, t["stories"], row, key="id")
        profile = {
            "story_id": state.id,
            "component": COMPONENTS["stories"],
            "data": json.dumps(profile_to_dict(state), ensure_ascii=False),
        }
        _upsert(connection, t["story_profiles"], profile, key="story_id")


def write_changes(connection: Connection, t: Mapping[str, Table], changes: IndexChanges) -> None:
    """Store what the index changed: touched stories, merges, term frequencies added to."""
    write_states(connection, t, changes.states)
    _write_merges(connection, t, changes.merged)
    if not changes.doc_freq:
        return
    terms = t["story_terms"]
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(terms)
    statement = statement.on_conflict_do_update(
        index_elements=["term"], set_={"n_docs": terms.c.n_docs + statement.excluded.n_docs}
    )
    rows = [{"term": k, "n_docs": v} for k, v in sorted(changes.doc_freq.items())]
    connection.execute(statement, rows)


def _write_merges(
    connection: Connection, t: Mapping[str, Table], merged: Mapping[str, str]
) -> None:
    """Move merged stories' articles to the story that absorbed them; keep their ids as aliases."""
    if not merged:
        return
    a, aliases = t["articles"], t["story_aliases"]
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for old, new in merged.items():
        connection.execute(update(a).where(a.c.story_id == old).values(story_id=new))
        connection.execute(update(aliases).where(aliases.c.story_id == old).values(story_id=new))
        _upsert(
            connection, aliases, {"old_id": old, "story_id": new, "created_at": now}, key="old_id"
        )
        for name, key in (
            ("stories", "id"),
            ("story_profiles", "story_id"),
            ("story_reports", "story_id"),
        ):
            connection.execute(delete(t[name]).where(t[name].c[key] == old))
        merge_cache(connection, t["compare_caches"], old, new)


def read_memberships(engine: Engine, t: Mapping[str, Table]) -> dict[str, str]:
    """Article id -> story id, in arrival order."""
    a = t["articles"]
    with engine.connect() as c:
        rows = c.execute(select(a.c.id, a.c.story_id).order_by(a.c.seq))
        return {r.id: r.story_id for r in rows}


def replace_index(
    connection: Connection,
    t: Mapping[str, Table],
    result: RebuildResult,
    *,
    stale: Iterable[str],
) -> None:
    """Swap the stored index for a rebuilt one; drop the reports of stories that changed."""
    for name in ("story_profiles", "story_terms", "stories"):
        connection.execute(delete(t[name]))
    write_changes(connection, t, IndexChanges(result.snapshot.states, result.snapshot.doc_freq))
    a = t["articles"]
    connection.execute(
        update(a)
        .where(a.c.id == bindparam("article_id"))
        .values(story_id=bindparam("new_story"), story_score=bindparam("score")),
        [
            {"article_id": x.article_id, "new_story": x.story_id, "score": x.score}
            for x in result.assignments
        ],
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for old, new in result.aliases.items():
        _upsert(
            connection,
            t["story_aliases"],
            {"old_id": old, "story_id": new, "created_at": now},
            key="old_id",
        )
    # An alias must not shadow a story that exists again under its own id.
    kept = [s.id for s in result.snapshot.states]
    connection.execute(delete(t["story_aliases"]).where(t["story_aliases"].c.old_id.in_(kept)))
    # A story gone in the rebuild leaves no compare cache behind (those kept stay valid).
    caches = t["compare_caches"]
    connection.execute(delete(caches).where(caches.c.story_id.not_in(kept)))
    stale = list(stale)
    reports, stories = t["story_reports"], t["stories"]
    connection.execute(delete(reports).where(reports.c.story_id.in_(stale)))
    connection.execute(update(stories).where(stories.c.id.not_in(stale)).values(is_dirty=False))


def resolve_alias(engine: Engine, t: Mapping[str, Table], story_id: str) -> str | None:
    """The story an old (merged) id now belongs to, or None."""
    aliases = t["story_aliases"]
    with engine.connect() as c:
        found: str | None = c.execute(
            select(aliases.c.story_id).where(aliases.c.old_id == story_id)
        ).scalar()
    return found


def _upsert(connection: Connection, table: Table, values: dict[str, Any], *, key: str) -> None:
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table).values(**values)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[key], set_={k: v for k, v in values.items() if k != key}
        )
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
