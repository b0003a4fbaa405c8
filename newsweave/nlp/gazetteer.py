"""An offline gazetteer of countries, capitals, demonyms and international organisations.

The tables ship in `newsweave/data/gazetteer/` (sources and licences in its README). A
name is looked up case-insensitively after dropping a leading "the" and a possessive, so
"Russia's", "the Kremlin", "Russian" and "Moscow" all find Russia; what kind of name it was
(country name, demonym, capital, organisation) is returned with the entry, because a capital
is the government only when it acts ("Moscow said"), not where something happens.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Literal

__all__ = ["Gazetteer", "GazetteerEntry", "GazetteerMatch", "fold_name", "load_gazetteer"]

EntryKind = Literal["country", "organisation", "party"]
MatchKind = Literal["name", "demonym", "capital", "organisation"]

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_MIN_ALIAS = 3  # shorter names match only as written, case and all


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A country or an international organisation.

    `id` is stable ("country:RUS", "org:UN"); `affiliation` names use `name`.
    """

    id: str
    name: str
    kind: EntryKind
    capitals: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    entry: GazetteerEntry
    kind: MatchKind


def fold_name(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name ("Vučić" -> "vucic")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


class Gazetteer:
    """Look names up in the shipped tables; build with `load_gazetteer()`."""

    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self.entries = {e.id: e for e in entries}
        self._index: dict[str, GazetteerMatch] = {}
        self._exact: dict[str, GazetteerMatch] = {}
        # Later kinds never overwrite earlier ones: a country's own name beats another
        # country's alias, and names beat capitals.
        kinds: tuple[MatchKind, ...] = ("name", "organisation", "demonym", "capital")
        for kind in kinds:
            for entry in entries:
                for text in _names_of(entry, kind):
                    match = GazetteerMatch(entry, kind)
                    key = _key(text)
                    if len(key) >= _MIN_ALIAS:
                        self._index.setdefault(key, match)
                    elif key:  # "UN", "EU", "US": only as written, never the word "us"
                        self._exact.setdefault(text.strip(), match)

    def lookup(self, text: str) -> GazetteerMatch | None:
        """The entry a name, demonym or capital names, with how it named it."""
        exact = _POSSESSIVE.sub("", text.strip()).removeprefix("the ")
        return self._exact.get(exact) or self._index.get(_key(text))

    def country(self, text: str) -> GazetteerEntry | None:
        """The country (not organisation) a name, demonym or possessive names, if any."""
        match = self.lookup(text)
        if match is None or match.entry.kind != "country":
            return None
        return match.entry


def _names_of(entry: GazetteerEntry, kind: str) -> tuple[str, ...]:
    if kind == "name" and entry.kind == "country":
        return (entry.name, *entry.aliases)
    if kind == "organisation" and entry.kind != "country":
        return (entry.name, *entry.aliases)
    if kind == "demonym":
        return entry.demonyms
    if kind == "capital":
        return entry.capitals
    return ()


def _key(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    folded = fold_name(text)
    return folded.removeprefix("the ") if folded.startswith("the ") else folded


_LOCK = threading.Lock()
_LOADED: list[Gazetteer] = []


def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    with _LOCK:
        if not _LOADED:
            _LOADED.append(Gazetteer(_read_entries()))
        return _LOADED[0]


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("newsweave").joinpath(f"data/gazetteer/{name}").read_text("utf-8")
    lines = text.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line]


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split("|") if v)


def _read_entries() -> list[GazetteerEntry]:
    extra = {row["code"]: row for row in _rows("extra.tsv")}
    entries = []
    for row in _rows("countries.tsv"):
        more = extra.get(row["code"], {})
        entries.append(
            GazetteerEntry(
                id=f"country:{row['code']}",
                name=row["name"],
                kind="country",
                capitals=_split(row["capital"]) + _split(more.get("capitals")),
                demonyms=_split(row["demonyms"]) + _split(more.get("demonyms")),
                aliases=_split(row["aliases"]) + _split(more.get("aliases")),
            )
        )
    for row in _rows("organisations.tsv"):
        entries.append(
            GazetteerEntry(
                id=f"org:{row['id']}",
                name=row["name"],
                kind="party" if row["type"] == "party" else "organisation",
                aliases=_split(row["aliases"]),
            )
        )
    return entries
