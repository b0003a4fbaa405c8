"""kill -9 in the middle of `newsweave ingest`, then the same command again: nothing lost,
nothing stored or quarantined twice, story state consistent with the articles."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsweave.store import Store, audit_store

NEWSWEAVE = Path(sys.executable).parent / "newsweave"
N_KILLS = 3


def _write_inputs(folder: Path, data_dir: Path) -> tuple[set[str], int]:
    """Four dated variants of each BASIL record, a repeated record and three bad lines."""
    source = (data_dir / "basil_two_events.jsonl").read_text().splitlines()
    base = [json.loads(line) for line in source]
    lines, ids = [], set()
    for k in range(4):
        for record in base:
            variant = dict(record, id=f"{record['id']}-{k}")
            published = date.fromisoformat(record["published"]) + timedelta(days=30 * k)
            variant["published"] = published.isoformat()
            variant["text"] = record["text"] + f"\n\nThis is update number {k} of the report."
            lines.append(json.dumps(variant))
            ids.add(variant["id"])
    lines.insert(8, lines[3])  # an exact copy: a duplicate, never stored twice
    lines[14:14] = ["{broken", '{"id": "no-text"}', '["not", "an", "object"]']
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    return ids, 3


def _n_stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as c:
            return int(c.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _ingest(inputs: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            str(NEWSWEAVE),
            "-q",
            "--set",
            "store.batch_size=4",
            "ingest",
            str(inputs),
            "--db",
            str(db),
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def _kill_after_some_stored(inputs: Path, db: Path, rng: random.Random) -> tuple[bool, int]:
    """Start an ingest and kill -9 it at a random moment once it has stored something.

    Returns whether it was still running when killed, and how many articles it had stored."""
    process = _ingest(inputs, db)
    before = _n_stored(db)
    deadline = time.monotonic() + 240
    while process.poll() is None and _n_stored(db) <= before and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, 1.5))
    was_running = process.poll() is None
    process.kill()
    process.communicate()
    assert was_running or process.returncode == 3, "ingest failed on its own"
    return was_running, _n_stored(db)


@pytest.mark.slow
@pytest.mark.timeout(900)  # model loading in several processes on a shared machine
def test_ingest_killed_and_rerun_loses_and_repeats_nothing(tmp_path: Path, data_dir: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    ids, n_bad = _write_inputs(inputs, data_dir)
    db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"
    rng = random.Random()  # noqa: S311 - kill timing, not cryptography
    runs = [_kill_after_some_stored(inputs, db, rng) for _ in range(N_KILLS)]
    # A kill after the last article was stored (while stories are compared) is a fair crash
    # point too; what matters is that at least one kill left an ingest half done.
    assert any(running and 0 < n < len(ids) for running, n in runs), runs
    for target in (db, clean_db):
        final = _ingest(inputs, target)
        out, _ = final.communicate(timeout=300)
        assert final.returncode == 3, out  # 3: finished, some lines quarantined
    killed, clean = Store.open(str(db)), Store.open(str(clean_db))
    try:
        stored = [a for s in killed.stories() for a in s.article_ids]
        assert sorted(stored) == sorted(ids)  # each input once: none lost, none repeated
        sources = [e.rejection.source for e in killed.quarantine_entries()]
        assert len(sources) == len(set(sources)) == n_bad
        assert audit_store(killed) == []
        # Same story state as a run never interrupted.
        assert [(s.id, s.article_ids) for s in killed.stories()] == [
            (s.id, s.article_ids) for s in clean.stories()
        ]
        # Reports too, though the killed store's were compared from caches left by the
        # interrupted runs.
        assert [killed.report(s.id) for s in killed.stories()] == [
            clean.report(s.id) for s in clean.stories()
        ]
    finally:
        killed.close()
        clean.close()
