"""Roles and affiliations written around a person's name.

"South Korea's National Assembly Speaker Woo Won-shik" -> role "Speaker", affiliation
"South Korea"; "Slovakian prime minister Robert Fico" -> "Prime Minister", "Slovakia";
"Masoud Pezashkian of Iran" -> affiliation "Iran"; "Russia's Vladimir Putin" -> "Russia".
Affiliations are gazetteer names, so every spelling of a country gives the same one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.nlp.entities import ROLE_WORDS
from newsweave.nlp.gazetteer import Gazetteer

__all__ = ["RoleInfo", "affiliation_after", "possessor_before", "split_role"]

_ROLE_AT_END = re.compile(r"(?:^|\s)(?P<role>(?i:" + ROLE_WORDS + r"))$")
_POSSESSIVE_HEAD = re.compile(r"^(?P<owner>.+?)['’]s?\s+(?P<rest>.+)$")
_POSSESSOR_BEFORE = re.compile(r"(?P<owner>(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)['’]s?\s+$")
_OF_AFTER = re.compile(r"^\s+of\s+(?:the\s+)?(?P<owner>(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,2})")


@dataclass(frozen=True, slots=True)
class RoleInfo:
    role: str | None
    affiliation: str | None


def split_role(phrase: str, gazetteer: Gazetteer) -> RoleInfo:
    """Split a role phrase written before a name into its role and its affiliation."""
    affiliation = None
    rest = phrase
    owned = _POSSESSIVE_HEAD.match(phrase)
    if owned:
        country = gazetteer.lookup(owned["owner"])
        if country is not None:
            affiliation, rest = country.entry.name, owned["rest"]
    if affiliation is None:
        words = phrase.split()
        for n in range(min(3, len(words) - 1), 0, -1):
            match = gazetteer.lookup(" ".join(words[:n]))
            if match is not None and match.kind in {"demonym", "name"}:
                affiliation, rest = match.entry.name, " ".join(words[n:])
                break
    role_match = _ROLE_AT_END.search(rest)
    role = role_match["role"] if role_match else None
    if role and role.islower():
        role = role.title()
    return RoleInfo(role=role, affiliation=affiliation)


def possessor_before(text_before: str, gazetteer: Gazetteer) -> str | None:
    """ "Russia's" right before a name: the country that name belongs to."""
    match = _POSSESSOR_BEFORE.search(text_before)
    if match is None:
        return None
    found = gazetteer.lookup(match["owner"])
    return found.entry.name if found is not None and found.kind == "name" else None


def affiliation_after(text_after: str, gazetteer: Gazetteer) -> str | None:
    """ "of Iran" right after a name: the country or organisation it belongs to."""
    match = _OF_AFTER.match(text_after)
    if match is None:
        return None
    words = match["owner"].split()
    for n in range(len(words), 0, -1):
        found = gazetteer.lookup(" ".join(words[:n]))
        if found is not None and found.kind in {"name", "organisation"}:
            return found.entry.name
    return None
