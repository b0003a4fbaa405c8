"""Compare two sentences: the library call behind `newsweave compare`.

Each sentence is annotated as a one-sentence article (entities, dates resolved against its
publication date, quantities), the two are given canonical actors together (so "Mr Kim"
and "Kim Jong Un" are one person), and the claims are judged as in a story report.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

import numpy as np

from newsweave.compare.claims import claim_of_sentence
from newsweave.compare.scoring import PairScorer
from newsweave.compare.verdict import judge
from newsweave.errors import EmptyInput
from newsweave.model import AnnotatedArticle, Article, PairVerdict, Sentence
from newsweave.nlp.actors import resolve_actors
from newsweave.nlp.dates import extract_dates
from newsweave.nlp.embeddings import DIM
from newsweave.nlp.entities import tidy_entity
from newsweave.nlp.quantities import extract_quantities
from newsweave.nlp.spacy_pipeline import load_spacy

__all__ = ["compare_sentences"]


def compare_sentences(
    a: str,
    b: str,
    *,
    published_a: date | None = None,
    published_b: date | None = None,
    cross_encoder: bool = True,
) -> PairVerdict:
    """How sentence `a` relates to sentence `b`.

    Args:
        a: the first sentence (or short passage), as written.
        b: the second.
        published_a: when `a` was published; resolves "on Monday", "Sept 3" and the like.
        published_b: when `b` was published.
        cross_encoder: let the cross-encoder decide pairs the static classifier is
            unsure of (compare/scoring.py).

    Returns:
        A PairVerdict: `relation` is "same", "more_specific" (a is the more precise),
        "less_specific", "conflicting" or "unrelated"; `score` in [0, 1] is the probability
        that the two state one fact (for a conflict: once the differing value is set
        aside); `detail` names the differing values with their sentence, (a) or (b), and
        `kind` the type of a conflict ("quantity", "date", "name", "place").

    Raises:
        EmptyInput: a sentence holds no words.

    Example:
        >>> compare_sentences("26 leaders will attend.", "24 leaders will attend.").relation
        'conflicting'
    """
    first = _annotate("a", a, published_a)
    second = _annotate("b", b, published_b)
    actors = resolve_actors([first, second])
    claim_a = claim_of_sentence(first, first.sentences[0], actors)
    claim_b = claim_of_sentence(second, second.sentences[0], actors)
    # A scorer per call: its text->vector cache would otherwise grow without bound in a
    # long-lived process (the API); the encoder's ONNX session is shared anyway.
    return judge(claim_a, claim_b, PairScorer(cross_encoder=cross_encoder)).verdict()


def _annotate(name: str, text: str, published: date | None) -> AnnotatedArticle:
    text = text.strip()
    if not any(ch.isalnum() for ch in text):
        raise EmptyInput(
            f"sentence {name} holds no words",
            source=f"sentence {name}",
            stage="compare",
            hint="pass two non-empty sentences to compare",
        )
    day = published.date() if isinstance(published, datetime) else published
    doc = load_spacy()(text)
    entities = [
        mention
        for ent in doc.ents
        if (mention := tidy_entity(ent.text, ent.label_, ent.start_char, ent.end_char, 0))
    ]
    dates = extract_dates(text, published=day)
    quantities = extract_quantities(text, skip=[(d.start, d.end) for d in dates])
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    article = Article(
        id=name,
        source=f"sentence {name}",
        sha256=digest,
        text=text,
        content_hash=digest,
        published=datetime.combine(day, time()) if day else None,
    )
    return AnnotatedArticle(
        article=article,
        sentences=(Sentence(index=0, start=0, end=len(text), text=text),),
        entities=tuple(entities),
        dates=tuple(dates),
        quantities=tuple(quantities),
        vector=np.zeros(DIM, dtype=np.float32),
    )
