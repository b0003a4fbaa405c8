"""What runs on a worker: records cleaned, articles annotated, stories compared.

Models load once per worker process: the Annotator is cached here by its settings, and
spaCy and ONNX Runtime cache their loaded models per process below.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.model import AnnotatedArticle, Article, RawRecord, Rejection, Story
from newsweave.nlp import Annotator
from newsweave.pipeline import annotate_articles, clean_record
from newsweave.store.compare_cache import CompareCache
from newsweave.story_reports import ReportOptions, StoryUpdate, report_story

__all__ = ["NlpOptions", "annotate_partition", "clean_partition", "compare_story_task"]

_ANNOTATORS: dict[NlpOptions, Annotator] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class NlpOptions:
    """The slice of settings a worker needs to annotate (hashable: it keys the cache)."""

    batch_size: int
    n_threads: int
    strict: bool = False


def clean_partition(
    items: Sequence[RawRecord | Rejection], *, min_chars: int, strict: bool
) -> list[Article | Rejection]:
    """Parse and clean each record; rejections made while reading pass through in place."""
    return [
        item
        if isinstance(item, Rejection)
        else clean_record(item, min_chars=min_chars, strict=strict)
        for item in items
    ]


def annotate_partition(
    articles: Sequence[Article], options: NlpOptions
) -> list[AnnotatedArticle | Rejection]:
    """Annotate articles, in order, with this worker's models."""
    with _LOCK:
        if options not in _ANNOTATORS:
            _ANNOTATORS[options] = Annotator(
                batch_size=options.batch_size, n_threads=options.n_threads
            )
        annotator = _ANNOTATORS[options]
    return annotate_articles(annotator, articles, strict=options.strict)


def compare_story_task(
    story: Story,
    annotated: Sequence[AnnotatedArticle],
    options: ReportOptions,
    cache: CompareCache | None = None,
) -> StoryUpdate:
    """Compare one story on a worker, reusing the story's compare cache (see
    `story_reports.report_story`)."""
    return report_story(story, annotated, options=options, cache=cache)
