"""Comparing a grown story again reuses the story's compare cache and reports the same."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import newsweave.compare.align
import newsweave.compare.claims
from newsweave.compare.verdict import Judgement
from newsweave.config import load_settings
from newsweave.model import AnnotatedArticle, Story
from newsweave.pipeline import Pipeline
from newsweave.registry import COMPONENTS
from newsweave.store import Store, audit_store
from newsweave.store.compare_cache import CompareCache
from newsweave.story_reports import ReportOptions, StoryUpdate, report_story
from tests.conftest import CliRunner


def _write(path: Path, lines: list[str]) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def test_a_story_fed_article_by_article_reports_as_one_run(
    cli: CliRunner, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = (data_dir / "basil_two_events.jsonl").read_text(encoding="utf-8").splitlines()
    files = [_write(tmp_path / f"{n}.jsonl", [record]) for n, record in enumerate(records)]
    live, scratch = str(tmp_path / "live.db"), str(tmp_path / "scratch.db")
    for path in files[:-1]:
        assert cli("ingest", path, "--db", live).exit_code == 0
    # The last article joins a story of two outlets: only its pairs are judged.
    calls: list[Any] = []
    judge = newsweave.compare.align.judge

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[:2])
        return judge(*args, **kwargs)

    monkeypatch.setattr(newsweave.compare.align, "judge", counted)
    assert cli("ingest", files[-1], "--db", live).exit_code == 0
    monkeypatch.setattr(newsweave.compare.align, "judge", judge)
    new_id = json.loads(records[-1])["id"]
    assert calls
    assert all(new_id in (a.article_id, b.article_id) for a, b in calls)

    _assert_reports_as_from_scratch(cli, live, files, scratch=scratch)


def _assert_reports_as_from_scratch(
    cli: CliRunner, db: str, files: list[str], *, scratch: str
) -> None:
    """The two stories of `db` report as the same inputs ingested in one run, each story
    compared once, without a cache."""
    assert cli("ingest", *files, "--db", scratch).exit_code == 0
    grown = cli("report", "--json", "--db", db)
    fresh = cli("report", "--json", "--db", scratch)
    assert grown.exit_code == fresh.exit_code == 0
    assert len(grown.json()["stories"]) == 2
    assert grown.stdout == fresh.stdout


def test_a_story_compared_again_after_its_cache_was_evicted_reports_the_same(
    cli: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    records = (data_dir / "basil_two_events.jsonl").read_text(encoding="utf-8").splitlines()
    # Two stories grown in turn (veto, veto, orlando, orlando, veto, orlando): with one cache
    # kept, each story has lost its cache by the time its next article comes.
    order = [0, 1, 3, 4, 2, 5]
    files = [_write(tmp_path / f"{n}.jsonl", [records[k]]) for n, k in enumerate(order)]
    live, scratch = str(tmp_path / "live.db"), str(tmp_path / "scratch.db")
    cached: list[set[str]] = []
    for path in files:
        run = cli("--set", "compare.cached_stories=1", "ingest", path, "--db", live)
        assert run.exit_code == 0, run.stderr
        cached.append(_cached_stories(live))
    # Only the story compared last keeps its cache: the veto story's went when the Orlando
    # story was compared, before veto-fox came, and the other way round.
    veto, orlando = cached[0], cached[2]
    assert len(veto) == len(orlando) == 1
    assert veto != orlando
    assert cached == [veto, veto, orlando, orlando, veto, orlando]
    _assert_reports_as_from_scratch(cli, live, files, scratch=scratch)
    store = Store.open(live)
    assert audit_store(store) == []
    store.close()


@dataclass(frozen=True)
class _Compared:
    """The seed story, compared once from scratch."""

    pipeline: Pipeline
    story: Story
    annotated: list[AnnotatedArticle]
    options: ReportOptions
    first: StoryUpdate

    def again(self, cache: CompareCache | None) -> StoryUpdate:
        return report_story(self.story, self.annotated, options=self.options, cache=cache)


@pytest.fixture
def compared(seeded_db: str) -> Iterator[_Compared]:
    store = Store.open(seeded_db)
    pipeline = Pipeline(load_settings(overrides=[f"store.db={seeded_db}"]), store)
    (story,) = store.stories()
    story, annotated = pipeline.story_inputs(story.id)
    options = ReportOptions.from_settings(pipeline.settings)
    first = report_story(story, annotated, options=options)
    yield _Compared(pipeline, story, annotated, options, first)
    store.close()


def test_a_cache_of_another_compare_version_is_not_used(
    compared: _Compared, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = compared.first
    assert first.cache is not None
    assert first.cache.judged
    # The same cache with every judgement made "unrelated": a report that reads it changes.
    poisoned = CompareCache(
        first.cache.version,
        parsed=first.cache.parsed,
        judged=dict.fromkeys(first.cache.judged, Judgement("unrelated", 0.0)),
    )
    assert compared.again(poisoned).report != first.report
    monkeypatch.setitem(COMPONENTS, "compare", COMPONENTS["compare"] + "-next")
    other = compared.again(poisoned)
    assert other.report == first.report
    assert other.cache is not None
    assert other.cache.version != poisoned.version


def test_comparing_again_with_the_cache_parses_and_judges_nothing(
    compared: _Compared, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, store = compared.first, compared.pipeline.store
    store.save_report(compared.story.id, first.report, cache=first.cache)
    cache = store.compare_caches.load(compared.story.id)
    assert cache is not None
    _assert_same(cache, first.cache)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"computed again: {args[:2]}")

    monkeypatch.setattr(newsweave.compare.claims, "split_sentence", refuse)
    monkeypatch.setattr(newsweave.compare.align, "judge", refuse)
    again = compared.again(cache)
    assert again.report == first.report
    _assert_same(again.cache, first.cache)


def _assert_same(a: CompareCache | None, b: CompareCache | None) -> None:
    assert a is not None
    assert b is not None
    assert (a.version, a.parsed, a.judged) == (b.version, b.parsed, b.judged)


def test_a_rebuild_leaves_no_cache_of_a_gone_story(
    cli: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "rebuilt.db")
    assert cli("ingest", str(data_dir / "basil_two_events.jsonl"), "--db", db).exit_code == 0
    assert _cached_stories(db) == _story_ids(db)
    # Every article a story of its own, each compared; then back to two stories: the
    # four stories merged away leave their caches with them.
    split = cli("--set", "stories.threshold=9", "stories", "rebuild", "--db", db)
    assert split.exit_code == 0, split.stderr
    assert cli("report", "--json", "--db", db).exit_code == 0
    assert len(_cached_stories(db)) == 6
    assert cli("stories", "rebuild", "--db", db).exit_code == 0
    assert _cached_stories(db) == _story_ids(db)
    assert len(_story_ids(db)) == 2
    store = Store.open(db)
    assert audit_store(store) == []
    store.close()


def _story_ids(db: str) -> set[str]:
    store = Store.open(db)
    ids = {s.id for s in store.stories()}
    store.close()
    return ids


def _cached_stories(db: str) -> set[str]:
    store = Store.open(db)
    ids = {s for s in _story_ids(db) if store.compare_caches.load(s) is not None}
    table = store.t["compare_caches"]
    with store.engine.connect() as c:
        stored = set(c.execute(table.select().with_only_columns(table.c.story_id)).scalars())
    store.close()
    assert ids <= stored
    return stored
