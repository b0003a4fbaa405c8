"""Split articles into claims: for now one per sentence, with the facts it carries."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.model import AnnotatedArticle, Claim
from newsweave.nlp.actors import ActorIndex

__all__ = ["claims_of", "origin_of"]

# A sentence shorter than this carries no checkable fact ("He said.", a dateline).
_MIN_WORDS = 4


def origin_of(article: AnnotatedArticle) -> str:
    """The independent source an article counts as: its outlet, else the article itself."""
    outlet = article.article.outlet
    return outlet.casefold() if outlet else f"article:{article.article.id}"


def claims_of(articles: Sequence[AnnotatedArticle], actors: ActorIndex) -> list[list[Claim]]:
    """Claims of each article, in article order; sentence i of an article is claim i."""
    result = []
    for article in articles:
        aid = article.article.id
        origin = origin_of(article)
        by_sentence_actors: dict[int, set[str]] = {}
        by_sentence_people: dict[int, set[str]] = {}
        for mention in article.entities:
            actor = actors.actor_of(aid, mention.start)
            if actor is None:
                continue
            by_sentence_actors.setdefault(mention.sentence, set()).add(actor)
            if mention.label == "PERSON":
                by_sentence_people.setdefault(mention.sentence, set()).add(actor)
        claims = []
        for s in article.sentences:
            if len(s.text.split()) < _MIN_WORDS:
                continue
            claims.append(
                Claim(
                    id=f"{aid}#{s.index}",
                    article_id=aid,
                    origin=origin,
                    sentence=s.index,
                    start=s.start,
                    end=s.end,
                    text=s.text,
                    actors=frozenset(by_sentence_actors.get(s.index, ())),
                    people=frozenset(by_sentence_people.get(s.index, ())),
                    dates=tuple(d for d in article.dates if d.sentence == s.index),
                    quantities=tuple(q for q in article.quantities if q.sentence == s.index),
                )
            )
        result.append(claims)
    return result
