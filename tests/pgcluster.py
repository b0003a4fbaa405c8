"""A throwaway PostgreSQL server for tests and benchmarks: initdb in a temporary folder,
listening on 127.0.0.1 on a free port, stopped (and its folder removed) by `stop()`.

Uses Debian's server binaries (/usr/lib/postgresql/N/bin, installed by
`scripts/bootstrap --dev`). As root, the server runs as the `postgres` user, which owns
the folder: PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

__all__ = ["PostgresCluster", "free_port", "postgres_bin"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if not found:
        raise RuntimeError(
            "no PostgreSQL server binaries under /usr/lib/postgresql; "
            "run `scripts/bootstrap --dev` (it installs Debian's postgresql)"
        )
    return found[-1].parent


class PostgresCluster:
    """One server; `database()` gives a fresh, empty database URL on it each call."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="nwpg-"))
        self.port = free_port()
        self.is_running = False

    def _run(self, *args: str) -> None:
        command = [str(a) for a in args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> PostgresCluster:
        pg = postgres_bin()
        data, run = self.base / "data", self.base / "run"
        data.mkdir()
        run.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
            for path in (data, run):
                shutil.chown(path, "postgres", "postgres")
        self._run(
            pg / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync",
            "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {run} -c fsync=off"
        self._run(pg / "pg_ctl", "-D", data, "-l", run / "pg.log", "-w", "-t", "30",
                  "-o", options, "start")  # fmt: skip
        self.is_running = True
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def database(self) -> str:
        """A new empty database; its URL."""
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.is_running:
            self._run(postgres_bin() / "pg_ctl", "-D", self.base / "data", "-m", "fast", "-w",
                      "stop")  # fmt: skip
            self.is_running = False
        shutil.rmtree(self.base, ignore_errors=True)
