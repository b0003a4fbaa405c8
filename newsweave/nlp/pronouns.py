"""Pronouns that stand for an actor: "Lohan ... she checked in" -> Lindsay Lohan.

A personal pronoun ("he", "her", "himself") takes the person named last before it, at most
`window` sentences back; failing that, the person the article has named most so far. "It"
and "its" take an organisation the same way ("Microsoft ... its browser").

Two checks narrow the choice. Gender: "he" never takes a person the story calls a woman,
"she" never one it calls a man; the evidence is the honorifics and gendered nouns the story
writes before the name ("Mr Xi", "Mrs May", "actress Lindsay Lohan", "spokeswoman Hua"),
and a person with none is compatible with both. Salience: an actor named inside a phrase
after a preposition ("at Mr Xi's invitation", "a meeting with Putin") gives way to one
named as a clause's participant earlier in the window ("Mr Kim would travel at Mr Xi's
invitation ... whether he would hold" -> Kim). An "it" that stands for nothing ("it is
raining") still takes an organisation named before it. Chosen on ECB+ train topics
(`bench/coref_ecbplus.py`: right antecedents 201 -> 214 of 358 linked pronouns; gender
alone 211, salience alone 204).
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
_FEMININE_PRONOUNS = {"she", "her", "hers", "herself"}
_MALE_WORDS = {"mr", "sir", "lord", "king", "prince", "duke", "spokesman", "chairman"}
_MALE_WORDS |= {"businessman", "congressman", "policeman", "husband", "father", "son"}
_MALE_WORDS |= {"brother", "uncle", "grandfather", "boy", "man", "monsieur", "herr"}
_FEMALE_WORDS = {"mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess"}
_FEMALE_WORDS |= {"duchess", "spokeswoman", "chairwoman", "businesswoman", "congresswoman"}
_FEMALE_WORDS |= {"policewoman", "wife", "mother", "daughter", "sister", "aunt", "actress"}
_FEMALE_WORDS |= {"grandmother", "girl", "woman"}
_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\.?\s+$")
# A name right after one of these (an honorific may stand between) sits in a phrase.
_AFTER_PREPOSITION = re.compile(
    r"\b(?:at|of|with|to|by|for|from|in|on|about|against|between|under|after|before|"
    r"toward|towards|than|like|including)\s+(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Prof)\.?\s+)?$",
    re.IGNORECASE,
)


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
    genders = _genders(actors, named, text)
    found: list[ActorMention] = []
    for match in _PRONOUNS.finditer(text):
        kind = "person" if match["person"] else "organisation"
        # The pronoun's own gender; an antecedent of the other one is ruled out.
        other = "male" if match[0].lower() in _FEMININE_PRONOUNS else "female"
        sentence = max(bisect_right(starts, match.start()) - 1, 0)
        before = [
            m
            for m in named
            if m.end <= match.start()
            and _is(actors, m, kind)
            and (kind != "person" or genders.get(m.actor_id) != other)
        ]
        actor_id = _antecedent(before, sentence - window, text)
        if actor_id is not None:
            found.append(
                ActorMention(
                    actor_id, article.article.id, sentence, match.start(), match.end(), match[0]
                )
            )
    return found


def _is(actors: dict[str, Actor], mention: ActorMention, kind: str) -> bool:
    return actors[mention.actor_id].type == kind


def _genders(
    actors: dict[str, Actor], named: list[ActorMention], text: str
) -> dict[str, str | None]:
    """Each person's gender ("male", "female", None) from the words written before the name.

    The evidence is the story's aliases ("Mr Kim", "Foreign Ministry spokeswoman Hua") and
    the word before each of the article's mentions ("actress Lindsay Lohan"); a person with
    none, or with both, is compatible with either pronoun.
    """
    words: dict[str, set[str]] = {a.id: set() for a in actors.values() if a.type == "person"}
    for actor_id, found in words.items():
        for alias in actors[actor_id].aliases:
            *lead, _ = alias.split()
            found.update(w.lower().rstrip(".") for w in lead if w.islower() or _is_honorific(w))
    for m in named:
        if m.actor_id in words and (before := _WORD_BEFORE.search(text[: m.start][-30:])):
            words[m.actor_id].add(before[1].lower())
    out: dict[str, str | None] = {}
    for actor_id, found in words.items():
        is_male, is_female = bool(found & _MALE_WORDS), bool(found & _FEMALE_WORDS)
        out[actor_id] = None if is_male == is_female else "male" if is_male else "female"
    return out


def _is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in {"mr", "mrs", "ms", "miss", "sir", "dame", "madam"}


def _antecedent(before: list[ActorMention], first_sentence: int, text: str) -> str | None:
    if not before:
        return None
    recent = [m for m in before if m.sentence >= first_sentence]
    if recent:
        # The last one named as a participant, else the last one named at all.
        upfront = [m for m in recent if not _AFTER_PREPOSITION.search(text[: m.start][-40:])]
        return (upfront or recent)[-1].actor_id
    # Nobody named in the window: the article's most-named actor of the kind so far.
    return Counter(m.actor_id for m in before).most_common(1)[0][0]
