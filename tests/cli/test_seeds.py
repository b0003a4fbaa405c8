"""The spine, end to end on the two seed reports, through the CLI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from newsweave.store import Store
from tests.conftest import CliRunner, run_cli_captured

# Page furniture of seed 002 that must not surface anywhere in a report.
BOILERPLATE = [
    "Sign up now",
    "newsletters",
    "PHOTO: REUTERS",
    "Follow topic",
    "See more on",
    "Their attendance marks the first public appearance",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    ingest = run_cli_captured("ingest", str(seeds_dir), "--db", db)
    report = run_cli_captured("report", "--json", "--db", db)
    store = Store.open(db)
    texts = {a.id: a.text for a in store.articles(["000_5c6a3b2869026a97", "002_3a8454ce8e2e82c1"])}
    store.close()
    return {"db": db, "ingest": ingest, "report": report.json(), "texts": texts}


def test_seeds_ingest_summary(seeded: dict[str, Any]) -> None:
    assert seeded["ingest"].exit_code == 0
    assert "read 2 · stored 2 · duplicate 0 · quarantined 0" in seeded["ingest"].stdout


def test_seeds_one_story_with_both_articles(seeded: dict[str, Any], cli: CliRunner) -> None:
    result = cli("stories", "--json", "--db", seeded["db"])
    stories = result.json()["stories"]
    assert len(stories) == 1
    assert stories[0]["articles"] == ["000_5c6a3b2869026a97", "002_3a8454ce8e2e82c1"]
    assert stories[0]["title"] == "Putin, Kim Jong Un to attend victory celebration in China"


def test_seeds_report_follows_schema(seeded: dict[str, Any]) -> None:
    report = seeded["report"]
    assert report["schema"] == "newsweave.report/1"
    (story,) = report["stories"]
    assert {a["id"] for a in story["articles"]} == set(seeded["texts"])
    for claim in story["claims"]:
        assert set(claim) >= {"id", "text", "status", "mentions", "detail"}
        assert claim["status"] in {"corroborated", "unique", "more_specific", "conflicting"}
    assert 5 <= len(story["brief"]) <= 10


def test_seeds_every_mention_is_verbatim(seeded: dict[str, Any]) -> None:
    (story,) = seeded["report"]["stories"]
    for claim in story["claims"]:
        for mention in claim["mentions"]:
            text = seeded["texts"][mention["article"]]
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_seeds_no_boilerplate_anywhere(seeded: dict[str, Any]) -> None:
    (story,) = seeded["report"]["stories"]
    spans = [c["text"] for c in story["claims"]] + [b["text"] for b in story["brief"]]
    spans += [m["text"] for c in story["claims"] for m in c["mentions"]]
    for span in spans:
        for furniture in BOILERPLATE:
            assert furniture not in span
        assert not re.search(r"\bREUTERS\b", span)


def _claims(story: dict[str, Any], status: str) -> list[dict[str, Any]]:
    return [c for c in story["claims"] if c["status"] == status]


def test_seeds_kim_visit_is_more_specific_in_002(seeded: dict[str, Any]) -> None:
    (story,) = seeded["report"]["stories"]
    (kim,) = [c for c in _claims(story, "more_specific") if "Mr Kim last visited" in c["text"]]
    assert kim["text"] == "Mr Kim last visited China in January 2019."
    assert {m["article"] for m in kim["mentions"]} == set(seeded["texts"])
    assert kim["detail"] == ("January 2019 (002_3a8454ce8e2e82c1) vs 2019 (000_5c6a3b2869026a97)")


def test_seeds_corroborated_claims_cite_both(seeded: dict[str, Any]) -> None:
    (story,) = seeded["report"]["stories"]
    corroborated = _claims(story, "corroborated")
    texts = " ".join(c["text"] for c in corroborated)
    assert "Mr Putin last visited Beijing in 2024." in texts
    # A part's statement names its subject ("Li Junhua was previously...").
    assert "Li Junhua" in " ".join(c["statement"] or c["text"] for c in corroborated)
    for claim in corroborated:
        assert {m["article"] for m in claim["mentions"]} == set(seeded["texts"])


def test_seeds_unique_claims_have_one_source(seeded: dict[str, Any]) -> None:
    (story,) = seeded["report"]["stories"]
    unique = {c["text"]: {m["article"] for m in c["mentions"]} for c in _claims(story, "unique")}
    woo = next(t for t in unique if "Mr Woo" in t)
    assert unique[woo] == {"002_3a8454ce8e2e82c1"}
    trade = next(t for t in unique if "97 per cent" in t)
    assert unique[trade] == {"000_5c6a3b2869026a97"}


def test_seeds_no_false_conflicts(seeded: dict[str, Any]) -> None:
    (story,) = seeded["report"]["stories"]
    assert _claims(story, "conflicting") == []


def test_seeds_brief_cites_sources_of_each_sentence(seeded: dict[str, Any]) -> None:
    (story,) = seeded["report"]["stories"]
    claims = {c["id"]: c for c in story["claims"]}
    for sentence in story["brief"]:
        claim = claims[sentence["claim"]]
        assert sentence["articles"] == list(dict.fromkeys(m["article"] for m in claim["mentions"]))
        assert any(sentence["text"] == m["text"] for m in claim["mentions"])
    assert story["brief"][0]["articles"] == list(seeded["texts"])


def test_seeds_kim_is_one_actor_with_aliases(seeded: dict[str, Any]) -> None:
    (story,) = seeded["report"]["stories"]
    kim = [e for e in story["entities"] if "Kim" in e["name"] or "Kim" in e["aliases"]]
    assert len(kim) == 1
    assert kim[0]["name"] == "Kim Jong Un"
    assert {"Kim", "Mr Kim", "North Korean leader Kim Jong Un"} <= set(kim[0]["aliases"])
    assert kim[0]["articles"] == list(seeded["texts"])


def test_seeds_reingest_is_a_noop(seeded: dict[str, Any], seeds_dir: Path, cli: CliRunner) -> None:
    again = cli("ingest", str(seeds_dir), "--db", seeded["db"])
    assert again.exit_code == 0
    assert "stored 0 · duplicate 2" in again.stdout
    assert len(cli("stories", "--json", "--db", seeded["db"]).json()["stories"]) == 1


def test_seeds_readable_report_groups_by_status(seeded: dict[str, Any], cli: CliRunner) -> None:
    result = cli("report", "--db", seeded["db"])
    assert result.exit_code == 0
    for heading in (
        "Brief",
        "Corroborated",
        "More specific in one source",
        "Reported by one source only",
    ):
        assert heading in result.stdout
    assert "January 2019 (002_3a8454ce8e2e82c1) vs 2019" in result.stdout


def test_demo_prints_the_seed_report(cli: CliRunner) -> None:
    result = cli("demo")
    assert result.exit_code == 0, result.stderr
    assert "Mr Kim last visited China in January 2019." in result.stdout
    assert "read 2 · stored 2" in result.stderr
