"""Dates and quantities: compatible values are never conflicts."""

from __future__ import annotations

import pytest

from newsweave.compare.values import compare_dates, compare_quantities, date_relation
from newsweave.model import Claim, DateValue
from newsweave.nlp.dates import extract_dates
from newsweave.nlp.quantities import extract_quantities


def _claim(text: str) -> Claim:
    dates = tuple(extract_dates(text))
    skip = [(d.start, d.end) for d in dates]
    return Claim(
        id=text,
        article_id="a",
        origin="a",
        sentence=0,
        start=0,
        end=len(text),
        text=text,
        dates=dates,
        quantities=tuple(extract_quantities(text, skip=skip)),
    )


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (DateValue(2019, 1), DateValue(2019), "more_specific"),
        (DateValue(2019), DateValue(2019, 1), "less_specific"),
        (DateValue(None, 9, 3), DateValue(2025, 9, 3), "less_specific"),
        (DateValue(2025, 9, 3), DateValue(2025, 9, 4), "conflicting"),
        (DateValue(2019), DateValue(2019), "same"),
    ],
)
def test_date_relation(a: DateValue, b: DateValue, relation: str) -> None:
    assert date_relation(a, b) == relation


def test_year_vs_month_year_is_more_specific_not_conflict() -> None:
    (diff,) = compare_dates(
        _claim("Mr Kim last visited China in January 2019."),
        _claim("Mr Kim last visited China in 2019."),
    )
    assert (diff.relation, diff.a_text, diff.b_text) == ("more_specific", "January 2019", "2019")


def test_different_days_conflict() -> None:
    (diff,) = compare_dates(
        _claim("The parade will be held on 3 September."),
        _claim("The parade will be held on 4 September."),
    )
    assert diff.relation == "conflicting"


def test_one_of_several_dates_is_no_conflict() -> None:
    found = compare_dates(
        _claim("They met several times in 2018 and 2019."), _claim("They met in 2019.")
    )
    assert [d.relation for d in found] == ["same"]


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("26 leaders will attend", "24 leaders will attend", "conflicting"),
        ("about 30 people were hurt", "31 people were hurt", "less_specific"),
        ("26 leaders will attend", "dozens of leaders will attend", "more_specific"),
        ("26 leaders will attend", "26 leaders will attend", "same"),
    ],
)
def test_quantities(a: str, b: str, relation: str) -> None:
    (diff,) = compare_quantities(_claim(a), _claim(b))
    assert diff.relation == relation


def test_different_units_are_not_compared() -> None:
    assert (
        compare_quantities(_claim("26 leaders will attend"), _claim("24 journalists will attend"))
        == []
    )
