"""The story index through the CLI: near-identical events, late articles, restarts, rebuilds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliRunner


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _groups(stories: list[dict[str, Any]]) -> list[list[str]]:
    return sorted(sorted(s["articles"]) for s in stories)


def _stories(cli: CliRunner, db: str) -> list[dict[str, Any]]:
    result = cli("stories", "--json", "--db", db)
    assert result.exit_code == 0, result.stderr
    stories: list[dict[str, Any]] = result.json()["stories"]
    return stories


def test_two_waitrose_fires_in_two_towns_stay_apart(
    cli: CliRunner, db: str, data_dir: Path
) -> None:
    # Same chain, same kind of fire, same wording; Banstead (Surrey) vs Wellington (Somerset).
    assert cli("ingest", str(data_dir / "ecbplus_waitrose_fires.jsonl"), "--db", db).exit_code == 0
    assert _groups(_stories(cli, db)) == [
        ["ecb-14_10ecb", "ecb-14_2ecb", "ecb-14_3ecb"],
        ["ecb-14_10ecbplus", "ecb-14_4ecbplus", "ecb-14_5ecbplus"],
    ]


def test_late_article_joins_its_old_story_after_a_restart(
    cli: CliRunner, db: str, data_dir: Path, tmp_path: Path
) -> None:
    records = _lines(data_dir / "basil_two_events.jsonl")
    late = next(r for r in records if r["id"] == "basil-veto-nyt")
    early = [r for r in records if r is not late]
    assert cli("ingest", _write(tmp_path / "early.jsonl", early), "--db", db).exit_code == 0
    before = {s["id"]: s["articles"] for s in _stories(cli, db)}
    # A separate run: the index is restored from the store, not kept in memory.
    assert cli("ingest", _write(tmp_path / "late.jsonl", [late]), "--db", db).exit_code == 0
    after = {s["id"]: s["articles"] for s in _stories(cli, db)}
    veto_id = next(i for i, ids in before.items() if "basil-veto-fox" in ids)
    assert set(after) == set(before)
    assert after[veto_id] == [*before[veto_id], "basil-veto-nyt"]


def test_ingesting_in_two_runs_equals_one_run(
    cli: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    records = _lines(data_dir / "basil_two_events.jsonl") + _lines(
        data_dir / "ecbplus_waitrose_fires.jsonl"
    )
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    assert cli("ingest", _write(tmp_path / "all.jsonl", records), "--db", one).exit_code == 0
    for n, part in enumerate((records[:5], records[5:])):
        assert cli("ingest", _write(tmp_path / f"p{n}.jsonl", part), "--db", two).exit_code == 0
    assert _stories(cli, two) == _stories(cli, one)


@pytest.fixture
def ingested(cli: CliRunner, db: str, data_dir: Path, tmp_path: Path) -> str:
    records = _lines(data_dir / "basil_two_events.jsonl") + _lines(
        data_dir / "ecbplus_waitrose_fires.jsonl"
    )
    assert cli("ingest", _write(tmp_path / "all.jsonl", records), "--db", db).exit_code == 0
    return db


def test_rebuild_with_same_settings_reproduces_the_online_stories(
    cli: CliRunner, ingested: str
) -> None:
    online = _stories(cli, ingested)
    result = cli("stories", "rebuild", "--json", "--db", ingested)
    assert result.exit_code == 0, result.stderr
    assert result.json()["merged_or_renamed"] == {}
    assert _stories(cli, ingested) == online


def test_rebuild_splits_and_merges_keeping_ids(cli: CliRunner, ingested: str) -> None:
    online = _stories(cli, ingested)
    # A threshold nothing reaches: every article alone. Each story's id stays with one of its
    # articles; the others get fresh ids.
    split = cli("--set", "stories.threshold=9", "stories", "rebuild", "--db", ingested)
    assert split.exit_code == 0, split.stderr
    singles = _stories(cli, ingested)
    assert len(singles) == sum(len(s["articles"]) for s in online)
    assert {s["id"] for s in online} <= {s["id"] for s in singles}
    # Back to the default: the stories come back under the ids users saw first; ids made
    # for the split-off articles now resolve to the story that absorbed them.
    merged = cli("stories", "rebuild", "--json", "--db", ingested)
    assert _stories(cli, ingested) == online
    aliases = merged.json()["merged_or_renamed"]
    assert len(aliases) == len(singles) - len(online)
    old_id, new_id = next(iter(aliases.items()))
    shown = cli("story", "show", old_id, "--json", "--db", ingested)
    assert shown.exit_code == 0, shown.stderr
    assert shown.json()["id"] == new_id


def test_story_show_summarises_event_span_and_actors(cli: CliRunner, ingested: str) -> None:
    veto = next(s for s in _stories(cli, ingested) if "basil-veto-fox" in s["articles"])
    assert veto["first_seen"].startswith("2016-09-28")
    assert veto["n_articles"] == 3
    assert veto["outlets"]
    result = cli("story", "show", veto["id"], "--db", ingested)
    assert result.exit_code == 0, result.stderr
    assert "Sep 2016" in result.stdout
    assert "3 articles" in result.stdout
    assert any(actor in result.stdout for actor in veto["actors"])
    missing = cli("story", "show", "st-nosuchstory", "--db", ingested)
    assert missing.exit_code == 2
    assert "newsweave stories" in missing.stderr
