"""Canonical actors of a set of articles: one actor for every way it is named.

"Kim", "Mr Kim", "Kim Jong Un" and "North Korean leader Kim Jong Un" are one person: a
short name joins the unique full name that contains it (as first or last word), and the
role words written in front of a name ("North Korean leader", "Russian President") become
aliases, so that a later "the North Korean leader" is recognised too. Spelling variants
("Pezashkian", "Pezeshkian") join. Countries are named by the gazetteer: "Russia",
"Russian" and "the Kremlin" are one actor, and so is "Moscow" when it acts ("Moscow said"),
while "in Moscow" stays a place. People get the role and affiliation written around them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsweave.model import Actor, ActorMention, AnnotatedArticle, EntityMention
from newsweave.nlp.entities import ROLE_WORDS
from newsweave.nlp.gazetteer import Gazetteer, fold_name, load_gazetteer
from newsweave.nlp.name_variants import merge_variants
from newsweave.nlp.roles import affiliation_after, possessor_before, split_role

__all__ = ["ActorIndex", "resolve_actors", "slugify"]

_TYPES = {
    "PERSON": "person",
    "COUNTRY": "country",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "PLACE": "place",
    "NORP": "group",
    "EVENT": "event",
}
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|dame|prof|lord|lady)\.?\s+", re.IGNORECASE)
# Role words before a name: up to four capitalised words (or "of", possessives) ending in a
# role word, case-insensitive only in the role word itself: "South Korea's National Assembly
# Speaker", "Slovakian prime minister".
_ROLE_BEFORE = re.compile(r"(?P<role>(?:(?:[A-Z][\w’'-]*|of) +){0,4}(?i:" + ROLE_WORDS + r")) +$")
_HONORIFIC_BEFORE = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Prof)\.?\s+$")
# A capital after one of these is where something happens, not a government acting.
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|into|near|outside|around|across|toward|towards|via|visit|visited|"
    r"visiting|visits|of|through)\s+$",
    re.IGNORECASE,
)
_MIN_SHORT_NAME = 2


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """Actors of a story and, for each mention, the actor it names.

    `by_mention` maps (article id, mention start) to an actor id; `mentions` lists every
    mention with its span and sentence.
    """

    actors: tuple[Actor, ...]
    by_mention: dict[tuple[str, int], str] = field(default_factory=dict)
    mentions: tuple[ActorMention, ...] = ()

    def actor_of(self, article_id: str, start: int) -> str | None:
        return self.by_mention.get((article_id, start))


@dataclass(slots=True)
class _Group:
    label: str
    name: str
    aliases: dict[str, None] = field(default_factory=dict)
    articles: dict[str, None] = field(default_factory=dict)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)
    affiliations: Counter[str] = field(default_factory=Counter)

    def absorb(self, other: _Group) -> None:
        self.aliases.update(other.aliases)
        self.aliases[other.name] = None
        self.articles.update(other.articles)
        self.mentions.extend(other.mentions)
        self.roles.update(other.roles)
        self.affiliations.update(other.affiliations)


def resolve_actors(
    articles: Sequence[AnnotatedArticle], *, gazetteer: Gazetteer | None = None
) -> ActorIndex:
    """Group the entity mentions of `articles` into canonical actors.

    Actors are ordered by how many articles name them, then by first appearance.
    """
    gazetteer = gazetteer or load_gazetteer()
    groups: dict[str, _Group] = {}
    mentions = _agree_labels([(a, m) for a in articles for m in a.entities])
    full_names = _full_names(m.text for _, m in mentions if m.label == "PERSON")
    for article, mention in mentions:
        label, key, name = _key(article, mention, full_names, gazetteer)
        group = groups.setdefault(key, _Group(label, name))
        if label == "PERSON" and len(name.split()) >= len(group.name.split()):
            group.name = name
        group.aliases[mention.text] = None
        group.articles[article.article.id] = None
        group.mentions.append((article.article.id, mention.start, mention.end))
        if label == "PERSON":
            _note_person_context(article, mention, group, gazetteer)
    people = {k: (g.name, len(g.mentions)) for k, g in groups.items() if g.label == "PERSON"}
    for keep, variant in merge_variants(people):
        groups[keep].absorb(groups.pop(variant))
    _add_role_mentions(articles, groups)
    _add_name_mentions(articles, groups)
    return _index(articles, groups)


def _index(articles: Sequence[AnnotatedArticle], groups: dict[str, _Group]) -> ActorIndex:
    ranked = sorted(groups.values(), key=lambda g: (-len(g.articles), g.mentions[0][:2]))
    texts = {a.article.id: a for a in articles}
    actors: list[Actor] = []
    by_mention: dict[tuple[str, int], str] = {}
    spans: list[ActorMention] = []
    used: set[str] = set()
    for group in ranked:
        actor_id = _unique(slugify(group.name), used)
        aliases = tuple(_dedupe_folded(a for a in group.aliases if a != group.name))
        actors.append(
            Actor(
                id=actor_id,
                name=group.name,
                type=_TYPES.get(group.label, "other"),
                aliases=aliases,
                article_ids=tuple(group.articles),
                role=_most_common(group.roles),
                affiliation=_most_common(group.affiliations),
            )
        )
        for article_id, start, end in sorted(set(group.mentions)):
            by_mention[(article_id, start)] = actor_id
            article = texts[article_id]
            spans.append(
                ActorMention(
                    actor_id=actor_id,
                    article_id=article_id,
                    sentence=_sentence_at(article, start),
                    start=start,
                    end=end,
                    text=article.article.text[start:end],
                )
            )
    return ActorIndex(actors=tuple(actors), by_mention=by_mention, mentions=tuple(spans))


def _note_person_context(
    article: AnnotatedArticle, mention: EntityMention, group: _Group, gazetteer: Gazetteer
) -> None:
    """Honorifics, roles and affiliations written around a person's name."""
    text = article.article.text
    before = text[max(0, mention.start - 60) : mention.start]
    honorific = _HONORIFIC_BEFORE.search(before[-6:])
    if honorific:
        group.aliases[f"{honorific['title']} {mention.text}"] = None
    role = _role_before(before)
    if role:
        group.aliases[f"{role} {mention.text}"] = None
        if len(role.split()) >= 2:  # "Chinese leader" names one person; "President" does not
            group.aliases[role] = None
        info = split_role(role, gazetteer)
        if info.role:
            group.roles[info.role] += 1
        if info.affiliation:
            group.affiliations[info.affiliation] += 1
    elif owner := possessor_before(before, gazetteer):
        group.affiliations[owner] += 1
    after = affiliation_after(text[mention.end : mention.end + 40], gazetteer)
    if after:
        group.affiliations[after] += 1


