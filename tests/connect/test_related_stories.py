"""Related stories through the CLI, the API and the story page: the two Waitrose fires
(ECB+ topic 32, different stores and days) relate to each other, not to the parade."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from newsweave.store import Store
from tests.conftest import CliRunner, run_cli_captured
from tests.serving import serve_store


def _ingest(db: str, *paths: Path) -> None:
    result = run_cli_captured("ingest", *map(str, paths), "--db", db)
    assert result.exit_code == 0, result.stderr


def _story_ids(cli: CliRunner, db: str) -> dict[str, str]:
    """Story id by a word of its title: parade, veto, islam, surrey, wellington."""
    stories = cli("stories", "--json", "--db", db).json()["stories"]
    words = ("Kim", "Veto", "Islam", "Surrey", "Wellington")
    return {w.lower(): s["id"] for s in stories for w in words if w in s["title"]}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, data_dir: Path) -> str:
    db = str(tmp_path_factory.mktemp("related") / "related.db")
    _ingest(db, seeds_dir, data_dir / "basil_two_events.jsonl")
    _ingest(db, data_dir / "ecbplus_waitrose_fires.jsonl")
    return db


def test_cli_lists_the_other_fire_and_not_the_parade(cli: CliRunner, corpus_db: str) -> None:
    ids = _story_ids(cli, corpus_db)
    assert len(ids) == 5
    doc = cli("story", "related", ids["surrey"], "--db", corpus_db, "--json").json()
    assert doc["index"] == "exact"
    assert [r["id"] for r in doc["related"]] == [ids["wellington"]]
    assert 0.45 <= doc["related"][0]["similarity"] <= 1.0
    parade = cli("story", "related", ids["kim"], "--db", corpus_db, "--json").json()
    assert ids["surrey"] not in {r["id"] for r in parade["related"]}
    text = cli("story", "related", ids["wellington"], "--db", corpus_db).stdout
    assert ids["surrey"] in text
    missing = cli("story", "related", "st-nope", "--db", corpus_db)
    assert missing.exit_code != 0
    assert "no story" in missing.stderr


def test_an_ivf_index_past_the_threshold_finds_the_same(
    cli: CliRunner, corpus_db: str, tmp_path: Path
) -> None:
    db = str(tmp_path / "copy.db")
    shutil.copy(corpus_db, db)
    ids = _story_ids(cli, db)
    args = ("story", "related", ids["surrey"], "--db", db, "--json")
    doc = cli("--set", "store.exact_search_below=3", *args).json()
    assert doc["index"] == "ivf"
    assert [r["id"] for r in doc["related"]] == [ids["wellington"]]


def test_index_is_persisted_and_caught_up_from_the_store(
    cli: CliRunner, tmp_path: Path, seeds_dir: Path, data_dir: Path
) -> None:
    db = str(tmp_path / "grow.db")
    _ingest(db, seeds_dir, data_dir / "basil_two_events.jsonl")
    before = _story_ids(cli, db)
    assert cli("story", "related", before["kim"], "--db", db).exit_code == 0
    store = Store.open(db)
    v = store.t["vector_indexes"]
    with store.engine.connect() as c:
        (saved,) = c.execute(select(v.c.n_vectors, v.c.watermark)).all()
    store.close()
    assert saved.n_vectors == 3
    # Stories written after the snapshot (another process, or after a crash) are replayed
    # from the store before a search: the new fire finds the other new fire.
    _ingest(db, data_dir / "ecbplus_waitrose_fires.jsonl")
    ids = _story_ids(cli, db)
    doc = cli("story", "related", ids["wellington"], "--db", db, "--json").json()
    assert [r["id"] for r in doc["related"]] == [ids["surrey"]]
    store = Store.open(db)
    with store.engine.connect() as c:
        (kept,) = c.execute(select(v.c.n_vectors, v.c.watermark)).all()
    store.close()
    # A short tail is replayed, not saved: the snapshot is the one from before.
    assert kept == saved


@pytest.fixture(scope="module")
def api_base(corpus_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("related-api") / "api.db"
    shutil.copy(corpus_db, db)
    with serve_store(str(db)) as base:
        yield base


def test_api_and_story_page_show_related_stories(
    cli: CliRunner, corpus_db: str, api_base: str
) -> None:
    ids = _story_ids(cli, corpus_db)
    with httpx.Client(base_url=api_base, timeout=60) as client:
        doc = client.get(f"/api/stories/{ids['wellington']}/related", params={"k": 3}).json()
        assert doc["story"] == ids["wellington"]
        assert [r["id"] for r in doc["related"]] == [ids["surrey"]]
        assert client.get("/api/stories/st-nope/related").status_code == 404
        assert client.get(f"/api/stories/{ids['surrey']}/related?k=0").status_code == 422
        page = client.get(f"/stories/{ids['wellington']}").text
        assert "Related stories" in page
        assert f'href="/stories/{ids["surrey"]}"' in page
        assert "Related stories" not in client.get(f"/stories/{ids['veto']}").text
