"""What runs on a worker: a partition of records in, cleaned or annotated articles out.

Models load once per worker process: the Annotator is cached here by its settings, and
spaCy and the encoder cache their loaded models per process below it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.model import AnnotatedArticle, Article, RawRecord, Rejection, Vector
from newsweave.nlp import Annotator, SentenceEncoder
from newsweave.pipeline import annotate_articles, clean_record

__all__ = ["Annotated", "NlpOptions", "annotate_partition", "clean_partition"]

_MODELS: dict[NlpOptions, tuple[Annotator, SentenceEncoder]] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class NlpOptions:
    """The slice of settings a worker needs to annotate (hashable: it keys the cache)."""

    batch_size: int
    n_threads: int
    strict: bool = False
    with_sentence_vectors: bool = True


@dataclass(frozen=True, slots=True)
class Annotated:
    """A partition's annotated articles (or rejections), with sentence vectors by article id."""

    outcomes: list[AnnotatedArticle | Rejection]
    sentence_vectors: dict[str, Vector]


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


def annotate_partition(articles: Sequence[Article], options: NlpOptions) -> Annotated:
    """Annotate and embed articles, in order, with this worker's models."""
    annotator, encoder = _models(options)
    outcomes = annotate_articles(annotator, articles, strict=options.strict)
    annotated = [o for o in outcomes if isinstance(o, AnnotatedArticle)]
    if not options.with_sentence_vectors:
        return Annotated(outcomes, {})
    # The driver compares stories; embedding their sentences here keeps it from doing so
    # on its own core.
    matrix = encoder.encode([s.text for a in annotated for s in a.sentences])
    vectors, start = {}, 0
    for a in annotated:
        vectors[a.article.id] = matrix[start : start + len(a.sentences)]
        start += len(a.sentences)
    return Annotated(outcomes, vectors)


def _models(options: NlpOptions) -> tuple[Annotator, SentenceEncoder]:
    with _LOCK:
        if options not in _MODELS:
            _MODELS[options] = (
                Annotator(batch_size=options.batch_size, n_threads=options.n_threads),
                SentenceEncoder(n_threads=options.n_threads),
            )
        return _MODELS[options]
