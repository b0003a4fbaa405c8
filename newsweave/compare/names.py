"""Compare who and where two claims name: the same people and places, or others.

Names are compared as canonical actors, so "Mr Kim" and "Kim Jong Un" are one person. Two
claims naming disjoint people ("Mr Putin will attend" vs "Mr Xi will attend") or disjoint
places ("in Beijing" vs "in Shanghai") differ in that slot; whether that is a conflict or two
different facts is decided by the judge, which checks that the rest of the claim agrees.
"""

from __future__ import annotations

import re

from newsweave.compare.values import Difference, DifferenceKind
from newsweave.model import Claim

__all__ = ["compare_people", "compare_places", "names_in"]


def compare_people(a: Claim, b: Claim) -> list[Difference]:
    """A "name" difference when both claims name people and none of them is shared.

    "Mr Hussein" and a bare "Saddam" may be one person by surname and first name: such a
    pair only differs.
    """
    found = _compare(a, b, a.people, b.people, kind="name")
    if found and found[-1].relation == "conflicting":
        titled_a = _has_title(a, a.people - b.people)
        titled_b = _has_title(b, b.people - a.people)
        bare_a = _is_single_bare_name(a, a.people - b.people)
        bare_b = _is_single_bare_name(b, b.people - a.people)
        if (titled_a and bare_b) or (titled_b and bare_a):
            d = found[-1]
            return [*found[:-1], Difference("name", "differs", d.a_text, d.b_text)]
    return found


def compare_places(a: Claim, b: Claim) -> list[Difference]:
    """A "place" difference when both claims name places and none of them is shared."""
    found = _compare(a, b, a.places, b.places, kind="place")
    if found and found[-1].relation == "conflicting":
        only_a, only_b = a.places - b.places, b.places - a.places
        before_a = {_preposition_before(a.text, t) for actor, t in a.names if actor in only_a}
        before_b = {_preposition_before(b.text, t) for actor, t in b.names if actor in only_b}
        if not (before_a & before_b) - {None}:
            d = found[-1]
            return [*found[:-1], Difference("place", "differs", d.a_text, d.b_text)]
    return found


def names_in(claim: Claim, actors: frozenset[str]) -> str:
    """The words `claim` uses for `actors`, in order of appearance, joined with " and "."""
    words = dict.fromkeys(text for actor, text in claim.names if actor in actors)
    return " and ".join(words)


def _compare(
    a: Claim, b: Claim, in_a: frozenset[str], in_b: frozenset[str], *, kind: DifferenceKind
) -> list[Difference]:
    """Shared names are the same; names only one claim has differ when the other claim has
    names of its own in their place ("Putin and Xi" vs "Vucic and Xi")."""
    if not in_a or not in_b:
        return []
    only_a, only_b = in_a - in_b, in_b - in_a
    found = []
    if in_a & in_b:
        shared = in_a & in_b
        found.append(Difference(kind, "same", names_in(a, shared), names_in(b, shared)))
    if only_a and only_b:
        found.append(Difference(kind, "conflicting", names_in(a, only_a), names_in(b, only_b)))
    return found


_PREPOSITION = re.compile(
    r"\b(in|at|near|from|to|into|outside|inside|across|over)\s+(?:the\s+)?$", re.IGNORECASE
)


def _preposition_before(text: str, name: str) -> str | None:
    at = text.find(name)
    match = _PREPOSITION.search(text[: max(0, at)]) if at >= 0 else None
    return match.group(1).casefold() if match else None


_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Prof)\.?\s+$")


def _has_title(claim: Claim, actors: frozenset[str]) -> bool:
    return any(
        _TITLE.search(claim.text[: max(0, claim.text.find(text))])
        for actor, text in claim.names
        if actor in actors and text in claim.text
    )


def _is_single_bare_name(claim: Claim, actors: frozenset[str]) -> bool:
    texts = [text for actor, text in claim.names if actor in actors]
    return len(texts) == 1 and len(texts[0].split()) == 1 and not _has_title(claim, actors)
