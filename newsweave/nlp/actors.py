"""Canonical actors of a set of articles: one actor for every way it is named.

"Kim", "Mr Kim", "Kim Jong Un" and "North Korean leader Kim Jong Un" are one person: a
short name joins the unique full name that contains it (as first or last word), and the
role words written in front of a name ("North Korean leader", "Russian President") become
aliases, so that a later "the North Korean leader" is recognised too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsweave.model import Actor, AnnotatedArticle, EntityMention
from newsweave.nlp.entities import ROLE_WORDS

__all__ = ["ActorIndex", "resolve_actors", "slugify"]

_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
}
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|dame|prof|lord|lady)\.?\s+", re.IGNORECASE)
# Role words before a name: up to four capitalised words (or "of", possessives) ending in a
# role word, case-insensitive only in the role word itself: "South Korea's National Assembly
# Speaker", "Slovakian prime minister".
_ROLE_BEFORE = re.compile(r"(?P<role>(?:(?:[A-Z][\w’'-]*|of)\s+){0,4}(?i:" + ROLE_WORDS + r"))\s+$")
_HONORIFIC_BEFORE = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Prof)\.?\s+$")
_MIN_SHORT_NAME = 2


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """Actors of a story and, for each entity mention, the actor it names."""

    actors: tuple[Actor, ...]
    by_mention: dict[tuple[str, int], str] = field(default_factory=dict)

    def actor_of(self, article_id: str, start: int) -> str | None:
        return self.by_mention.get((article_id, start))


@dataclass(slots=True)
class _Group:
    label: str
    name: str
    aliases: dict[str, None] = field(default_factory=dict)
    articles: dict[str, None] = field(default_factory=dict)
    mentions: list[tuple[str, int]] = field(default_factory=list)


def resolve_actors(articles: Sequence[AnnotatedArticle]) -> ActorIndex:
    """Group the entity mentions of `articles` into canonical actors.

    Actors are ordered by how many articles name them, then by first appearance.
    """
    groups: dict[str, _Group] = {}
    mentions = _agree_labels([(a, m) for a in articles for m in a.entities])
    full_names = _full_names(m.text for _, m in mentions if m.label == "PERSON")
    for article, mention in mentions:
        key, name = _key(mention, full_names)
        group = groups.setdefault(key, _Group(mention.label, name))
        if mention.label == "PERSON" and len(name.split()) >= len(group.name.split()):
            group.name = name
        group.aliases[mention.text] = None
        honorific = _HONORIFIC_BEFORE.search(
            article.article.text[max(0, mention.start - 6) : mention.start]
        )
        if honorific and mention.label == "PERSON":
            group.aliases[f"{honorific['title']} {mention.text}"] = None
        group.articles[article.article.id] = None
        group.mentions.append((article.article.id, mention.start))
        role = _role_before(article, mention)
        if role:
            group.aliases[f"{role} {mention.text}"] = None
            if len(role.split()) >= 2:  # "Chinese leader" names one person; "President" does not
                group.aliases[role] = None
    _add_role_mentions(articles, groups)
    _add_name_mentions(articles, groups)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1].articles), kv[1].mentions[0]))
    actors: list[Actor] = []
    by_mention: dict[tuple[str, int], str] = {}
    used: set[str] = set()
    for _, group in ranked:
        actor_id = _unique(slugify(group.name), used)
        aliases = tuple(_dedupe_folded(a for a in group.aliases if a != group.name))
        actors.append(
            Actor(
                id=actor_id,
                name=group.name,
                type=_TYPES.get(group.label, "other"),
                aliases=aliases,
                article_ids=tuple(group.articles),
            )
        )
        for ref in group.mentions:
            by_mention[ref] = actor_id
    return ActorIndex(actors=tuple(actors), by_mention=by_mention)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "actor"


def _agree_labels(
    mentions: list[tuple[AnnotatedArticle, EntityMention]],
) -> list[tuple[AnnotatedArticle, EntityMention]]:
    """Trust PERSON across articles: a full name tagged PERSON anywhere is a person everywhere
    ("Prabowo Subianto" tagged GPE in one article), as is "<that name> of <Place>"."""
    people = {m.text for _, m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2}
    agreed = []
    for article, mention in mentions:
        if mention.label != "PERSON":
            head = mention.text.split(" of ")[0]
            if head in people:
                mention = EntityMention(
                    head, "PERSON", mention.start, mention.start + len(head), mention.sentence
                )
        agreed.append((article, mention))
    return agreed


def _full_names(names: Iterable[str]) -> dict[str, str]:
    """Map the first and last word of multi-word personal names to the name, when unambiguous."""
    owners: dict[str, set[str]] = defaultdict(set)
    for name in set(names):
        words = _HONORIFIC.sub("", name).split()
        if len(words) >= _MIN_SHORT_NAME:
            full = " ".join(words)
            for word in (words[0], words[-1]):
                owners[word.casefold()].add(full)
    longest: dict[str, str] = {}
    for word, fulls in owners.items():
        # "Kim Jong Un" and "Kim" + "Jong Un" variants: keep the longest if one contains the rest.
        best = max(fulls, key=len)
        if all(set(f.casefold().split()) <= set(best.casefold().split()) for f in fulls):
            longest[word] = best
    return longest


def _key(mention: EntityMention, full_names: dict[str, str]) -> tuple[str, str]:
    text = _HONORIFIC.sub("", mention.text).strip()
    if mention.label == "PERSON":
        words = text.split()
        full = full_names.get(words[0].casefold()) or full_names.get(words[-1].casefold())
        folded = {w.casefold() for w in words}
        name = full if full and folded <= set(full.casefold().split()) else text
        return "PERSON:" + name.casefold(), name
    group_label = "PLACE" if mention.label in {"GPE", "LOC", "FAC"} else mention.label
    return f"{group_label}:{text.casefold()}", text


def _role_before(article: AnnotatedArticle, mention: EntityMention) -> str | None:
    if mention.label != "PERSON":
        return None
    window = article.article.text[max(0, mention.start - 60) : mention.start]
    match = _ROLE_BEFORE.search(window)
    if not match:
        return None
    role = " ".join(match["role"].split())
    # Sentence-initial capitals ("The", "Also") are not part of a role.
    role = re.sub(r"^(?:the|also|and|with|by|of|as|former)\s+", "", role, flags=re.IGNORECASE)
    return role if role[:1].isupper() else None


def _add_role_mentions(articles: Sequence[AnnotatedArticle], groups: dict[str, _Group]) -> None:
    """Credit "the North Korean leader" (no name) to the one actor that role belongs to."""
    owners: dict[str, set[str]] = defaultdict(set)
    for key, group in groups.items():
        for alias in group.aliases:
            if alias.split()[-1].casefold() in ROLE_WORDS.split("|") and len(alias.split()) >= 2:
                owners[alias.casefold()].add(key)
    for role, keys in owners.items():
        if len(keys) != 1:
            continue
        group = groups[next(iter(keys))]
        pattern = re.compile(r"\bthe\s+" + re.escape(role) + r"\b(?!\s+[A-Z])", re.IGNORECASE)
        for article in articles:
            for match in pattern.finditer(article.article.text):
                group.articles[article.article.id] = None
                group.mentions.append((article.article.id, match.start()))


def _dedupe_folded(aliases: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for alias in aliases:
        seen.setdefault(alias.casefold(), alias)
    return list(seen.values())


def _add_name_mentions(articles: Sequence[AnnotatedArticle], groups: dict[str, _Group]) -> None:
    """Find the short names of known people where the tagger missed them ("Scholz met ...").

    Only a capitalised surname owned by one person is searched for, so "Kim" is found but
    "John" (two Johns) is not.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for key, group in groups.items():
        if group.label != "PERSON" or len(group.name.split()) < _MIN_SHORT_NAME:
            continue
        for alias in {group.name.split()[-1], *(a for a in group.aliases if " " not in a)}:
            if len(alias) >= 3 and alias[0].isupper():
                owners[alias].add(key)
    known = {ref for group in groups.values() for ref in group.mentions}
    for alias, keys in owners.items():
        if len(keys) != 1:
            continue
        group = groups[next(iter(keys))]
        pattern = re.compile(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])")
        for article in articles:
            for match in pattern.finditer(article.article.text):
                ref = (article.article.id, match.start())
                if ref not in known:
                    group.articles[article.article.id] = None
                    group.mentions.append(ref)
                    known.add(ref)


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate
