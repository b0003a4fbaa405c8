"""Shared by the benchmarks: newsweave's nlp output for pre-tokenised gold sentences.

The gold corpora (CoNLL-2003, ECB+) come as tokens; each sentence becomes its tokens joined
by single spaces, sentences of one document joined by one space, so gold spans map to
character offsets exactly. spaCy runs on each sentence; its spans go through newsweave's
entity tidying, as in the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from newsweave.model import AnnotatedArticle, Article, EntityMention, Sentence
from newsweave.nlp.entities import tidy_entity

SpanHook = Callable[[int, int, str], None]


def annotate_sentences(
    doc_id: str,
    sentences: Sequence[str],
    parsed: Sequence[Any],
    on_span: SpanHook | None = None,
) -> AnnotatedArticle:
    """An AnnotatedArticle for one document; `on_span(start, end, label)` sees raw spaCy spans."""
    spans: list[Sentence] = []
    entities: list[EntityMention] = []
    offset = 0
    for i, (sentence, sdoc) in enumerate(zip(sentences, parsed, strict=True)):
        spans.append(Sentence(index=i, start=offset, end=offset + len(sentence), text=sentence))
        for ent in sdoc.ents:
            start, end = offset + ent.start_char, offset + ent.end_char
            if on_span is not None:
                on_span(start, end, ent.label_)
            mention = tidy_entity(ent.text, ent.label_, start, end, i)
            if mention is not None:
                entities.append(mention)
        offset += len(sentence) + 1
    article = Article(
        id=doc_id, source=doc_id, sha256="", text=" ".join(sentences), content_hash=""
    )
    return AnnotatedArticle(
        article=article,
        sentences=tuple(spans),
        entities=tuple(entities),
        dates=(),
        quantities=(),
        vector=np.zeros(1, dtype=np.float32),
    )
