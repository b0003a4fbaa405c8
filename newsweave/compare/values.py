"""Compare the dates and quantities two claims carry: same, more specific, or incompatible.

Compatible values are never conflicts: "2019" and "January 2019" agree (the second is more
specific); "about 30" and "31" agree. Values conflict only when no reading makes both true:
"3 September" vs "4 September", "26 leaders" vs "24 leaders".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsweave.model import Claim, DateMention, DateValue, QuantityMention

__all__ = ["Difference", "DifferenceKind", "compare_dates", "compare_quantities", "date_relation"]

ValueRelation = Literal["same", "more_specific", "less_specific", "conflicting", "differs"]
# "differs" marks a difference that changes no relation: attribution, wording.
DifferenceKind = Literal["date", "quantity", "name", "place", "attribution", "wording"]


@dataclass(frozen=True, slots=True)
class Difference:
    """How one value of claim a relates to the matching value of claim b."""

    kind: DifferenceKind
    relation: ValueRelation
    a_text: str
    b_text: str


def date_relation(a: DateValue, b: DateValue) -> ValueRelation:
    """Relation of date a to date b: parts known in both must agree, else they conflict."""
    for part_a, part_b in ((a.year, b.year), (a.month, b.month), (a.day, b.day)):
        if part_a is not None and part_b is not None and part_a != part_b:
            return "conflicting"
    if a.n_fields > b.n_fields:
        return "more_specific"
    if a.n_fields < b.n_fields:
        return "less_specific"
    return "same"


def compare_dates(a: Claim, b: Claim) -> list[Difference]:
    """Match each resolved date of a with its best counterpart in b.

    Dates are compared only when they share a known part (year, month or day): "3
    September" says nothing about "1945". A date conflicts only when it has no compatible
    counterpart and exactly one comparable rival, itself unmatched: "2018 and 2019" vs
    "2019" is not a conflict.
    """
    a_dates = [d for d in a.dates if d.value is not None]
    b_dates = [d for d in b.dates if d.value is not None]
    if not a_dates or not b_dates:
        return []
    found: list[Difference] = []
    for da in a_dates:
        best = _best_compatible(da, b_dates)
        if best is not None:
            found.append(Difference("date", best[1], da.text, best[0].text))
    b_unmatched = [d for d in b_dates if not _has_compatible(d, a_dates)]
    for da in a_dates:
        if _has_compatible(da, b_dates):
            continue
        rivals = [db for db in b_unmatched if _comparable(da, db)]
        if len(rivals) == 1:
            found.append(Difference("date", "conflicting", da.text, rivals[0].text))
    return found


def _comparable(a: DateMention, b: DateMention) -> bool:
    assert a.value is not None  # noqa: S101 - callers pass resolved dates only
    assert b.value is not None  # noqa: S101
    pairs = (
        (a.value.year, b.value.year),
        (a.value.month, b.value.month),
        (a.value.day, b.value.day),
    )
    return any(x is not None and y is not None for x, y in pairs)


def _has_compatible(d: DateMention, others: list[DateMention]) -> bool:
    return _best_compatible(d, others) is not None


def _best_compatible(
    d: DateMention, others: list[DateMention]
) -> tuple[DateMention, ValueRelation] | None:
    assert d.value is not None  # noqa: S101 - callers pass resolved dates only
    best: tuple[DateMention, ValueRelation] | None = None
    for other in others:
        assert other.value is not None  # noqa: S101
        if not _comparable(d, other):
            continue
        relation = date_relation(d.value, other.value)
        if relation == "same":
            return other, relation
        if relation != "conflicting" and best is None:
            best = other, relation
    return best


def compare_quantities(a: Claim, b: Claim) -> list[Difference]:
    """Match quantities counting the same thing (same unit head word) and compare ranges."""
    found: list[Difference] = []
    for qa in a.quantities:
        partners = [qb for qb in b.quantities if _same_unit(qa, qb)]
        if not partners:
            continue
        relations = [(qb, _range_relation(qa, qb)) for qb in partners]
        agreeing = [(qb, r) for qb, r in relations if r != "conflicting"]
        qb, relation = (agreeing or relations)[0]
        found.append(Difference("quantity", relation, qa.text, qb.text))
    return found


def _same_unit(a: QuantityMention, b: QuantityMention) -> bool:
    if a.unit is None or b.unit is None:
        return a.unit is None and b.unit is None and a.is_approximate == b.is_approximate
    return _head(a.unit) == _head(b.unit)


def _head(unit: str) -> str:
    word = unit.split()[-1]
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _range_relation(a: QuantityMention, b: QuantityMention) -> ValueRelation:
    if a.high < b.low or b.high < a.low:
        return "conflicting"
    width_a, width_b = a.high - a.low, b.high - b.low
    if width_a < width_b:
        return "more_specific"
    if width_a > width_b:
        return "less_specific"
    return "same"
