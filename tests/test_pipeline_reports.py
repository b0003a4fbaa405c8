"""`report_story`, which single-process runs and batch workers share, on the seed story."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import newsweave.story_reports
from newsweave.config import load_settings
from newsweave.model import Story
from newsweave.nlp.embeddings import SentenceEncoder
from newsweave.pipeline import Pipeline
from newsweave.store import Store
from newsweave.story_reports import ReportOptions, report_story
from tests.blas_threads import numpy_blas_threads


@pytest.fixture
def seed_pipeline(seeded_db: str) -> Iterator[Pipeline]:
    store = Store.open(seeded_db)
    yield Pipeline(load_settings(overrides=[f"store.db={seeded_db}"]), store)
    store.close()


@pytest.fixture
def no_minilm(monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparing a story must not run the MiniLM encoder (static vectors only)."""

    def refuse(self: SentenceEncoder, texts: list[str]) -> None:
        raise AssertionError(f"MiniLM asked to encode {len(texts)} texts")

    monkeypatch.setattr(SentenceEncoder, "encode", refuse)


@pytest.mark.usefixtures("no_minilm")
def test_report_story_gives_the_stored_report_without_minilm(seed_pipeline: Pipeline) -> None:
    (story,) = seed_pipeline.store.stories()
    story, annotated = seed_pipeline.story_inputs(story.id)
    options = ReportOptions.from_settings(seed_pipeline.settings)
    update = report_story(story, annotated, options=options)
    assert update.report == seed_pipeline.store.report(story.id)
    assert "corroborated" in {c["status"] for c in update.report["claims"]}


@pytest.mark.usefixtures("no_minilm")
def test_one_source_story_is_all_unique(seed_pipeline: Pipeline) -> None:
    (story,) = seed_pipeline.store.stories()
    _, annotated = seed_pipeline.story_inputs(story.id)
    alone = Story(id="alone", title="one source", article_ids=(annotated[0].article.id,))
    options = ReportOptions.from_settings(seed_pipeline.settings)
    update = report_story(alone, annotated[:1], options=options)
    assert {c["status"] for c in update.report["claims"]} == {"unique"}


def test_a_story_is_compared_on_one_blas_thread(
    seed_pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many small matrix products: a second OpenBLAS thread costs more CPU than it saves.
    seen: list[int] = []
    compare_story = newsweave.story_reports.compare_story

    def watched(*args: object, **kwargs: object) -> object:
        seen.extend(numpy_blas_threads())
        return compare_story(*args, **kwargs)

    before = numpy_blas_threads()
    monkeypatch.setattr(newsweave.story_reports, "compare_story", watched)
    (story,) = seed_pipeline.store.stories()
    story, annotated = seed_pipeline.story_inputs(story.id)
    report_story(story, annotated, options=ReportOptions.from_settings(seed_pipeline.settings))
    assert seen
    assert set(seen) == {1}
    assert numpy_blas_threads() == before
