"""`report_story`, which single-process runs and batch workers share, on the seed story."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pytest

from newsweave.config import load_settings
from newsweave.model import Story
from newsweave.nlp import SentenceEncoder
from newsweave.pipeline import Pipeline
from newsweave.store import Store
from newsweave.story_reports import ReportOptions, report_story


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


def test_report_story_encodes_only_sentences_in_candidate_pairs(seed_pipeline: Pipeline) -> None:
    (story,) = seed_pipeline.store.stories()
    story, annotated, _ = seed_pipeline.story_inputs(story.id)
    encoder = _RecordingEncoder()
    options = ReportOptions.from_settings(seed_pipeline.settings)
    update = report_story(story, annotated, {}, options=options, encoder=encoder)
    encoded = {text for call in encoder.calls for text in call}
    sentences = [s.text for a in annotated for s in a.sentences]
    # Static vectors leave some sentences out of every candidate pair: never encoded.
    assert 0 < len(encoded & set(sentences)) < len(sentences)
    assert update.report == seed_pipeline.store.report(story.id)
    for article in annotated:
        matrix = update.sentence_vectors[article.article.id]
        computed = [s for s in article.sentences if np.isfinite(matrix[s.index]).all()]
        assert {s.text for s in computed} == encoded & {s.text for s in article.sentences}
        expected = SentenceEncoder().encode([s.text for s in computed])
        np.testing.assert_allclose(matrix[[s.index for s in computed]], expected, atol=1e-5)


def test_report_story_reuses_the_sentence_vectors_it_returned(seed_pipeline: Pipeline) -> None:
    (story,) = seed_pipeline.store.stories()
    story, annotated, _ = seed_pipeline.story_inputs(story.id)
    options = ReportOptions.from_settings(seed_pipeline.settings)
    first = report_story(story, annotated, {}, options=options, encoder=SentenceEncoder())
    encoder = _RecordingEncoder()
    again = report_story(story, annotated, first.sentence_vectors, options=options, encoder=encoder)
    sentences = {s.text for a in annotated for s in a.sentences}
    assert not {text for call in encoder.calls for text in call} & sentences
    assert again.sentence_vectors == {}
    assert again.report == first.report


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
