"""Every bad input is stored or quarantined with a clear message; nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner

SEED_LINE = (
    "Russia’s Vladimir Putin and North Korea’s Kim Jong Un will join Chinese leader Xi Jinping "
    "at a military parade in Beijing next week, marking a rare joint appearance."
)


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    latin = "Le président a visité Genève, où il a rencontré des élèves de l'école française."
    (folder / "latin1.txt").write_bytes(
        (latin + "\n\n" + latin.replace("Genève", "Zürich")).encode("latin-1")
    )
    lines = [
        json.dumps({"id": "ok-1", "text": SEED_LINE, "outlet": "Test Wire"}),
        "{not json at all",
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text", "title": "only a title"}),
        json.dumps({"id": "bad-date", "text": SEED_LINE + " Again.", "published": "yesterday"}),
    ]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as handle:
        handle.write(b"word " * (10 * 1024 * 1024))  # 50 MB
    return folder


def test_bad_inputs_each_stored_or_quarantined(bad_inputs: Path, db: str, cli: CliRunner) -> None:
    result = cli("ingest", str(bad_inputs), "--json", "--db", db)
    assert result.exit_code == 3  # finished, with quarantined inputs
    summary = result.json()
    assert summary["read"] == 9  # 4 files + 5 JSON Lines records
    assert summary["stored"] == 2  # latin1.txt and ok-1
    assert summary["read"] == summary["stored"] + summary["duplicate"] + sum(
        summary["quarantined"].values()
    )
    listed = cli("quarantine", "list", "--json", "--db", db).json()
    by_source = {Path(e["source"]).name: e for e in listed}
    assert by_source["empty.txt"]["code"] == "NW103"
    assert by_source["binary.txt"]["code"] == "NW101"
    assert by_source["huge.txt"]["code"] == "NW104"
    assert by_source["records.jsonl:2"]["code"] == "NW106"
    assert by_source["records.jsonl:3"]["code"] == "NW106"
    assert by_source["records.jsonl:4"]["code"] == "NW106"
    assert by_source["records.jsonl:5"]["code"] == "NW106"
    for entry in listed:
        assert {"source", "stage", "code", "message"} <= set(entry)
        assert entry["sha256"]
        assert entry["path"] or entry["has_payload"]  # original kept, or pointed to
    assert "over the 20,000,000-byte cap" in by_source["huge.txt"]["message"]
    assert "not valid JSON" in by_source["records.jsonl:2"]["message"]
    assert "not an ISO 8601 date" in by_source["records.jsonl:5"]["message"]


def test_bad_inputs_latin1_text_is_decoded(bad_inputs: Path, db: str, cli: CliRunner) -> None:
    cli("ingest", str(bad_inputs / "latin1.txt"), "--db", db)
    report = cli("report", "--json", "--db", db).json()
    (story,) = report["stories"]
    assert any("Genève" in c["text"] for c in story["claims"])


def test_bad_inputs_second_run_adds_nothing(bad_inputs: Path, db: str, cli: CliRunner) -> None:
    first = cli("ingest", str(bad_inputs), "--json", "--db", db).json()
    second = cli("ingest", str(bad_inputs), "--json", "--db", db).json()
    assert second["stored"] == 0
    assert second["duplicate"] == first["stored"]
    assert len(cli("quarantine", "list", "--json", "--db", db).json()) == sum(
        first["quarantined"].values()
    )


def test_stdin_jsonl_is_read(
    db: str, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stream = tmp_path / "stdin.jsonl"
    stream.write_text(json.dumps({"id": "from-stdin", "text": SEED_LINE}) + "\n", encoding="utf-8")
    with stream.open("rb") as handle:
        monkeypatch.setattr("sys.stdin", type("S", (), {"buffer": handle})())
        result = cli("ingest", "-", "--json", "--db", db)
    assert result.exit_code == 0
    assert result.json()["stored"] == 1
    assert cli("stories", "--json", "--db", db).json()["stories"][0]["articles"] == ["from-stdin"]


@pytest.mark.parametrize("command", ["ingest", "batch"])
def test_missing_path_is_a_usage_error(
    command: str, db: str, cli: CliRunner, tmp_path: Path
) -> None:
    # batch refuses before it starts a cluster
    result = cli(command, str(tmp_path / "nope.txt"), "--db", db)
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_unknown_story_is_an_input_error(db: str, cli: CliRunner) -> None:
    result = cli("report", "st-000000000000", "--db", db)
    assert result.exit_code == 2
    assert "error [NW400]: no story 'st-000000000000'" in result.stderr
    assert "hint:" in result.stderr


def test_bad_setting_lists_every_bad_key(db: str, cli: CliRunner) -> None:
    result = cli("--set", "stories.threshold=high", "--set", "nope.key=1", "stories", "--db", db)
    assert result.exit_code == 2
    assert "stories.threshold='high' is not a float" in result.stderr
    assert "unknown section 'nope'" in result.stderr


def test_unwritable_db_folder_is_a_clear_error(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("stories", "--db", str(tmp_path / "missing" / "x.db"))
    assert result.exit_code == 2
    assert "error [NW300]" in result.stderr
