"""Two real events, three outlets each: grouped apart, compared within (BASIL excerpts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli_captured


@pytest.fixture(scope="module")
def two_events(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("basil") / "basil.db")
    ingest = run_cli_captured("ingest", str(data_dir / "basil_two_events.jsonl"), "--db", db)
    assert ingest.exit_code == 0, ingest.stderr
    stories = run_cli_captured("stories", "--json", "--db", db).json()["stories"]
    report = run_cli_captured("report", "--json", "--db", db).json()
    return {"stories": stories, "report": report}


def test_two_events_make_two_stories(two_events: dict[str, Any]) -> None:
    groups = sorted(sorted(s["articles"]) for s in two_events["stories"])
    assert groups == [
        ["basil-orlando-fox", "basil-orlando-hpo", "basil-orlando-nyt"],
        ["basil-veto-fox", "basil-veto-hpo", "basil-veto-nyt"],
    ]


def test_outlets_name_the_sources(two_events: dict[str, Any]) -> None:
    veto = next(
        s
        for s in two_events["report"]["stories"]
        if any(a["id"] == "basil-veto-fox" for a in s["articles"])
    )
    corroborated = [c for c in veto["claims"] if c["status"] != "unique"]
    assert corroborated, "three outlets on one vote share no claim?"
    for claim in corroborated:
        assert len({m["article"] for m in claim["mentions"]}) >= 2
    assert all(b["articles"] for b in veto["brief"])
    assert veto["brief"][0]["status"] != "unique"


def test_relative_dates_resolve_against_publication(two_events: dict[str, Any]) -> None:
    veto = next(
        s
        for s in two_events["report"]["stories"]
        if any(a["id"] == "basil-veto-fox" for a in s["articles"])
    )
    published = {a["id"]: a["published"] for a in veto["articles"]}
    assert published["basil-veto-fox"].startswith("2016-09-29")
