"""Date expressions, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.nlp.dates import extract_dates, infer_reference_date

PUBLISHED = date(2025, 8, 28)  # a Thursday


def _iso(sentence: str, published: date | None = PUBLISHED) -> list[tuple[str, str]]:
    return [
        (d.text, d.value.iso() if d.value else "?")
        for d in extract_dates(sentence, published=published)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The parade, on 3 September, commemorates the surrender.",
            [("3 September", "2025-09-03")],
        ),
        ("the Victory Day parade on Sept 3 is set to be huge", [("Sept 3", "2025-09-03")]),
        ("Mr Kim last visited China in January 2019.", [("January 2019", "2019-01")]),
        ("Mr Kim last visited China in 2019.", [("2019", "2019")]),
        ("the Chinese Foreign Ministry said on Aug 28", [("Aug 28", "2025-08-28")]),
        ("The meeting was set for December 31, 2024.", [("December 31, 2024", "2024-12-31")]),
        ("He left on 2024-02-29 for Rome.", [("2024-02-29", "2024-02-29")]),
    ],
)
def test_absolute_dates(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _iso(sentence) == expected


def test_day_month_without_publication_date_keeps_year_unknown() -> None:
    assert _iso("The parade on Sept 3 will be large.", published=None) == [("Sept 3", "--09-03")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("leaders will attend the parade next week", ("next week", "2025-09-01")),
        ("The Senate voted yesterday to override it.", ("yesterday", "2025-08-27")),
        ("The Senate voted on Wednesday to override the veto.", ("Wednesday", "2025-08-27")),
        ("The House will vote on Friday.", ("Friday", "2025-08-29")),
        ("Exports fell last year.", ("last year", "2024")),
    ],
)
def test_relative_dates(sentence: str, expected: tuple[str, str]) -> None:
    assert _iso(sentence) == [expected]


def test_relative_dates_unresolved_without_publication_date() -> None:
    (mention,) = extract_dates("leaders will attend next week", published=None)
    assert mention.value is None


def test_ranges_and_lists() -> None:
    (war,) = extract_dates("a long war from 1931 to 1945 ended")
    assert (war.value.iso(), war.until.iso()) == ("1931", "1945")  # type: ignore[union-attr]
    assert [d.text for d in extract_dates("They met in 2018 and 2019.")] == ["2018", "2019"]


@pytest.mark.parametrize(
    "sentence",
    [
        "relations soured through the Covid-19 pandemic",
        "police said 1500 troops were deployed",
        "The G2019 summit",
        "it rose 2019% in value",
    ],
)
def test_numbers_that_are_not_years(sentence: str) -> None:
    assert extract_dates(sentence) == []


@given(st.text(max_size=200), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
def test_dates_spans_are_verbatim(text: str, published: date) -> None:
    for mention in extract_dates(text, published=published, offset=0):
        assert text[mention.start : mention.end] == mention.text
        if mention.value is not None and mention.value.month is not None:
            assert 1 <= mention.value.month <= 12


def test_a_dateline_anchors_relative_dates_when_there_is_no_publication_date() -> None:
    # ECB+ 1_10ecbplus (Lindsay Lohan, 2013): a dateline sentence, then relative dates.
    reference = infer_reference_date(
        ["Lindsay Lohan checks into Betty Ford Center", "May 03 , 2013", "She arrived Friday."]
    )
    assert reference == date(2013, 5, 3)
    (friday,) = extract_dates("She checked in on Friday.", published=reference)
    assert friday.value is not None
    assert friday.value.is_inferred


def test_a_date_in_running_text_is_not_a_dateline() -> None:
    assert (
        infer_reference_date(
            ["The parade, on 3 September 2025, commemorates Japan’s formal surrender in 1945."]
        )
        is None
    )
