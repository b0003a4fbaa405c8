"""Compare one story's articles into its stored report: single-process runs and batch
workers both call `report_story`, which needs no store.

A story is compared again each time an article joins it. What the last comparison computed
comes back as a `CompareCache` (claim spans by sentence, vectors by text, judgements by
claim pair), so comparing a grown story parses, encodes and judges only what the new
article brings: the report is the one a comparison from scratch gives.
"""

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
from newsweave.store.compare_cache import CompareCache, JudgementMemo, cache_version

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
    matrix with the rows this comparison computed (NaN rows: sentences never encoded);
    `cache` is what the next comparison of the story may reuse."""

    story_id: str
    report: dict[str, Any]
    sentence_vectors: dict[str, Vector]
    cache: CompareCache | None = None


def report_story(
    story: Story,
    annotated: Sequence[AnnotatedArticle],
    stored: Mapping[str, Vector],
    *,
    options: ReportOptions,
    encoder: SentenceEncoder,
    cache: CompareCache | None = None,
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
        cache: what the story's last comparison left; used only when made by the same
            code, models and settings (its `version`), else ignored.
    """
    version = cache_version(encoder, align_threshold=options.align_threshold)
    if cache is None or cache.version != version:
        cache = CompareCache(version, parsed={}, vectors={}, judged={})
    scorer = PairScorer(n_threads=options.n_threads, encoder=encoder)
    scorer.vectors_ = _ReadVectors(cache.vectors)
    parsed = dict(cache.parsed)
    memo = JudgementMemo(cache.judged)
    report = compare_story(
        story,
        annotated,
        stored,
        align_threshold=options.align_threshold,
        brief_sentences=options.brief_sentences,
        scorer=scorer,
        parsed=parsed,
        judged_before=memo,
    )
    fresh = _computed_sentence_vectors(annotated, stored, scorer.vectors_)
    # What this comparison did not read is dropped: spans of sentences no longer in the
    # story, judgements of pairs no longer compared, and vectors of texts only judged pairs
    # needed (a judgement, once kept, does not read them again).
    sentences = {s.text for a in annotated for s in a.sentences}
    vectors = scorer.vectors_
    kept = CompareCache(
        version,
        parsed={text: spans for text, spans in parsed.items() if text in sentences},
        vectors=vectors.read() if isinstance(vectors, _ReadVectors) else dict(vectors),
        judged=memo.used,
    )
    return StoryUpdate(story.id, report_as_dict(report), fresh, kept)


class _ReadVectors(dict[str, Vector]):
    """A scorer's vectors by text that notes which texts were asked for (looked up, or
    checked before encoding)."""

    def __init__(self, vectors: Mapping[str, Vector]) -> None:
        super().__init__(vectors)
        self.asked: set[str] = set()

    def __getitem__(self, text: str) -> Vector:
        self.asked.add(text)
        return super().__getitem__(text)

    def __contains__(self, text: object) -> bool:
        if isinstance(text, str):
            self.asked.add(text)
        return super().__contains__(text)

    def read(self) -> dict[str, Vector]:
        """The vectors of the texts asked for."""
        return {text: vector for text, vector in self.items() if text in self.asked}


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
