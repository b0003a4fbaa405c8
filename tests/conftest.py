"""Shared fixtures: the CLI run in-process, the bundled seeds, fresh stores."""

from __future__ import annotations

import contextlib
import io
import json
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsweave.cli import main
from newsweave.config import load_settings
from newsweave.store import Store
from tests.pgcluster import PostgresCluster

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parent.parent / "newsweave" / "data" / "seeds"


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


CliRunner = Callable[..., CliResult]


def run_cli_captured(*args: str) -> CliResult:
    """Run the CLI in-process, capturing its output (usable from module-scoped fixtures)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args])
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """Run `newsweave ARGS...` in-process (models load once per test session)."""
    monkeypatch.delenv("NEWSWEAVE_DB", raising=False)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main([*args])
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Callable[[], str]]:
    """Makes fresh PostgreSQL databases on a throwaway server started here (127.0.0.1, free
    port) and stopped at the end of the session."""
    cluster = PostgresCluster().start()
    try:
        yield cluster.database
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database for each backend: every store test runs on both."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    make_database: Callable[[], str] = request.getfixturevalue("pg_server")
    return make_database()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store.open(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database with the two seed reports ingested (and their story compared)."""
    db = str(tmp_path_factory.mktemp("seeded") / "seeds.db")
    result = run_cli_captured("ingest", str(SEEDS), "--db", db)
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture
def settings_for() -> Callable[[str], Any]:
    return lambda db_path: load_settings(overrides=[f"store.db={db_path}"])


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Tests reach no host but 127.0.0.1 (servers they start themselves)."""
    del request
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "localhost", "::1"}
            and self.family in {socket.AF_INET, socket.AF_INET6}
        ):
            raise OSError(f"tests may not reach {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
