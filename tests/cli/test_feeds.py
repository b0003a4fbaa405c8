"""Feeds through `newsweave ingest`: one article per entry, broken entries quarantined alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsweave.store import Store
from tests.conftest import DATA, CliRunner

FEEDS = DATA / "feeds"


def test_feed_entries_become_articles_and_summary_only_is_partial(db: str, cli: CliRunner) -> None:
    result = cli("ingest", str(FEEDS / "basil_fox.rss"), "--json", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.json()["stored"] == 2
    report = cli("report", "--json", "--db", db).json()
    articles = {a["title"]: a for s in report["stories"] for a in s["articles"]}
    full = articles["Congress rejects Obama veto of 9/11 bill, in first override of presidency"]
    assert full["outlet"] == "Fox News Politics"
    assert full["published"].startswith("2016-09-29")
    partial = next(a for t, a in articles.items() if t.startswith("Trump takes on Obama"))
    store = Store.open(db)
    try:
        stored_full, stored_partial = store.articles([full["id"], partial["id"]])
    finally:
        store.close()
    assert (stored_full.is_partial, stored_partial.is_partial) == (False, True)


def test_feed_with_one_broken_entry_keeps_the_others(db: str, cli: CliRunner) -> None:
    result = cli("ingest", str(FEEDS / "basil_fox_one_broken_entry.rss"), "--json", "--db", db)
    assert result.exit_code == 3
    summary = result.json()
    assert (summary["read"], summary["stored"], summary["quarantined"]) == (3, 2, {"NW107": 1})
    (entry,) = cli("quarantine", "list", "--json", "--db", db).json()
    assert entry["source"].endswith("basil_fox_one_broken_entry.rss#2")
    assert "has no content or summary" in entry["message"]
    assert entry["has_payload"]  # the entry's fields are kept


def test_truncated_feed_keeps_entries_before_the_damage(db: str, cli: CliRunner) -> None:
    result = cli("ingest", str(FEEDS / "basil_fox_truncated.rss"), "--json", "--db", db)
    summary = result.json()
    assert summary["stored"] == 1
    codes = [e["code"] for e in cli("quarantine", "list", "--json", "--db", db).json()]
    assert codes.count("NW107") == 2  # the cut entry, and the damage itself


def test_malformed_feed_is_one_clear_error(db: str, cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "broken.rss"
    bad.write_text('<?xml version="1.0"?><rss version="2.0"><channel><<<title>x</', "utf-8")
    result = cli("ingest", str(bad), "--json", "--db", db)
    assert result.exit_code == 3
    (entry,) = cli("quarantine", "list", "--json", "--db", db).json()
    assert entry["code"] == "NW107"
    assert "not a readable feed" in entry["message"]
    assert entry["path"] == str(bad)


def test_feed_ingested_twice_stores_nothing_new(db: str, cli: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "veto.atom"
    shutil.copy(FEEDS / "basil_veto.atom", feed)
    first = cli("ingest", str(feed), "--json", "--db", db).json()
    second = cli("ingest", str(feed), "--json", "--db", db).json()
    assert first["stored"] == 2
    assert (second["stored"], second["duplicate"]) == (0, 2)
    report = cli("report", "--json", "--db", db).json()
    dates = {(a["published"], a["updated"]) for s in report["stories"] for a in s["articles"]}
    assert dates == {("2016-09-28T12:00:00", "2016-09-28T12:00:00")}


def test_quarantine_show_and_retry_after_a_fix(db: str, cli: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "late.txt"
    page.write_bytes(b"")
    assert cli("ingest", str(page), "--db", db).exit_code == 3
    (entry,) = cli("quarantine", "list", "--json", "--db", db).json()
    shown = cli("quarantine", "show", str(entry["id"]), "--json", "--db", db).json()
    assert shown["code"] == "NW103"
    assert shown["path"] == str(page)
    assert cli("quarantine", "show", str(entry["id"]), "--db", db).exit_code == 0
    page.write_text((FEEDS.parent / "wrapped_report.txt").read_text("utf-8"), "utf-8")
    retried = cli("quarantine", "retry", str(entry["id"]), "--json", "--db", db)
    assert retried.exit_code == 0, retried.stderr
    assert retried.json()[0]["stored"] == 1
    assert cli("quarantine", "list", "--json", "--db", db).json() == []


def test_quarantine_retry_of_a_record_that_fails_again(db: str, cli: CliRunner) -> None:
    cli("ingest", str(FEEDS / "basil_fox_one_broken_entry.rss"), "--db", db)
    (entry,) = cli("quarantine", "list", "--json", "--db", db).json()
    result = cli("quarantine", "retry", str(entry["id"]), "--db", db)
    assert result.exit_code == 3
    (again,) = cli("quarantine", "list", "--json", "--db", db).json()
    assert again["source"] == entry["source"]
    assert cli("quarantine", "show", "999", "--db", db).exit_code == 2
