"""Stored connections: corpus-wide actors and their mentions (tables of migration 601).

Each story's actors are written when its report is computed: the story's old mentions are
replaced, its actors linked to the corpus's (connect.actors) and merged into them. Queries
here are what the CLI, API and web pages read; they return model records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    delete,
    distinct,
    func,
    literal_column,
    or_,
    select,
)

from newsweave.connect.actors import LinkedActors, actor_keys, link_actors
from newsweave.errors import NotFound
from newsweave.model import Actor, ActorMention
from newsweave.nlp.actors import ActorIndex, slugify
from newsweave.nlp.gazetteer import fold_name
from newsweave.nlp.name_variants import variant_key
from newsweave.store.in_lists import in_slices

__all__ = ["ActorStore", "ActorSummary", "StoredMention"]


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """An actor with how much of the corpus names it."""

    actor: Actor
    n_mentions: int
    n_articles: int
    n_stories: int


@dataclass(frozen=True, slots=True)
class StoredMention:
    story_id: str
    mention: ActorMention


class ActorStore:
    """Actor tables of a store: `store.actors`."""

    def __init__(self, engine: Engine, tables: dict[str, Table]) -> None:
        self.engine = engine
        self.t = tables

    # --- writing ----------------------------------------------------------------------------

    def save_story(self, connection: Connection, story_id: str, local: ActorIndex) -> LinkedActors:
        """Replace a story's actor mentions with `local`'s, linked to corpus-wide actors."""
        k, m = self.t["actor_keys"], self.t["actor_mentions"]
        connection.execute(delete(m).where(m.c.story_id == story_id))
        wanted = sorted({key for actor in local.actors for key in actor_keys(actor)})
        keys: dict[str, str] = {}
        for chunk in in_slices(wanted):
            rows = connection.execute(select(k).where(k.c.key.in_(chunk)))
            keys.update({r.key: r.actor_id for r in rows})
        people = self._possible_variants(connection, local)
        # The actors linking will look at, read in one query each 500 rather than one each:
        # those the keys and variants name, and the ids new actors would take.
        likely = {*keys.values(), *(i for i, _ in people), *(slugify(x.name) for x in local.actors)}
        stored = self._read_actors(connection, sorted(likely))

        def fetch(actor_id: str) -> Actor | None:
            if actor_id not in stored:
                stored.update(self._read_actors(connection, [actor_id]))
            return stored[actor_id]

        linked = link_actors(local, keys=keys, fetch=fetch, people=people)
        self._write_actors(connection, linked, stored)
        if linked.new_keys:
            connection.execute(
                k.insert(), [{"key": x, "actor_id": i} for x, i in linked.new_keys.items()]
            )
        if linked.mentions:
            connection.execute(m.insert(), [_mention_row(story_id, x) for x in linked.mentions])
        return linked

    def _read_actors(self, connection: Connection, ids: list[str]) -> dict[str, Actor | None]:
        """The stored actor of each id (None where there is none)."""
        a = self.t["actors"]
        found: dict[str, Actor | None] = dict.fromkeys(ids)
        for chunk in in_slices(ids):
            for row in connection.execute(select(a).where(a.c.id.in_(chunk))):
                found[row.id] = _actor(row)
        return found

    def _write_actors(
        self, connection: Connection, linked: LinkedActors, stored: dict[str, Actor | None]
    ) -> None:
        """Update the linked actors already stored and insert the others (in linking order,
        which is the order stored people are tried in as variants)."""
        a = self.t["actors"]
        now = _now()
        updates, inserts = [], []
        for actor in linked.actors:
            values = {
                "name": actor.name,
                "type": actor.type,
                "role": actor.role,
                "affiliation": actor.affiliation,
                "aliases": json.dumps(list(actor.aliases), ensure_ascii=False),
                "updated_at": now,
                "variant_key": variant_key(actor.name) if actor.type == "person" else None,
            }
            if stored.get(actor.id) is not None:
                updates.append({"actor_id": actor.id, **values})
            else:
                inserts.append({"id": actor.id, **values})
        if updates:
            connection.execute(a.update().where(a.c.id == bindparam("actor_id")), updates)
        if inserts:
            connection.execute(a.insert(), inserts)

    def _possible_variants(
        self, connection: Connection, local: ActorIndex
    ) -> list[tuple[str, str]]:
        """(id, name) of the stored people whose names may be spelling variants of the
        story's people's: those with the same `variant_key`, first stored first (the order
        linking tries them in). Reading every stored person for each story made saving a
        story cost more as the store grew."""
        a = self.t["actors"]
        wanted = {variant_key(x.name) for x in local.actors if x.type == "person"} - {None}
        if not wanted:
            return []
        query = select(a.c.id, a.c.name).where(
            a.c.type == "person", a.c.variant_key.in_(sorted(wanted, key=str))
        )
        if connection.dialect.name == "sqlite":
            query = query.order_by(literal_column("rowid"))
        return [(r.id, r.name) for r in connection.execute(query)]

    # --- reading ----------------------------------------------------------------------------

    def summaries(self, *, type: str | None = None, limit: int | None = None) -> list[ActorSummary]:
        """Actors named anywhere, most-mentioned first (by articles, then mentions)."""
        a, m = self.t["actors"], self.t["actor_mentions"]
        n_articles = func.count(distinct(m.c.article_id))
        query = (
            select(
                a,
                func.count(m.c.id).label("n_mentions"),
                n_articles.label("n_articles"),
                func.count(distinct(m.c.story_id)).label("n_stories"),
            )
            .join(m, m.c.actor_id == a.c.id)
            .group_by(a.c.id)
            .order_by(n_articles.desc(), func.count(m.c.id).desc(), a.c.id)
        )
        if type is not None:
            query = query.where(a.c.type == type)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as c:
            rows = c.execute(query).all()
            articles = self._articles_of(c, [r.id for r in rows])
        return [
            ActorSummary(
                actor=_actor(r, articles.get(r.id, ())),
                n_mentions=r.n_mentions,
                n_articles=r.n_articles,
                n_stories=r.n_stories,
            )
            for r in rows
        ]

    def find(self, name: str) -> Actor:
        """The actor with this id, name or alias (case- and accent-insensitive).

        Raises:
            NotFound: no actor is named so.
        """
        a, k = self.t["actors"], self.t["actor_keys"]
        folded = fold_name(name)
        with self.engine.connect() as c:
            row = c.execute(select(a).where(a.c.id == name)).first()
            if row is None:
                key_row = c.execute(
                    select(k.c.actor_id).where(k.c.key.like(f"%:{folded}")).limit(1)
                ).first()
                if key_row is not None:
                    row = c.execute(select(a).where(a.c.id == key_row.actor_id)).first()
            if row is None:
                row = self._by_alias(c, name, folded)
            if row is None:
                raise NotFound(f"no actor named {name!r}", hint="list them with `newsweave actors`")
            articles = self._articles_of(c, [row.id])
        return _actor(row, articles.get(row.id, ()))

    def mentions(self, actor_id: str) -> list[StoredMention]:
        """Every mention of an actor, in story and article order."""
        m = self.t["actor_mentions"]
        with self.engine.connect() as c:
            rows = c.execute(select(m).where(m.c.actor_id == actor_id).order_by(m.c.id)).all()
        return [StoredMention(story_id=r.story_id, mention=_mention(r)) for r in rows]

    def story_mentions(self, story_id: str) -> list[ActorMention]:
        m = self.t["actor_mentions"]
        with self.engine.connect() as c:
            rows = c.execute(select(m).where(m.c.story_id == story_id).order_by(m.c.id)).all()
        return [_mention(r) for r in rows]

    def _by_alias(self, c: Connection, name: str, folded: str) -> Any:
        a = self.t["actors"]
        needle = name.strip().split()[-1] if name.strip() else name
        candidates = c.execute(
            select(a).where(or_(a.c.name.contains(needle), a.c.aliases.contains(needle)))
        ).all()
        for row in candidates:
            names = [row.name, *json.loads(row.aliases)]
            if any(fold_name(n) == folded for n in names):
                return row
        return None

    def _articles_of(self, c: Connection, ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        m = self.t["actor_mentions"]
        found: dict[str, dict[str, None]] = {}
        wanted = list(ids)
        for chunk in in_slices(wanted):
            rows = c.execute(
                select(m.c.actor_id, m.c.article_id).where(m.c.actor_id.in_(chunk)).order_by(m.c.id)
            )
            for r in rows:
                found.setdefault(r.actor_id, {})[r.article_id] = None
        return {i: tuple(v) for i, v in found.items()}


def _actor(row: Any, article_ids: tuple[str, ...] = ()) -> Actor:
    return Actor(
        id=row.id,
        name=row.name,
        type=row.type,
        aliases=tuple(json.loads(row.aliases)),
        article_ids=article_ids,
        role=row.role,
        affiliation=row.affiliation,
    )


def _mention_row(story_id: str, mention: ActorMention) -> dict[str, Any]:
    return {
        "actor_id": mention.actor_id,
        "story_id": story_id,
        "article_id": mention.article_id,
        "sentence": mention.sentence,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
    }


def _mention(row: Any) -> ActorMention:
    return ActorMention(
        actor_id=row.actor_id,
        article_id=row.article_id,
        sentence=row.sentence,
        start=row.start,
        end=row.end,
        text=row.text,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
