"""A write that fails mid-ingest must not leave the in-memory story index ahead of the store."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection

from newsweave.config import load_settings
from newsweave.errors import StoreError
from newsweave.ingest import iter_inputs
from newsweave.pipeline import Pipeline
from newsweave.store import Store, audit_store
from tests.conftest import CliRunner


def test_a_failed_batch_write_is_retried_into_the_same_stories(
    cli: CliRunner, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = data_dir / "basil_two_events.jsonl"
    db = str(tmp_path / "retried.db")
    store = Store.open(db)
    pipeline = Pipeline(load_settings(overrides=[f"store.db={db}", "store.batch_size=3"]), store)
    real_write = store.write_sketches
    calls: list[int] = []

    def write_then_fail_the_second_batch(connection: Connection, rows: Iterable[Any]) -> None:
        real_write(connection, rows)
        calls.append(1)
        if len(calls) == 2:
            raise StoreError("disk full")

    monkeypatch.setattr(store, "write_sketches", write_then_fail_the_second_batch)
    with pytest.raises(StoreError):
        pipeline.ingest(iter_inputs([inputs]))
    # The same pipeline object carries on, as a long-running server would.
    summary = pipeline.ingest(iter_inputs([inputs]))
    assert (summary.stored, summary.duplicate) == (3, 3)
    assert audit_store(store) == []
    store.close()

    fresh = str(tmp_path / "fresh.db")
    assert cli("ingest", str(inputs), "--db", fresh).exit_code == 0
    listed = [cli("stories", "--json", "--db", path).json()["stories"] for path in (db, fresh)]
    assert listed[0] == listed[1]
