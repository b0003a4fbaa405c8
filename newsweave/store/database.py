"""The store: SQLite by default, PostgreSQL by URL, one interface over SQLAlchemy Core."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    Table,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from newsweave.errors import NotFound, StoreError
from newsweave.model import AnnotatedArticle, Article, Rejection, Story, StoryAssignment
from newsweave.registry import COMPONENTS, check_version
from newsweave.store.codec import (
    annotations_from_json,
    annotations_to_json,
    article_from_row,
    article_to_row,
    vector_from_bytes,
    vector_to_bytes,
)
from newsweave.store.compare_cache import CompareCache, CompareCacheStore
from newsweave.store.connections import ActorStore
from newsweave.store.frames import FrameStore
from newsweave.store.graph import GraphStore
from newsweave.store.in_lists import in_slices
from newsweave.store.migrations import migrate
from newsweave.store.related import RelatedStories
from newsweave.store.story_index import (
    read_memberships,
    read_snapshot,
    read_states,
    read_states_between,
    replace_index,
    resolve_alias,
    write_changes,
    write_states,
)
from newsweave.stories import IndexChanges, IndexSnapshot, StoryState
from newsweave.stories.rebuild import RebuildResult
from newsweave.version import __version__

__all__ = ["QuarantineEntry", "Store", "database_url"]


@dataclass(frozen=True, slots=True)
class QuarantineEntry:
    id: int
    rejection: Rejection
    version: str
    created_at: str


def database_url(target: str) -> str:
    """A SQLAlchemy URL for a file path or a URL ("postgresql://..." or "sqlite:///...")."""
    if "://" in target:
        if target.startswith("postgresql://"):
            return "postgresql+psycopg://" + target.removeprefix("postgresql://")
        return target
    return "sqlite:///" + target


class Store:
    """Every article, story, report and rejection newsweave keeps.

    Open with `Store.open(path_or_url)`; the schema is migrated on open.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        meta = MetaData()
        meta.reflect(engine)
        self.t: dict[str, Table] = dict(meta.tables)
        self.actors = ActorStore(engine, self.t)
        self.frames = FrameStore(engine, self.t)
        self.graph = GraphStore(engine, self.t)
        self.related = RelatedStories(engine, self.t)
        self.compare_caches = CompareCacheStore(engine, self.t)

    @classmethod
    def open(cls, target: str) -> Store:
        """Open (creating if needed) the database at a path or URL.

        Raises:
            StoreError: the database cannot be opened or migrated.
        """
        url = database_url(target)
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            parent = Path(url.removeprefix("sqlite:///")).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(
                    f"cannot create database {target}: no folder {parent}",
                    hint="create the folder or pass another --db",
                )
        try:
            engine = create_engine(url)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            migrate(engine)
            return cls(engine)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open database {target}: {exc}",
                hint="check the path or URL given by --db / NEWSWEAVE_DB",
            ) from exc

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    # --- articles ---------------------------------------------------------------------------

    def find_article(self, article_id: str) -> tuple[str, str] | None:
        """(sha256, content_hash) of a stored article, or None when no such id is stored."""
        t = self.t["articles"]
        with self.engine.connect() as c:
            row = c.execute(
                select(t.c.sha256, t.c.content_hash).where(t.c.id == article_id)
            ).first()
        return (row.sha256, row.content_hash) if row else None

    def find_content(self, content_hash: str) -> str | None:
        """Id of a stored article with this content hash, if any."""
        t = self.t["articles"]
        with self.engine.connect() as c:
            return c.execute(
                select(t.c.id).where(t.c.content_hash == content_hash).limit(1)
            ).scalar()

    def has_input(self, sha256: str) -> bool:
        """True when an article was stored from input bytes with this digest."""
        t = self.t["articles"]
        with self.engine.connect() as c:
            row = c.execute(select(t.c.id).where(t.c.sha256 == sha256).limit(1)).first()
        return row is not None

    def sketches(self) -> Iterator[tuple[str, bytes]]:
        """Every stored near-duplicate sketch as (article id, bytes).

        Raises:
            VersionMismatch: the sketches were made by another dedup component.
        """
        t = self.t["sketches"]
        with self.engine.connect() as c:
            for row in c.execute(select(t)):
                check_version("dedup", row.component)
                yield row.article_id, row.sketch

    def write_sketches(self, connection: Connection, items: Iterable[tuple[str, bytes]]) -> None:
        t = self.t["sketches"]
        for article_id, sketch in items:
            connection.execute(
                t.insert().values(
                    article_id=article_id, component=COMPONENTS["dedup"], sketch=sketch
                )
            )

    def count_articles(self) -> int:
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(self.t["articles"])).scalar_one())

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """Articles by id, in the order given.

        Raises:
            NotFound: an id is not stored.
        """
        rows = self._rows_by_id(self.t["articles"], self.t["articles"].c.id, ids)
        return [article_from_row(rows[i]) for i in ids]

    def annotated(self, ids: Sequence[str]) -> list[AnnotatedArticle]:
        """Annotated articles by id, in the order given."""
        articles = self.articles(ids)
        notes = self._rows_by_id(self.t["annotations"], self.t["annotations"].c.article_id, ids)
        vecs = self._rows_by_id(self.t["vectors"], self.t["vectors"].c.article_id, ids)
        result = []
        for article in articles:
            note, vec = notes[article.id], vecs[article.id]
            check_version("annotate", note.component)
            check_version("encoder", vec.component)
            result.append(annotations_from_json(article, note.data, vector_from_bytes(vec.vector)))
        return result

    def write_articles(
        self, connection: Connection, items: Iterable[tuple[AnnotatedArticle, StoryAssignment]]
    ) -> None:
        now = _now()
        for annotated, assignment in items:
            row = article_to_row(annotated.article)
            row.update(story_id=assignment.story_id, story_score=assignment.score, ingested_at=now)
            connection.execute(self.t["articles"].insert().values(**row))
            connection.execute(
                self.t["annotations"]
                .insert()
                .values(
                    article_id=annotated.article.id,
                    component=COMPONENTS["annotate"],
                    data=annotations_to_json(annotated),
                )
            )
            connection.execute(
                self.t["vectors"]
                .insert()
                .values(
                    article_id=annotated.article.id,
                    component=COMPONENTS["encoder"],
                    vector=vector_to_bytes(annotated.vector),
                )
            )

    # --- stories ----------------------------------------------------------------------------

    def story_snapshot(self, *, window_days: float) -> IndexSnapshot:
        """The story index's live state (`StoryIndex.restore` continues from it)."""
        return read_snapshot(self.engine, self.t, window_days=window_days)

    def stories_between(self, start: datetime, end: datetime) -> list[StoryState]:
        """Dated stories whose span overlaps [start, end]: the index's `StoryArchive`."""
        return read_states_between(self.engine, self.t, start, end)

    def story_states(self) -> Iterator[StoryState]:
        """Every story's state, oldest first."""
        return read_states(self.engine, self.t)

    def write_story_states(self, connection: Connection, states: Iterable[StoryState]) -> None:
        write_states(connection, self.t, states)

    def write_index_changes(self, connection: Connection, changes: IndexChanges) -> None:
        """Store what the story index changed, in the caller's transaction."""
        write_changes(connection, self.t, changes)

    def story_memberships(self) -> dict[str, str]:
        """Article id -> story id, in arrival order."""
        return read_memberships(self.engine, self.t)

    def replace_story_index(self, result: RebuildResult, *, stale: Iterable[str]) -> None:
        """Swap in a rebuilt story index in one transaction; `stale` stories lose their reports."""
        with self.transaction() as connection:
            replace_index(connection, self.t, result, stale=stale)

    def stories(self) -> list[Story]:
        """Every story, oldest first, with its articles in arrival order."""
        s, a = self.t["stories"], self.t["articles"]
        members: dict[str, list[str]] = {}
        with self.engine.connect() as c:
            for row in c.execute(select(a.c.story_id, a.c.id).order_by(a.c.seq)):
                members.setdefault(row.story_id, []).append(row.id)
            rows = c.execute(select(s.c.id, s.c.title).order_by(s.c.seq)).all()
        return [
            Story(id=r.id, title=r.title, article_ids=tuple(members.get(r.id, ()))) for r in rows
        ]

    def story(self, story_id: str) -> Story:
        """One story.

        Raises:
            NotFound: no story has that id.
        """
        s, a = self.t["stories"], self.t["articles"]
        with self.engine.connect() as c:
            row = c.execute(select(s.c.id, s.c.title).where(s.c.id == story_id)).first()
            if row is None:
                merged_into = resolve_alias(self.engine, self.t, story_id)
                if merged_into is not None and merged_into != story_id:
                    return self.story(merged_into)
                raise NotFound(f"no story {story_id!r}", hint="list them with `newsweave stories`")
            ids = (
                c.execute(select(a.c.id).where(a.c.story_id == story_id).order_by(a.c.seq))
                .scalars()
                .all()
            )
        return Story(id=row.id, title=row.title, article_ids=tuple(ids))

    def dirty_story_ids(self) -> list[str]:
        s = self.t["stories"]
        with self.engine.connect() as c:
            return list(c.execute(select(s.c.id).where(s.c.is_dirty).order_by(s.c.seq)).scalars())

    def save_report(
        self, story_id: str, data: dict[str, Any], *, cache: CompareCache | None = None
    ) -> None:
        """Store a story's report and, in the same transaction, its compare cache."""
        with self.transaction() as c:
            if cache is not None:
                self.compare_caches.save(c, story_id, cache)
            self._upsert(
                c,
                self.t["story_reports"],
                {
                    "story_id": story_id,
                    "component": COMPONENTS["compare"],
                    "data": json.dumps(data, ensure_ascii=False),
                    "computed_at": _now(),
                },
                key="story_id",
            )
            s = self.t["stories"]
            c.execute(update(s).where(s.c.id == story_id).values(is_dirty=False))

    def report(self, story_id: str) -> dict[str, Any] | None:
        """The stored report of a story, or None if it was never computed or is stale."""
        r = self.t["story_reports"]
        with self.engine.connect() as c:
            row = c.execute(select(r).where(r.c.story_id == story_id)).first()
        if row is None or row.component != COMPONENTS["compare"]:
            return None
        data: dict[str, Any] = json.loads(row.data)
        return data

    # --- quarantine -------------------------------------------------------------------------

    def is_quarantined(self, source: str, sha256: str) -> bool:
        q = self.t["quarantine"]
        with self.engine.connect() as c:
            row = c.execute(
                select(q.c.id).where(q.c.source == source, q.c.sha256 == sha256).limit(1)
            ).first()
        return row is not None

    def add_rejection(self, connection: Connection, rejection: Rejection) -> bool:
        """Record a rejection once; returns False when the same input was already recorded."""
        q = self.t["quarantine"]
        exists = connection.execute(
            select(q.c.id).where(
                q.c.source == rejection.source,
                q.c.sha256 == rejection.sha256,
                q.c.code == rejection.code,
            )
        ).first()
        if exists:
            return False
        connection.execute(
            q.insert().values(
                source=rejection.source,
                stage=rejection.stage,
                code=rejection.code,
                message=rejection.message,
                sha256=rejection.sha256,
                path=rejection.path,
                payload=rejection.payload,
                format=rejection.format,
                version=__version__,
                created_at=_now(),
            )
        )
        return True

    def quarantine_entries(self) -> list[QuarantineEntry]:
        q = self.t["quarantine"]
        with self.engine.connect() as c:
            rows = c.execute(select(q).order_by(q.c.id)).all()
        return [_quarantine_entry(r) for r in rows]

    def quarantine_entry(self, entry_id: int) -> QuarantineEntry:
        """One quarantined input.

        Raises:
            NotFound: no quarantine row has that id.
        """
        q = self.t["quarantine"]
        with self.engine.connect() as c:
            row = c.execute(select(q).where(q.c.id == entry_id)).first()
        if row is None:
            raise NotFound(
                f"no quarantined input {entry_id}",
                hint="list them with `newsweave quarantine list`",
            )
        return _quarantine_entry(row)

    def delete_rejection(self, connection: Connection, entry_id: int) -> None:
        q = self.t["quarantine"]
        connection.execute(q.delete().where(q.c.id == entry_id))

    # --- helpers ----------------------------------------------------------------------------

    def _rows_by_id(self, table: Table, column: Any, ids: Sequence[str]) -> dict[str, Any]:
        rows: dict[str, Any] = {}
        unique = list(dict.fromkeys(ids))
        with self.engine.connect() as c:
            for chunk in in_slices(unique):
                for row in c.execute(select(table).where(column.in_(chunk))):
                    rows[getattr(row, column.name)] = row
        missing = [i for i in unique if i not in rows]
        if missing:
            raise NotFound(
                f"no {table.name} row for {', '.join(missing[:5])}",
                hint="list stored articles with `newsweave stories`",
            )
        return rows

    def _upsert(
        self, connection: Connection, table: Table, values: dict[str, Any], *, key: str
    ) -> None:
        insert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        statement = insert(table).values(**values)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=[key], set_={k: v for k, v in values.items() if k != key}
            )
        )


def _quarantine_entry(row: Any) -> QuarantineEntry:
    return QuarantineEntry(
        id=row.id,
        version=row.version,
        created_at=row.created_at,
        rejection=Rejection(
            source=row.source,
            stage=row.stage,
            code=row.code,
            message=row.message,
            sha256=row.sha256,
            payload=row.payload,
            path=row.path,
            format=row.format,
        ),
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (the web UI) work while an ingest writes; NORMAL is durable in WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