def _most_common(counts: Counter[str]) -> str | None:
    return counts.most_common(1)[0][0] if counts else None


def _sentence_at(article: AnnotatedArticle, start: int) -> int:
    starts = [s.start for s in article.sentences]
    position = bisect_right(starts, start) - 1
    return article.sentences[max(position, 0)].index if article.sentences else 0


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


def _key(
    article: AnnotatedArticle,
    mention: EntityMention,
    full_names: dict[str, str],
    gazetteer: Gazetteer,
) -> tuple[str, str, str]:
    """(group label, grouping key, canonical name) of a mention."""
    text = _HONORIFIC.sub("", mention.text).strip()
    if mention.label == "PERSON":
        words = text.split()
        full = full_names.get(words[0].casefold()) or full_names.get(words[-1].casefold())
        folded = {w.casefold() for w in words}
        name = full if full and folded <= set(full.casefold().split()) else text
        return "PERSON", "PERSON:" + name.casefold(), name
    found = gazetteer.lookup(text)
    if found is not None:
        before = article.article.text[max(0, mention.start - 12) : mention.start]
        if found.kind == "capital" and _LOCATIVE_BEFORE.search(before):
            return "PLACE", f"PLACE:{fold_name(text)}", text
        label = "COUNTRY" if found.entry.kind == "country" else "ORG"
        return label, found.entry.id, found.entry.name
    group_label = "PLACE" if mention.label in {"GPE", "LOC", "FAC"} else mention.label
    return group_label, f"{group_label}:{text.casefold()}", text


def _role_before(window: str) -> str | None:
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
                group.mentions.append((article.article.id, match.start(), match.end()))


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
    # A surname inside a longer mention ("Masoud Pezashkian") is not a mention of its own.
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for group in groups.values():
        for article_id, start, end in group.mentions:
            covered[article_id].append((start, end))
    for alias, keys in owners.items():
        if len(keys) != 1:
            continue
        group = groups[next(iter(keys))]
        pattern = re.compile(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])")
        for article in articles:
            spans = covered[article.article.id]
            for match in pattern.finditer(article.article.text):
                if any(s < match.end() and match.start() < e for s, e in spans):
                    continue
                group.articles[article.article.id] = None
                group.mentions.append((article.article.id, match.start(), match.end()))
                spans.append(match.span())


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate
