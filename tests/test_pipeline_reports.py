"""`report_story`, which single-process runs and batch workers share, on the seed story."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pytest

from newsweave.config import load_settings
from newsweave.model import Story
from newsweave.nlp import SentenceEncoder
from newsweave.pipeline import Pipeline, ReportOptions, report_story
from newsweave.store import Store


class _RecordingEncoder(SentenceEncoder):
    """The real encoder, remembering what it was asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str]) -> npt.NDArray[np.float32]:
        self.calls.append(list(texts))
        return super().encode(texts)


@pytest.fixture
def seed_pipeline(seeded_db: str) -> Iterator[Pipeline]:
    store = Store.open(seeded_db)
    yield Pipeline(load_settings(overrides=[f"store.db={seeded_db}"]), store)
    store.close()


def test_report_story_with_stored_vectors_encodes_nothing(seed_pipeline: Pipeline) -> None:
    (story,) = seed_pipeline.store.stories()
    story, annotated, stored = seed_pipeline.story_inputs(story.id)
    assert set(stored) == set(story.article_ids)
    encoder = _RecordingEncoder()
    options = ReportOptions.from_settings(seed_pipeline.settings)
    update = report_story(story, annotated, stored, options=options, encoder=encoder)
    assert encoder.calls == []
    assert update.sentence_vectors == {}
    assert update.report == seed_pipeline.store.report(story.id)


def test_report_story_encodes_missing_articles_once_in_order(seed_pipeline: Pipeline) -> None:
    (story,) = seed_pipeline.store.stories()
    story, annotated, stored = seed_pipeline.story_inputs(story.id)
    encoder = _RecordingEncoder()
    options = ReportOptions.from_settings(seed_pipeline.settings)
    update = report_story(story, annotated, {}, options=options, encoder=encoder)
    assert encoder.calls == [[s.text for a in annotated for s in a.sentences]]
    assert list(update.sentence_vectors) == list(story.article_ids)
    for article_id, matrix in update.sentence_vectors.items():
        np.testing.assert_allclose(matrix, stored[article_id], atol=1e-5)
    assert update.report == seed_pipeline.store.report(story.id)


def test_one_source_story_needs_no_vectors(seed_pipeline: Pipeline) -> None:
    (story,) = seed_pipeline.store.stories()
    _, annotated, _ = seed_pipeline.story_inputs(story.id)
    alone = Story(id="alone", title="one source", article_ids=(annotated[0].article.id,))
    encoder = _RecordingEncoder()
    options = ReportOptions.from_settings(seed_pipeline.settings)
    update = report_story(alone, annotated[:1], {}, options=options, encoder=encoder)
    assert encoder.calls == []
    assert update.sentence_vectors == {}
    assert {c["status"] for c in update.report["claims"]} == {"unique"}
