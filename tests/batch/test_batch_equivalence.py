"""`newsweave batch` on a real two-worker Dask cluster leaves the store a single process would."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliRunner


@pytest.fixture
def mixed_inputs(tmp_path: Path, data_dir: Path, seeds_dir: Path) -> Path:
    """Two events, the seeds, a copy of one record, a malformed record and an empty file."""
    folder = tmp_path / "inputs"
    shutil.copytree(seeds_dir, folder / "seeds")
    lines = (data_dir / "basil_two_events.jsonl").read_text().splitlines()
    (folder / "basil.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "more.jsonl").write_text(lines[2] + "\n{not json\n")
    (folder / "empty.txt").write_text("")
    return folder


def _snapshot(cli: CliRunner, db: str) -> dict[str, Any]:
    stories = cli("stories", "--json", "--db", db).json()["stories"]
    report = cli("report", "--json", "--db", db).json()
    quarantine = cli("quarantine", "list", "--json", "--db", db).json()
    return {
        "stories": [(s["id"], s["title"], s["articles"]) for s in stories],
        "claims": {
            s["id"]: sorted((c["text"], c["status"]) for c in s["claims"])
            for s in report["stories"]
        },
        "quarantine": sorted((q["source"], q["code"]) for q in quarantine),
    }


@pytest.mark.cluster
@pytest.mark.timeout(900)  # model loading in several processes on a shared machine
def test_batch_two_workers_equals_single_process(
    cli: CliRunner, dask_scheduler: str, mixed_inputs: Path, tmp_path: Path
) -> None:
    single_db, batch_db = str(tmp_path / "single.db"), str(tmp_path / "batch.db")
    single = cli("ingest", str(mixed_inputs), "--db", single_db, "--json")
    batch = cli(
        "batch",
        str(mixed_inputs),
        "--db",
        batch_db,
        "--json",
        "--scheduler",
        dask_scheduler,
        "--partition-size",
        "3",
    )
    assert single.exit_code == batch.exit_code == 3  # the malformed record and the empty file
    assert batch.json() == single.json()
    assert batch.json()["duplicate"] == 1
    expected = _snapshot(cli, single_db)
    assert len(expected["stories"]) >= 3
    assert any(len(claims) > 0 for claims in expected["claims"].values())
    assert _snapshot(cli, batch_db) == expected


@pytest.mark.cluster
@pytest.mark.timeout(900)  # model loading in several processes on a shared machine
def test_batch_rerun_stores_nothing_twice(
    cli: CliRunner, dask_scheduler: str, mixed_inputs: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "batch.db")
    args = ("batch", str(mixed_inputs), "--db", db, "--json", "--scheduler", dask_scheduler)
    first = cli(*args).json()
    again = cli(*args).json()
    assert again["stored"] == 0
    assert again["duplicate"] == first["stored"] + first["duplicate"]
    quarantined = cli("quarantine", "list", "--json", "--db", db).json()
    assert len(quarantined) == sum(first["quarantined"].values()) == 2
