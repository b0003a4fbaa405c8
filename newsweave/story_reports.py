"""Compare one story's articles into its stored report: single-process runs and batch
workers both call `report_story`, which needs no store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsweave.compare import compare_story, report_as_dict
from newsweave.compare.scoring import PairScorer
from newsweave.config import Settings
from newsweave.model import AnnotatedArticle, Story, Vector
from newsweave.nlp import SentenceEncoder
from newsweave.nlp.embeddings import DIM

__all__ = ["ReportOptions", "StoryUpdate", "report_story"]


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """The slice of settings comparing a story needs (hashable: workers key models by it)."""

    align_threshold: float
    brief_sentences: int
    n_threads: int = 1

    @classmethod
    def from_settings(cls, settings: Settings) -> ReportOptions:
        return cls(
            align_threshold=settings.compare.align_threshold,
            brief_sentences=settings.compare.brief_sentences,
            n_threads=settings.nlp.n_threads,
        )


@dataclass(frozen=True, slots=True)
class StoryUpdate:
    """A story's new report, and the sentence vectors to store for it: each article's
    matrix with the rows this comparison computed (NaN rows: sentences never encoded)."""

    story_id: str
    report: dict[str, Any]
    sentence_vectors: dict[str, Vector]


def report_story(
    story: Story,
    annotated: Sequence[AnnotatedArticle],
    stored: Mapping[str, Vector],
    *,
    options: ReportOptions,
    encoder: SentenceEncoder,
) -> StoryUpdate:
    """Compare one story's articles.

    Args:
        story: the story, its articles in order.
        annotated: its annotated articles.
        stored: sentence vectors already stored, by article id (rows of NaN not computed).
        options: comparison settings.
        encoder: MiniLM. Alignment encodes only the claims that static vectors pair with a
            claim of another source; a sentence's vector, once computed, is returned to be
            stored, so comparing the story again does not encode it again.
    """
    scorer = PairScorer(n_threads=options.n_threads, encoder=encoder)
    report = compare_story(
        story,
        annotated,
        stored,
        align_threshold=options.align_threshold,
        brief_sentences=options.brief_sentences,
        scorer=scorer,
    )
    fresh = _computed_sentence_vectors(annotated, stored, scorer.vectors_)
    return StoryUpdate(story.id, report_as_dict(report), fresh)


def _computed_sentence_vectors(
    annotated: Sequence[AnnotatedArticle],
    stored: Mapping[str, Vector],
    computed: Mapping[str, Vector],
) -> dict[str, Vector]:
    """Each article's stored matrix completed with the sentence vectors computed now, for
    the articles that gained any."""
    fresh: dict[str, Vector] = {}
    for article in annotated:
        old = stored.get(article.article.id)
        if old is not None and len(old) == len(article.sentences):
            matrix = old.copy()
        else:
            matrix = np.full((len(article.sentences), DIM), np.nan, dtype=np.float32)
        gained = False
        for sentence in article.sentences:
            vector = computed.get(sentence.text)
            if vector is not None and not np.isfinite(matrix[sentence.index]).all():
                matrix[sentence.index] = vector
                gained = True
        if gained:
            fresh[article.article.id] = matrix
    return fresh
