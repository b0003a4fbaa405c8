"""`newsweave batch` refuses an unclear cluster choice before reading anything."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliRunner


def test_batch_needs_scheduler_or_local(cli: CliRunner, seeds_dir: Path, db: str) -> None:
    result = cli("batch", str(seeds_dir), "--db", db)
    assert result.exit_code == 2
    assert "--scheduler" in result.stderr
    assert "--local" in result.stderr


def test_batch_refuses_both(cli: CliRunner, seeds_dir: Path, db: str) -> None:
    result = cli("batch", str(seeds_dir), "--db", db, "--local", "1", "--scheduler", "tcp://x:1")
    assert result.exit_code == 2
    assert "exactly one" in result.stderr
