"""`newsweave batch` writing to a shared PostgreSQL store, as a research group's cluster would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.batch.test_batch_equivalence import _snapshot, mixed_inputs  # noqa: F401 - a fixture
from tests.conftest import CliRunner


@pytest.mark.cluster
@pytest.mark.postgres
@pytest.mark.timeout(900)  # model loading in several processes on a shared machine
def test_batch_into_postgresql_equals_single_process_sqlite(
    cli: CliRunner,
    dask_scheduler: str,
    mixed_inputs: Path,  # noqa: F811 - the imported fixture
    pg_server: Callable[[], str],
    tmp_path: Path,
) -> None:
    single_db, shared_db = str(tmp_path / "single.db"), pg_server()
    single = cli("ingest", str(mixed_inputs), "--db", single_db, "--json")
    batch = cli(
        "batch", str(mixed_inputs), "--db", shared_db, "--json", "--scheduler", dask_scheduler
    )
    assert batch.exit_code == single.exit_code == 3
    assert batch.json() == single.json()
    assert _snapshot(cli, shared_db) == _snapshot(cli, single_db)
    # A second run over the same archive stores nothing twice in the shared store.
    again = cli(
        "batch", str(mixed_inputs), "--db", shared_db, "--json", "--scheduler", dask_scheduler
    )
    assert again.json()["stored"] == 0
