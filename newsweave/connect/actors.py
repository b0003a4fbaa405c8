"""Corpus-wide actors: link each story's actors to the actors already known.

A story resolves its own actors first (nlp.actors: "Mr Kim" is Kim Jong Un *in this
story*); this module then links them across stories by keys that are safe outside one
story's context: a gazetteer id ("country:RUS"), or a type-qualified folded full name
("person:kim jong un"). A person whose full name is a spelling variant of a known one
("Masoud Pezeshkian" for "Masoud Pezashkian") joins it too. Short names ("Kim") are never
keys: across a corpus they name many people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from newsweave.model import Actor, ActorMention
from newsweave.nlp.actors import ActorIndex, slugify
from newsweave.nlp.entities import ROLE_WORDS
from newsweave.nlp.gazetteer import fold_name, load_gazetteer
from newsweave.nlp.name_variants import is_variant

__all__ = ["LinkedActors", "actor_keys", "link_actors"]

_ROLE_SET = frozenset(ROLE_WORDS.split("|"))


@dataclass(frozen=True, slots=True)
class LinkedActors:
    """A story's actors under their corpus-wide ids.

    `actors` are the merged records to write (known actors updated with what the story
    adds); `new_keys` maps keys not yet stored to their actor id; `ids` maps the story's
    actor ids to corpus-wide ones.
    """

    actors: tuple[Actor, ...]
    mentions: tuple[ActorMention, ...]
    new_keys: dict[str, str]
    ids: dict[str, str]  # the story's actor id -> corpus-wide actor id


def actor_keys(actor: Actor) -> list[str]:
    """The keys that identify `actor` anywhere in the corpus."""
    gazetteer = load_gazetteer()
    keys: list[str] = []
    if actor.type in {"country", "organisation"}:
        found = gazetteer.lookup(actor.name)
        if found is not None:
            keys.append(found.entry.id)
    names = [actor.name]
    if actor.type == "person":
        names += [a for a in actor.aliases if _is_full_name(a)]
    for name in names:
        keys.append(f"{actor.type}:{fold_name(name)}")
    return list(dict.fromkeys(keys))


def link_actors(
    local: ActorIndex,
    *,
    keys: Mapping[str, str],
    fetch: Callable[[str], Actor | None],
    people: Iterable[tuple[str, str]] = (),
) -> LinkedActors:
    """Map a story's actors to corpus-wide ids, creating actors for new ones.

    Args:
        local: the story's resolved actors.
        keys: stored key -> actor id.
        fetch: the stored actor with an id, or None (new ids must not be taken).
        people: (actor id, name) of stored people, searched for spelling variants.
    """
    used: set[str] = set()
    people_list = list(people)
    new_keys: dict[str, str] = {}
    merged: dict[str, Actor] = {}
    local_to_global: dict[str, str] = {}
    for actor in local.actors:
        wanted = actor_keys(actor)
        global_id = next(
            (keys.get(k) or new_keys[k] for k in wanted if k in keys or k in new_keys), None
        )
        if global_id is None and actor.type == "person":
            global_id = next((i for i, name in people_list if is_variant(name, actor.name)), None)
        if global_id is None:
            global_id = _unique(slugify(actor.name), used, fetch)
            people_list.append((global_id, actor.name))
        base = merged.get(global_id) or fetch(global_id)
        merged[global_id] = _merge(base, replace(actor, id=global_id))
        local_to_global[actor.id] = global_id
        for key in wanted:
            if key not in keys:
                new_keys.setdefault(key, global_id)
    mentions = tuple(replace(m, actor_id=local_to_global[m.actor_id]) for m in local.mentions)
    return LinkedActors(
        actors=tuple(merged.values()), mentions=mentions, new_keys=new_keys, ids=local_to_global
    )


def _is_full_name(alias: str) -> bool:
    words = alias.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(w.casefold() in _ROLE_SET for w in words)
        and not any(w.endswith(("'s", "’s", "’", "'")) for w in words)
    )


def _merge(base: Actor | None, new: Actor) -> Actor:
    if base is None:
        return new
    aliases = dict.fromkeys(base.aliases)
    for alias in (new.name, *new.aliases):
        if alias != base.name:
            aliases[alias] = None
    return replace(
        base,
        aliases=tuple(aliases),
        article_ids=tuple(dict.fromkeys((*base.article_ids, *new.article_ids))),
        role=base.role or new.role,
        affiliation=base.affiliation or new.affiliation,
    )


def _unique(slug: str, used: set[str], fetch: Callable[[str], Actor | None]) -> str:
    candidate, n = slug, 2
    while candidate in used or fetch(candidate) is not None:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate
