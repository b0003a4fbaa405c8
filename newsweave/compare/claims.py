"""Split articles into atomic claims, each with the facts it carries.

Sentences are parsed (compare.atomic) and cut at coordinated clauses, relative clauses and
appositions; every claim keeps its verbatim span of the article text and, when it differs
from that span, the self-contained statement it is compared by.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence

from newsweave.clean.near_duplicates import origin_key
from newsweave.compare.atomic import (
    ClaimSpan,
    load_parser,
    may_split,
    split_sentence,
    whole_sentence,
)
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


def claims_of(
    articles: Sequence[AnnotatedArticle],
    actors: ActorIndex,
    *,
    parsed: MutableMapping[str, list[ClaimSpan]] | None = None,
) -> list[list[Claim]]:
    """Atomic claims of each article, in article order, skipping sentences too short to check.

    `parsed` holds the claim spans of sentences cut before, by sentence text: those are not
    parsed again, and the sentences parsed now are added to it.
    """
    kept = [
        [s for s in article.sentences if len(s.text.split()) >= _MIN_WORDS] for article in articles
    ]
    parsed = {} if parsed is None else parsed
    # Only sentences that can be cut are parsed; the rest are one claim each.
    to_parse = list(
        dict.fromkeys(
            s.text
            for sentences in kept
            for s in sentences
            if may_split(s.text) and s.text not in parsed
        )
    )
    for text, doc in zip(to_parse, load_parser().pipe(to_parse), strict=True):
        parsed[text] = split_sentence(doc)
    result = []
    for article, sentences in zip(articles, kept, strict=True):
        claims: list[Claim] = []
        for sentence in sentences:
            if may_split(sentence.text):
                spans = parsed[sentence.text]
            else:
                spans = [whole_sentence(sentence.text)]
            cut = [(p.start, p.end) for p in spans[1:] if p.end <= spans[0].end]
            for k, span in enumerate(spans):
                claims.append(
                    claim_of_sentence(
                        article, sentence, actors, span=span, part=k, skip=cut if k == 0 else []
                    )
                )
        result.append(claims)
    return result


def claim_of_sentence(
    article: AnnotatedArticle,
    sentence: Sentence,
    actors: ActorIndex,
    *,
    span: ClaimSpan | None = None,
    part: int = 0,
    skip: Sequence[tuple[int, int]] = (),
) -> Claim:
    """The claim a sentence (or the part `span` of it) states, with its canonical actors,
    dates and quantities; mentions inside `skip` (sentence offsets) are left out."""
    aid = article.article.id
    start = sentence.start + (span.start if span else 0)
    end = sentence.start + span.end if span else sentence.end
    holes = [(sentence.start + s, sentence.start + e) for s, e in skip]

    def inside(offset: int) -> bool:
        return start <= offset < end and not any(s <= offset < e for s, e in holes)

    found: list[tuple[str, str, str]] = []
    for mention in article.entities:
        actor = actors.actor_of(aid, mention.start) if inside(mention.start) else None
        if actor is not None:
            found.append((actor, mention.label, mention.text))
    text = article.article.text[start:end]
    statement = span.statement if span and span.statement != text else None
    return Claim(
        id=f"{aid}#{sentence.index}" + (f".{part}" if part else ""),
        article_id=aid,
        origin=origin_of(article),
        sentence=sentence.index,
        start=start,
        end=end,
        text=text,
        actors=frozenset(actor for actor, _, _ in found),
        people=frozenset(actor for actor, label, _ in found if label == "PERSON"),
        dates=tuple(d for d in article.dates if inside(d.start)),
        quantities=tuple(q for q in article.quantities if inside(q.start)),
        places=frozenset(actor for actor, label, _ in found if label in _PLACE_LABELS),
        names=tuple((actor, text) for actor, _, text in found),
        statement=statement,
        predicate=span.predicate if span else None,
        is_part=span.is_part if span else False,
    )
