"""Stories the news has left behind leave memory; late articles still find them in the store."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsweave.config import load_settings
from newsweave.ingest import iter_inputs
from newsweave.pipeline import Pipeline
from newsweave.store import Store
from newsweave.stories import ArticleFeatures, StoryIndex, story_id_for
from tests.conftest import CliRunner

ORLANDO_FIRST = ["basil-orlando-fox", "basil-orlando-hpo"]


def _features(
    article_id: str, topic: int, day: int | None, words: tuple[str, str] = ("word", "name")
) -> ArticleFeatures:
    vector = np.zeros(8, dtype=np.float32)
    vector[topic] = 1.0
    when = datetime(2020, 1, 1) + timedelta(days=day) if day is not None else None
    return ArticleFeatures(
        id=article_id,
        vector=vector,
        terms={f"{words[0]}{topic}": 2.0, f"{words[1]}{topic}": 2.0},
        entities={},
        dates=frozenset(),
        numbers=frozenset(),
        published=when,
        title=f"event {topic}",
        lead=f"event {topic}",
        outlet=None,
    )


def test_faded_stories_leave_memory_and_postings() -> None:
    index = StoryIndex(threshold=0.35, window_days=10)
    index.assign_features(_features("a1", 1, 0))
    index.assign_features(_features("b1", 2, None))  # undated: fades with the news around it
    index.assign_features(_features("c1", 3, 15))  # within two windows: all still live
    assert len(index.stories_) == 3
    index.assign_features(_features("d1", 4, 40))  # two windows past the first three
    assert list(index.stories_) == [story_id_for("d1")]
    assert all(ids == {story_id_for("d1"): None} for ids in index.postings_.values())
    assert list(index.posted_) == [story_id_for("d1")]
    # Nothing was taken yet, so the evicted stories are still handed over for the store.
    assert len(index.take_changes().states) == 4
    assert index.retired_ == {}


def test_a_late_article_finds_an_evicted_story_not_yet_stored() -> None:
    index = StoryIndex(threshold=0.35, window_days=10)
    index.assign_features(_features("a1", 1, 0))
    index.assign_features(_features("d1", 4, 40))
    assert story_id_for("a1") not in index.stories_
    late = index.assign_features(_features("a2", 1, 2))
    assert (late.story_id, late.is_new_story) == (story_id_for("a1"), False)
    states = {s.id: s for s in index.take_changes().states}
    assert states[story_id_for("a1")].n_articles == 2


def _stream() -> list[ArticleFeatures]:
    """Six events ten days apart (two articles each, two days apart), an undated article on
    the first event, then late articles on the first and third events; of the first event's
    two, each shares a different word with the story."""
    stream = []
    for topic in range(6):
        stream += [
            _features(f"t{topic}a", topic, 10 * topic),
            _features(f"t{topic}b", topic, 10 * topic + 2),
        ]
    stream.insert(3, _features("t1u", 1, None))
    return [
        *stream,
        _features("t2late", 2, 24),
        _features("t0late", 0, 3, ("word", "extra")),
        _features("t0later", 0, 3, ("other", "name")),
    ]


@pytest.mark.parametrize("cut", range(1, 16))
def test_a_restart_from_the_store_continues_as_one_run(tmp_path: Path, cut: int) -> None:
    stream = _stream()
    one = StoryIndex(threshold=0.35, window_days=10)
    expected = [one.assign_features(f) for f in stream]
    # The late ones join evicted stories.
    assert [a.story_id for a in expected[-3:]] == [story_id_for(i) for i in ("t2a", "t0a", "t0a")]
    store = Store.open(str(tmp_path / "restart.db"))
    got = []
    for part in (stream[:cut], stream[cut:]):
        # Each part is a new run: restored from what the store holds, late articles read it.
        index = StoryIndex.restore(
            store.story_snapshot(window_days=10), threshold=0.35, window_days=10, archive=store
        )
        for batch in (part[:2], part[2:]):
            got += [index.assign_features(f) for f in batch]
            with store.transaction() as connection:
                store.write_index_changes(connection, index.take_changes())
    store.close()
    # Stored profiles are rounded, so scores agree to a few decimals; the grouping exactly.
    assert [(a.story_id, a.is_new_story) for a in got] == [
        (a.story_id, a.is_new_story) for a in expected
    ]
    assert [a.score for a in got] == pytest.approx([a.score for a in expected], abs=1e-3)


def _records(data_dir: Path) -> dict[str, dict[str, Any]]:
    lines = (data_dir / "basil_two_events.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in map(json.loads, lines)}


def test_late_article_joins_an_evicted_story_from_the_store(
    cli: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    # Orlando (June 2016), then the veto (late September): Orlando leaves memory. A
    # late Orlando report, in a new run, must still join its story, read from the store.
    records = _records(data_dir)
    early = tmp_path / "early.jsonl"
    order = [*ORLANDO_FIRST, "basil-veto-nyt", "basil-veto-hpo", "basil-veto-fox"]
    early.write_text("".join(json.dumps(records[i]) + "\n" for i in order), encoding="utf-8")
    late = tmp_path / "late.jsonl"
    late.write_text(json.dumps(records["basil-orlando-nyt"]) + "\n", encoding="utf-8")
    db = str(tmp_path / "late.db")
    store = Store.open(db)
    pipeline = Pipeline(load_settings(overrides=[f"store.db={db}"]), store)
    pipeline.ingest(iter_inputs([early]))
    orlando = story_id_for("basil-orlando-fox")
    pipeline.forget_indexes()  # as a restart would
    assert orlando not in pipeline.index.stories_
    assert len(pipeline.index.stories_) == 1  # the veto story alone is live
    pipeline.ingest(iter_inputs([late]))
    store.close()

    stories = {
        s["id"]: s["articles"] for s in cli("stories", "--json", "--db", db).json()["stories"]
    }
    assert len(stories) == 2
    assert stories[orlando] == [*ORLANDO_FIRST, "basil-orlando-nyt"]


def _grouping(data_dir: Path, tmp_path: Path, name: str, parts: list[list[str]]) -> list[Any]:
    records = _records(data_dir)
    db = str(tmp_path / f"{name}.db")
    store = Store.open(db)
    pipeline = Pipeline(load_settings(overrides=[f"store.db={db}"]), store)
    for n, part in enumerate(parts):
        path = tmp_path / f"{name}-{n}.jsonl"
        path.write_text("".join(json.dumps(records[i]) + "\n" for i in part), encoding="utf-8")
        pipeline.ingest(iter_inputs([path]))
        pipeline.forget_indexes()  # as a restart would
    grouping = [(s.id, s.article_ids) for s in store.stories()]
    store.close()
    return grouping


def test_a_restart_between_late_articles_groups_as_one_run(data_dir: Path, tmp_path: Path) -> None:
    # The veto (September 2016) first: every Orlando report (June) is late. A restart after
    # the first leaves its story in the store only; the second brings it back, and the
    # third must find it as in an uninterrupted run (this once failed after a crash).
    veto = ["basil-veto-nyt", "basil-veto-hpo", "basil-veto-fox"]
    orlando = ["basil-orlando-fox", "basil-orlando-nyt", "basil-orlando-hpo"]
    one_run = _grouping(data_dir, tmp_path, "one", [[*veto, *orlando]])
    assert [ids for _, ids in one_run] == [tuple(veto), tuple(orlando)]
    restarted = _grouping(data_dir, tmp_path, "restarted", [[*veto, orlando[0]], orlando[1:]])
    assert restarted == one_run


def test_articles_dated_at_the_calendars_ends_are_stored_not_a_crash(
    cli: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    # Found by the ingest fuzz test: the eviction horizon (two windows before the newest
    # date) fell below datetime.min and raised OverflowError mid-ingest; a story's window
    # and relative dates ("on Monday") overflowed past datetime.max the same way.
    records = _records(data_dir)
    dated = [
        dict(records["basil-veto-nyt"], published="0001-01-01T00:00:00"),
        dict(records["basil-orlando-fox"], published="9999-12-31T23:59:59"),
    ]
    inputs = tmp_path / "edges.jsonl"
    inputs.write_text("".join(json.dumps(r) + "\n" for r in dated), encoding="utf-8")
    db = str(tmp_path / "edges.db")
    assert cli("ingest", str(inputs), "--db", db).exit_code == 0
    stories = cli("stories", "--json", "--db", db).json()["stories"]
    assert sorted(s["articles"] for s in stories) == [["basil-orlando-fox"], ["basil-veto-nyt"]]
