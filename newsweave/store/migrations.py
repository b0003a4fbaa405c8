"""Numbered schema migrations, one set for SQLite and PostgreSQL.

Each migration is a function of a connection, applied once, in order, inside the
transaction that records it in `_migrations`. A migration, once released, never changes:
alter the schema with a new one. The store reflects the tables it works with from the
database, so these functions are the one description of the schema.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
    text,
)

from newsweave.errors import MigrationError
from newsweave.nlp.name_variants import variant_key

__all__ = ["MIGRATIONS", "migrate"]

_LEDGER = MetaData()
_migrations = Table(
    "_migrations",
    _LEDGER,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)


def _m001_initial(connection: Connection) -> None:
    """Articles, their annotations and vectors, stories, reports and the quarantine."""
    metadata = MetaData()
    Table(
        "articles",
        metadata,
        Column("seq", Integer, primary_key=True, autoincrement=True),
        Column("id", String(300), nullable=False, unique=True),
        Column("source", Text, nullable=False),
        Column("sha256", String(64), nullable=False, index=True),
        Column("content_hash", String(64), nullable=False, index=True),
        Column("title", Text),
        Column("outlet", Text),
        Column("url", Text),
        Column("published", String(40)),
        Column("language", String(20)),
        Column("byline", Text),
        Column("text", Text, nullable=False),
        Column("wire", Text, nullable=False),  # JSON list of agencies credited
        Column("removed", Text, nullable=False),  # JSON list of page furniture removed
        Column("is_partial", Boolean, nullable=False),
        Column("story_id", String(40), index=True),
        Column("story_score", Float),
        Column("ingested_at", String(40), nullable=False),
    )

    Table(
        "annotations",
        metadata,
        Column("article_id", String(300), primary_key=True),
        Column("component", String(100), nullable=False),
        Column("data", Text, nullable=False),  # JSON: sentences, entities, dates, quantities
    )

    Table(
        "vectors",
        metadata,
        Column("article_id", String(300), primary_key=True),
        Column("component", String(100), nullable=False),
        Column("vector", LargeBinary, nullable=False),  # float32 lead vector
        Column("sentences", LargeBinary),  # float32 sentence vectors, computed when compared
    )

    Table(
        "stories",
        metadata,
        Column("seq", Integer, primary_key=True, autoincrement=True),
        Column("id", String(40), nullable=False, unique=True),
        Column("component", String(100), nullable=False),
        Column("title", Text, nullable=False),
        Column("has_headline", Boolean, nullable=False),
        Column("n_articles", Integer, nullable=False),
        Column("centroid", LargeBinary, nullable=False),
        Column("actors", Text, nullable=False),  # JSON list
        Column("first_seen", String(40)),
        Column("last_seen", String(40)),
        Column("is_dirty", Boolean, nullable=False),
        Column("updated_at", String(40), nullable=False),
    )

    Table(
        "story_reports",
        metadata,
        Column("story_id", String(40), primary_key=True),
        Column("component", String(100), nullable=False),
        Column("data", Text, nullable=False),  # JSON: one story of newsweave.report/1
        Column("computed_at", String(40), nullable=False),
    )

    Table(
        "quarantine",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("source", Text, nullable=False),
        Column("stage", String(40), nullable=False),
        Column("code", String(10), nullable=False),
        Column("message", Text, nullable=False),
        Column("sha256", String(64)),
        Column("path", Text),
        Column("payload", LargeBinary),
        Column("version", String(40), nullable=False),
        Column("created_at", String(40), nullable=False),
        UniqueConstraint("source", "sha256", "code", name="uq_quarantine_input"),
    )
    metadata.create_all(connection)


def _m301_quarantine_format(connection: Connection) -> None:
    """The reader format of a quarantined record, so `quarantine retry` can parse it again."""
    connection.execute(text("ALTER TABLE quarantine ADD COLUMN format VARCHAR(40)"))


def _m601_actors(connection: Connection) -> None:
    """Corpus-wide actors, the keys that link stories' actors to them, and their mentions."""
    metadata = MetaData()
    Table(
        "actors",
        metadata,
        Column("id", String(200), primary_key=True),
        Column("name", Text, nullable=False),
        Column("type", String(40), nullable=False, index=True),
        Column("role", Text),
        Column("affiliation", Text),
        Column("aliases", Text, nullable=False),  # JSON list
        Column("updated_at", String(40), nullable=False),
    )
    Table(
        "actor_keys",
        metadata,
        Column("key", String(300), primary_key=True),
        Column("actor_id", String(200), nullable=False, index=True),
    )
    Table(
        "actor_mentions",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("actor_id", String(200), nullable=False, index=True),
        Column("story_id", String(40), nullable=False, index=True),
        Column("article_id", String(300), nullable=False, index=True),
        Column("sentence", Integer, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
    )
    metadata.create_all(connection)


def _m302_copies(connection: Connection) -> None:
    """Origins and copies (exact and near duplicates), and the MinHash sketch of each article."""
    for column in (
        "origin VARCHAR(300)",
        "copy_of VARCHAR(300)",
        "copy_containment FLOAT",
        "copy_changes TEXT",  # JSON {"added": [...], "cut": [...]}
    ):
        connection.execute(text(f"ALTER TABLE articles ADD COLUMN {column}"))
    metadata = MetaData()
    Table(
        "sketches",
        metadata,
        Column("article_id", String(300), primary_key=True),
        Column("component", String(100), nullable=False),
        Column("sketch", LargeBinary, nullable=False),
    )
    metadata.create_all(connection)
    connection.execute(text("CREATE INDEX ix_articles_copy_of ON articles (copy_of)"))


def _m602_frames(connection: Connection) -> None:
    """Event frames of each story, and who takes part in them (for actor timelines)."""
    metadata = MetaData()
    Table(
        "frames",
        metadata,
        Column("id", String(80), primary_key=True),
        Column("story_id", String(40), nullable=False, index=True),
        Column("type", String(40), nullable=False, index=True),
        Column("event", String(80)),
        Column("date", String(20), index=True),  # ISO 8601, partial allowed ("--09-03")
        Column("date_is_inferred", Boolean, nullable=False),
        Column("place", Text),
        Column("data", Text, nullable=False),  # JSON: participants and mentions
    )
    Table(
        "frame_participants",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("frame_id", String(80), nullable=False, index=True),
        Column("actor_id", String(200), nullable=False, index=True),
        Column("role", String(40), nullable=False),
    )
    metadata.create_all(connection)


def _m603_actor_edges(connection: Connection) -> None:
    """Evidence for the actor graph: one row per sentence linking two actors."""
    metadata = MetaData()
    Table(
        "actor_edges",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("story_id", String(40), nullable=False, index=True),
        Column("source", String(200), nullable=False, index=True),
        Column("target", String(200), nullable=False, index=True),
        Column("type", String(40), nullable=False),
        Column("date", String(20)),  # ISO 8601, partial allowed
        Column("article_id", String(300), nullable=False),
        Column("sentence", Integer, nullable=False),
        Column("text", Text, nullable=False),
    )
    metadata.create_all(connection)


def _m303_updated(connection: Connection) -> None:
    """When the publisher last updated an article, as it declares it."""
    connection.execute(text("ALTER TABLE articles ADD COLUMN updated VARCHAR(40)"))


def _m401_story_profiles(connection: Connection) -> None:
    """Story index state (issue 4): each story's profile and the corpus term frequencies."""
    metadata = MetaData()
    Table(
        "story_profiles",
        metadata,
        Column("story_id", String(40), primary_key=True),
        Column("component", String(100), nullable=False),
        Column("data", Text, nullable=False),  # JSON: terms, entities, dates, numbers, outlets
    )
    Table(
        "story_terms",
        metadata,
        Column("term", String(200), primary_key=True),
        Column("n_docs", Integer, nullable=False),  # articles containing the term
    )
    metadata.create_all(connection)


def _m402_story_aliases(connection: Connection) -> None:
    """Ids of stories merged into others (issue 4), so an id a user saw still resolves."""
    metadata = MetaData()
    Table(
        "story_aliases",
        metadata,
        Column("old_id", String(40), primary_key=True),
        Column("story_id", String(40), nullable=False, index=True),
        Column("created_at", String(40), nullable=False),
    )
    metadata.create_all(connection)


def _m403_story_spans(connection: Connection) -> None:
    """Late articles look up evicted stories by publication span (issue 4)."""
    connection.execute(text("CREATE INDEX ix_stories_last_seen ON stories (last_seen)"))


Migration = tuple[int, str, Callable[[Connection], None]]


def _m801_vector_indexes(connection: Connection) -> None:
    """Serialised vector indexes (issue 8), each with the newest story update it has seen."""
    metadata = MetaData()
    Table(
        "vector_indexes",
        metadata,
        Column("name", String(40), primary_key=True),
        Column("kind", String(10), nullable=False),  # exact | ivf
        Column("dim", Integer, nullable=False),
        Column("n_vectors", Integer, nullable=False),
        Column("watermark", String(40), nullable=False),  # newest stories.updated_at held
        Column("data", LargeBinary, nullable=False),
        Column("saved_at", String(40), nullable=False),
    )
    metadata.create_all(connection)
    # Catching an index up reads the stories written since its watermark.
    connection.execute(text("CREATE INDEX ix_stories_updated_at ON stories (updated_at)"))


def _m805_compare_caches(connection: Connection) -> None:
    """What comparing each story computed that its next comparison reuses (issue 8)."""
    metadata = MetaData()
    Table(
        "compare_caches",
        metadata,
        Column("story_id", String(40), primary_key=True),
        Column("version", String(80), nullable=False),  # code, models and settings it needs
        Column("parsed", Text, nullable=False),  # JSON: claim spans by sentence text
        Column("texts", Text, nullable=False),  # JSON: the texts of `vectors`' rows
        Column("vectors", LargeBinary, nullable=False),  # float32 rows
        Column("judged", Text, nullable=False),  # JSON: judgements by claim-pair digests
        Column("saved_at", String(40), nullable=False),
    )
    metadata.create_all(connection)


def _m806_compare_cache_age(connection: Connection) -> None:
    """Evicting the oldest compare caches reads this index, not the caches (issue 8)."""
    connection.execute(
        text("CREATE INDEX ix_compare_caches_saved_at ON compare_caches (saved_at, story_id)")
    )


def _m807_actor_variant_keys(connection: Connection) -> None:
    """Each person's `variant_key` (nlp.name_variants), indexed: linking a story's people
    looks up the stored people that may be spelling variants by it, rather than reading
    every person in the store for each story (issue 8)."""
    connection.execute(text("ALTER TABLE actors ADD COLUMN variant_key VARCHAR(200)"))
    connection.execute(text("CREATE INDEX ix_actors_variant_key ON actors (variant_key)"))
    people = connection.execute(text("SELECT id, name FROM actors WHERE type = 'person'")).all()
    keyed = [{"id": i, "key": variant_key(name)} for i, name in people]
    if keyed:
        connection.execute(text("UPDATE actors SET variant_key = :key WHERE id = :id"), keyed)


MIGRATIONS: list[Migration] = [
    (1, "initial", _m001_initial),
    (301, "quarantine format", _m301_quarantine_format),
    (302, "copies and sketches", _m302_copies),
    (303, "article update time", _m303_updated),
    (401, "story_profiles", _m401_story_profiles),
    (402, "story_aliases", _m402_story_aliases),
    (403, "story spans", _m403_story_spans),
    (601, "actors", _m601_actors),
    (602, "frames", _m602_frames),
    (603, "actor edges", _m603_actor_edges),
    (801, "vector indexes", _m801_vector_indexes),
    (805, "compare caches", _m805_compare_caches),
    (806, "compare cache age index", _m806_compare_cache_age),
    (807, "actor variant keys", _m807_actor_variant_keys),
]


def migrate(engine: Engine) -> list[int]:
    """Apply every migration the database lacks; returns the ids applied.

    Raises:
        MigrationError: a migration failed (its transaction is rolled back), or the
            database has migrations this version of newsweave does not know.
    """
    known = {number for number, _, _ in MIGRATIONS}
    with engine.begin() as connection:
        _LEDGER.create_all(connection)
        done = set(connection.execute(select(_migrations.c.id)).scalars())
    unknown = done - known
    if unknown:
        raise MigrationError(
            f"the database has migrations {sorted(unknown)} that this newsweave does not know",
            hint="upgrade newsweave, or use a database made by this version",
        )
    applied = []
    for number, name, step in MIGRATIONS:
        if number in done:
            continue
        try:
            with engine.begin() as connection:
                step(connection)
                connection.execute(
                    _migrations.insert().values(
                        id=number, name=name, applied_at=datetime.now(UTC).isoformat()
                    )
                )
        except Exception as exc:
            raise MigrationError(f"migration {number} ({name}) failed: {exc}") from exc
        applied.append(number)
    return applied
