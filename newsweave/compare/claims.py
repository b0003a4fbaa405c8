"""Split articles into claims: for now one per sentence, with the facts it carries."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.clean.near_duplicates import origin_key
from newsweave.model import AnnotatedArticle, Claim, Sentence
from newsweave.nlp.actors import ActorIndex

__all__ = ["claim_of_sentence", "claims_of", "origin_of"]

# A sentence shorter than this carries no checkable fact ("He said.", a dateline).
_MIN_WORDS = 4
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def origin_of(article: AnnotatedArticle) -> str:
    """The independent source an article counts as: the origin it copies or the wire agency
    it credits, else its outlet, else the article itself."""
    return origin_key(article.article)


def claims_of(articles: Sequence[AnnotatedArticle], actors: ActorIndex) -> list[list[Claim]]:
    """Claims of each article, in article order, skipping sentences too short to check."""
    return [
        [
            claim_of_sentence(article, s, actors)
            for s in article.sentences
            if len(s.text.split()) >= _MIN_WORDS
        ]
        for article in articles
    ]


def claim_of_sentence(article: AnnotatedArticle, sentence: Sentence, actors: ActorIndex) -> Claim:
    """The claim a sentence states, with its canonical actors, dates and quantities."""
    aid = article.article.id
    found: list[tuple[str, str, str]] = []
    for mention in article.entities:
        actor = actors.actor_of(aid, mention.start) if mention.sentence == sentence.index else None
        if actor is not None:
            found.append((actor, mention.label, mention.text))
    return Claim(
        id=f"{aid}#{sentence.index}",
        article_id=aid,
        origin=origin_of(article),
        sentence=sentence.index,
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        actors=frozenset(actor for actor, _, _ in found),
        people=frozenset(actor for actor, label, _ in found if label == "PERSON"),
        dates=tuple(d for d in article.dates if d.sentence == sentence.index),
        quantities=tuple(q for q in article.quantities if q.sentence == sentence.index),
        places=frozenset(actor for actor, label, _ in found if label in _PLACE_LABELS),
        names=tuple((actor, text) for actor, _, text in found),
    )
