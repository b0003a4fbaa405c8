"""Pronouns that stand for an actor: "Lohan ... she checked in" -> Lindsay Lohan.

A personal pronoun ("he", "her", "himself") takes the person named last before it, at most
`window` sentences back; failing that, the person the article has named most so far. "It"
and "its" take an organisation the same way ("Microsoft ... its browser"). Gender is not
checked: the nearest person wins, which is right when an article is about one person and
wrong when two alternate; an "it" that stands for nothing ("it is raining") still takes an
organisation named before it. Chosen on ECB+ train topics (`bench/coref_ecbplus.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from newsweave.model import Actor, ActorMention, AnnotatedArticle
from newsweave.nlp.actors import ActorIndex

__all__ = ["resolve_pronouns"]

_PRONOUNS = re.compile(
    r"\b(?:(?P<person>he|him|his|himself|she|her|hers|herself)|(?P<organisation>it|its|itself))\b",
    re.IGNORECASE,
)
_WINDOW = 2  # sentences back in which the last person named is the pronoun's


def resolve_pronouns(
    article: AnnotatedArticle, index: ActorIndex, *, window: int = _WINDOW
) -> list[ActorMention]:
    """The pronouns of an article that stand for one of its actors, as actor mentions.

    Args:
        article: the annotated article.
        index: the actors of its story (`resolve_actors`), whose mentions are the antecedents.
        window: how many sentences back the last-named actor is taken.

    Returns:
        One mention per resolved pronoun, in text order; pronouns with no actor of their
        kind before them are left out.
    """
    actors = {a.id: a for a in index.actors}
    named = sorted(
        (m for m in index.mentions if m.article_id == article.article.id), key=lambda m: m.start
    )
    starts = [s.start for s in article.sentences]
    text = article.article.text
    found: list[ActorMention] = []
    for match in _PRONOUNS.finditer(text):
        kind = "person" if match["person"] else "organisation"
        sentence = max(bisect_right(starts, match.start()) - 1, 0)
        before = [m for m in named if m.end <= match.start() and _is(actors, m, kind)]
        actor_id = _antecedent(before, sentence - window)
        if actor_id is not None:
            found.append(
                ActorMention(
                    actor_id, article.article.id, sentence, match.start(), match.end(), match[0]
                )
            )
    return found


def _is(actors: dict[str, Actor], mention: ActorMention, kind: str) -> bool:
    return actors[mention.actor_id].type == kind


def _antecedent(before: list[ActorMention], first_sentence: int) -> str | None:
    if not before:
        return None
    if before[-1].sentence >= first_sentence:
        return before[-1].actor_id
    # Nobody named in the window: the article's most-named actor of the kind so far.
    return Counter(m.actor_id for m in before).most_common(1)[0][0]
