"""Compare one story's articles into its stored report: single-process runs and batch
workers both call `report_story`, which needs no store.

A story is compared again each time an article joins it. What the last comparison computed
comes back as a `CompareCache` (claim spans by sentence and judgements by claim pair), so
comparing a grown story parses and judges only what the new article brings: the report is
the one a comparison from scratch gives. Claims are encoded with static vectors, a table
lookup cheaper than storing them, so the cache keeps no vectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.compare import compare_story, report_as_dict
from newsweave.compare.scoring import PairScorer
from newsweave.config import Settings
from newsweave.model import AnnotatedArticle, Story
from newsweave.nlp.actors import ActorIndex, resolve_actors
from newsweave.nlp.blas import one_blas_thread
from newsweave.store.compare_cache import CompareCache, JudgementMemo, cache_version

__all__ = ["ReportOptions", "StoryUpdate", "report_story"]


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """The slice of settings comparing a story needs."""

    align_threshold: float
    brief_sentences: int
    cross_encoder: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> ReportOptions:
        return cls(
            align_threshold=settings.compare.align_threshold,
            brief_sentences=settings.compare.brief_sentences,
            cross_encoder=settings.compare.cross_encoder,
        )


@dataclass(frozen=True, slots=True)
class StoryUpdate:
    """A story's new report; `cache` is what the next comparison of the story may reuse,
    `actors` the story's actors as resolved for the report (saving them needs no second
    resolution)."""

    story_id: str
    report: dict[str, Any]
    cache: CompareCache | None = None
    actors: ActorIndex | None = None


def report_story(
    story: Story,
    annotated: Sequence[AnnotatedArticle],
    *,
    options: ReportOptions,
    cache: CompareCache | None = None,
) -> StoryUpdate:
    """Compare one story's articles.

    Args:
        story: the story, its articles in order.
        annotated: its annotated articles.
        options: comparison settings.
        cache: what the story's last comparison left; used only when made by the same
            code, models and settings (its `version`), else ignored.
    """
    scorer = PairScorer(cross_encoder=options.cross_encoder)
    version = cache_version(align_threshold=options.align_threshold, scorer_model=scorer.model)
    if cache is None or cache.version != version:
        cache = CompareCache(version, parsed={}, judged={})
    parsed = dict(cache.parsed)
    memo = JudgementMemo(cache.judged)
    actors = resolve_actors(annotated)
    with one_blas_thread():  # the claims' parse and products (see nlp.blas)
        report = compare_story(
            story,
            annotated,
            align_threshold=options.align_threshold,
            brief_sentences=options.brief_sentences,
            scorer=scorer,
            parsed=parsed,
            judged_before=memo,
            actors=actors,
        )
    # What this comparison did not read is dropped: spans of sentences no longer in the
    # story and judgements of pairs no longer compared.
    sentences = {s.text for a in annotated for s in a.sentences}
    kept = CompareCache(
        version,
        parsed={text: spans for text, spans in parsed.items() if text in sentences},
        judged=memo.used,
    )
    return StoryUpdate(story.id, report_as_dict(report), kept, actors)
