"""Annotate articles: sentences, entities, dates, quantities and a document vector.

Components run in this order, each using what the ones before it assigned:

    component     requires                 assigns
    spacy         text                     sentences, entity spans
    entities      entity spans             entities (tidied, re-labelled)
    dates         sentences, published     dates (a dateline stands in for a missing published)
    quantities    sentences, dates         quantities
    vector        title, sentences         vector (the lead's embedding)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import Any

import numpy as np

from newsweave.model import (
    AnnotatedArticle,
    Article,
    DateMention,
    EntityMention,
    QuantityMention,
    Sentence,
)
from newsweave.nlp.blas import one_blas_thread
from newsweave.nlp.dates import extract_dates, infer_reference_date
from newsweave.nlp.embeddings import SentenceEncoder
from newsweave.nlp.entities import tidy_entity
from newsweave.nlp.quantities import extract_quantities
from newsweave.nlp.spacy_pipeline import load_spacy

__all__ = ["Annotator", "lead_text", "reference_date"]

# The lead (headline + first sentences) says what the event is; later paragraphs wander
# into background, so the document vector is the lead's embedding.
_LEAD_SENTENCES = 4
_LEADING_JUNK = "-–—•*·▪► \t"


class Annotator:
    """Annotate articles in batches.

    Args:
        batch_size: articles per spaCy batch (their leads are encoded one by one).
        n_threads: threads for the sentence encoder.
    """

    def __init__(self, *, batch_size: int = 32, n_threads: int = 1) -> None:
        self.batch_size = batch_size
        self.n_threads = n_threads
        self.encoder_: SentenceEncoder | None = None

    def __call__(self, article: Article) -> AnnotatedArticle:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[AnnotatedArticle]:
        """Annotate a stream of articles, `batch_size` at a time, in order."""
        iterator = iter(articles)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._annotate_batch(batch)

    @property
    def encoder(self) -> SentenceEncoder:
        if self.encoder_ is None:
            # One lead per forward pass: in a batch every lead was padded to the longest
            # (BASIL's leads run 69-256 word pieces, 157 on average), which cost 1.8x the
            # encoder's CPU (bench/lead_vectors.py), and a lead's vector moved in its last
            # bits with its batch-mates.
            self.encoder_ = SentenceEncoder(n_threads=self.n_threads, batch_size=1)
        return self.encoder_

    def _annotate_batch(self, batch: list[Article]) -> list[AnnotatedArticle]:
        nlp = load_spacy()
        paragraphs = [
            (i, start, text) for i, a in enumerate(batch) for start, text in _paragraphs(a.text)
        ]
        sentences: list[list[Sentence]] = [[] for _ in batch]
        entities: list[list[EntityMention]] = [[] for _ in batch]
        with one_blas_thread():
            docs = nlp.pipe([text for _, _, text in paragraphs], batch_size=256)
            for (i, offset, _), doc in zip(paragraphs, docs, strict=True):
                _collect(doc, offset, sentences[i], entities[i])
        leads = [lead_text(a, s) for a, s in zip(batch, sentences, strict=True)]
        vectors = self.encoder.encode(leads)
        return [
            _finish(article, sentences[i], entities[i], vectors[i])
            for i, article in enumerate(batch)
        ]


def lead_text(article: Article, sentences: list[Sentence]) -> str:
    """Headline plus the first sentences: the text the document vector is made from."""
    parts = [article.title] if article.title else []
    parts.extend(s.text for s in sentences[:_LEAD_SENTENCES])
    return " ".join(parts)


def reference_date(article: Article, sentences: Sequence[Sentence]) -> date | None:
    """The date relative dates resolve against: published, else the article's own dateline.

    The dateline is looked for in the first lines of the text as well as the first
    sentences: a line of digits only ("2013-09-26") is not kept as a sentence.
    """
    if article.published:
        return article.published.date()
    lines = [line for line in article.text.splitlines() if line.strip()]
    return infer_reference_date(lines) or infer_reference_date([s.text for s in sentences])


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for block in text.split("\n\n"):
        if block.strip():
            yield start, block
        start += len(block) + 2


def _collect(
    doc: Any, offset: int, sentences: list[Sentence], entities: list[EntityMention]
) -> None:
    for sent in doc.sents:
        text = sent.text
        lstrip = len(text) - len(text.lstrip(_LEADING_JUNK))
        text = text.strip(_LEADING_JUNK)
        if not any(ch.isalpha() for ch in text):
            continue
        start = offset + sent.start_char + lstrip
        index = len(sentences)
        sentences.append(Sentence(index=index, start=start, end=start + len(text), text=text))
        for ent in sent.ents:
            mention = tidy_entity(
                ent.text, ent.label_, offset + ent.start_char, offset + ent.end_char, index
            )
            if mention is not None:
                entities.append(mention)


def _finish(
    article: Article,
    sentences: list[Sentence],
    entities: list[EntityMention],
    vector: np.ndarray[Any, Any],
) -> AnnotatedArticle:
    published = reference_date(article, sentences)
    dates: list[DateMention] = []
    quantities: list[QuantityMention] = []
    for s in sentences:
        found = extract_dates(s.text, offset=s.start, index=s.index, published=published)
        dates.extend(found)
        skip = [(d.start - s.start, d.end - s.start) for d in found]
        quantities.extend(extract_quantities(s.text, offset=s.start, index=s.index, skip=skip))
    return AnnotatedArticle(
        article=article,
        sentences=tuple(sentences),
        entities=tuple(entities),
        dates=tuple(dates),
        quantities=tuple(quantities),
        vector=vector.astype(np.float32),
    )
