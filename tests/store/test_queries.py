"""Store reads the API and web UI use, on SQLite and on PostgreSQL (postgres marker).

The seeds are ingested through the CLI into each backend, so the whole write path runs on
both; then every query is checked against what the seeds contain.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect

from newsweave.errors import NotFound
from newsweave.store import Store
from newsweave.store.actor_queries import actor_detail, search_actors, story_timeline
from newsweave.store.migrations import MIGRATIONS
from newsweave.store.queries import StoryQuery, search_stories, story_detail
from tests.conftest import CliRunner

SEED_IDS = ["000_5c6a3b2869026a97", "002_3a8454ce8e2e82c1"]


@pytest.fixture
def seeded(store_url: str, cli: CliRunner, seeds_dir: Path) -> Iterator[Store]:
    result = cli("ingest", str(seeds_dir), "--db", store_url)
    assert result.exit_code == 0, result.stderr
    opened = Store.open(store_url)
    yield opened
    opened.close()


def test_store_migrates_every_table(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "stories", "story_reports", "quarantine", "_migrations"} <= tables
    with store.engine.connect() as c:
        applied = c.execute(store.t["_migrations"].select()).all()
    assert [r.id for r in applied] == [n for n, _, _ in MIGRATIONS]


def test_store_search_on_the_seeds(seeded: Store) -> None:
    everything = search_stories(seeded, StoryQuery())
    (story,) = everything.items
    assert story.coverage == (("unattributed", 2),)
    assert everything.total == 1
    for query, n in [
        (StoryQuery(text="WOO WON-SHIK"), 1),
        (StoryQuery(text="50%"), 0),
        (StoryQuery(actor="kim jong un"), 1),
        (StoryQuery(outlet="Reuters"), 0),
        (StoryQuery(since=date(2030, 1, 1)), 0),
        (StoryQuery(text="Beijing", actor="putin"), 1),
    ]:
        assert search_stories(seeded, query).total == n, query
    assert search_stories(seeded, StoryQuery(), limit=5, offset=1).items == ()


def test_store_story_detail_and_timeline(seeded: Store) -> None:
    (story,) = search_stories(seeded, StoryQuery()).items
    detail = story_detail(seeded, story.id)
    assert [a.id for a in detail.articles] == SEED_IDS
    assert detail.report is not None
    timeline = story_timeline(seeded, story.id)
    assert timeline
    assert {e.story_id for e in timeline} == {story.id}
    with pytest.raises(NotFound):
        story_detail(seeded, "st-missing")


def test_store_actor_pages(seeded: Store) -> None:
    names = [s.actor.name for s in search_actors(seeded, "kim").items]
    assert "Kim Jong Un" in names
    assert search_actors(seeded, "vucic").items[0].actor.name == "Aleksandar Vucic"
    kim = actor_detail(seeded, "Mr Kim")
    assert kim.actor.name == "Kim Jong Un"
    assert [s.n_articles for s in kim.stories] == [2]
    assert kim.timeline
    with pytest.raises(NotFound):
        actor_detail(seeded, "Nobody")
