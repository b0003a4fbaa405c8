"""The schema comes from numbered migrations, applied once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newsweave.errors import MigrationError
from newsweave.store import Store
from newsweave.store.migrations import MIGRATIONS, migrate


def test_migrations_apply_once(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    assert migrate(engine) == [n for n, _, _ in MIGRATIONS]
    assert migrate(engine) == []
    with engine.connect() as c:
        names = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert {
        "articles",
        "annotations",
        "vectors",
        "stories",
        "story_reports",
        "quarantine",
        "_migrations",
    } <= names


def test_database_from_a_newer_newsweave_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    Store.open(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        c.execute(text("INSERT INTO _migrations VALUES (999, 'future', 'x')"))
    with pytest.raises(MigrationError, match=r"migrations \[999\]"):
        Store.open(str(path))


def test_migration_807_keys_the_people_stored_before_it(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    before = [m for m in MIGRATIONS if m[0] < 807]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("newsweave.store.migrations.MIGRATIONS", before)
        migrate(engine)
    with engine.begin() as c:
        for actor_id, name, kind in [
            ("masoud-pezashkian", "Masoud Pezashkian", "person"),
            ("putin", "Putin", "person"),
            ("north-korea", "North Korea", "country"),
        ]:
            c.execute(
                text(
                    "INSERT INTO actors (id, name, type, aliases, updated_at) "
                    "VALUES (:i, :n, :t, '[]', 'x')"
                ),
                {"i": actor_id, "n": name, "t": kind},
            )
    assert migrate(engine) == [n for n, _, _ in MIGRATIONS if n >= 807]
    with engine.connect() as c:
        keys = dict(c.execute(text("SELECT id, variant_key FROM actors")).all())
    assert keys == {"masoud-pezashkian": "m p", "putin": None, "north-korea": None}
