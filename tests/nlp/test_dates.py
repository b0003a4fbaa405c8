"""Date expressions, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.model import Article
from newsweave.nlp.assemble import reference_date
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


# The sentences below are from ECB+ train-topic documents (Cybulska & Vossen 2014, CC BY 3.0
# annotations), the date-resolution tuning set (bench/data/dates_tune.tsv).


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("First Published : June 13, 2013 4 : 59 PM EDT", date(2013, 6, 13)),  # 1_1ecbplus
        ("11 / 30 / 09 05 : 40 PM ET", date(2009, 11, 30)),  # 3_1ecbplus
        ("21 July 2013 Last updated at 11 : 11 GMT", date(2013, 7, 21)),  # 14_1ecbplus
        ("Posted : 04 / 9 / 2012 8 : 33 am Updated : 04 / 9 / 2012 8 : 33 am", date(2012, 4, 9)),
        ("2013 - 09 - 26", date(2013, 9, 26)),  # 11_3ecbplus
        ("Article posted on 08. 07. 2012", date(2012, 7, 8)),  # 7_7ecbplus, day first
    ],
)
def test_datelines_with_times_zones_and_numeric_dates(dateline: str, expected: date) -> None:
    assert infer_reference_date(["A headline", dateline]) == expected


@pytest.mark.parametrize(
    ("sentence", "reference", "expected"),
    [
        # 6_4ecbplus, dated Monday 9 April 2012: the meeting is that day, not a week later.
        (
            "The Hollywood Reporter says Ross is set to meet with Lionsgate officials on Monday "
            "to resume negotiations.",
            date(2012, 4, 9),
            ("Monday", "2012-04-09"),
        ),
        # 16_7ecbplus, dated Sunday 26 June 2005: "to be" does not make "said Saturday" future.
        (
            "Deputy Jerry Ortiz was looking for a man considered to be a career criminal, "
            "officials said Saturday.",
            date(2005, 6, 26),
            ("Saturday", "2005-06-25"),
        ),
        # 6_4ecbplus: a month alone, ahead when the sentence looks ahead.
        (
            "The Hunger Games set to begin filming in August.",
            date(2012, 4, 9),
            ("August", "2012-08"),
        ),
        # 9_3ecbplus, dated 27 April 2009: a month alone in the past.
        (
            "Scientists called on the departments to overturn rule changes made in January.",
            date(2009, 4, 27),
            ("January", "2009-01"),
        ),
        # 16_1ecbplus, dated 26 July 2005.
        (
            "capital murder charges were filed against a gang member accused of gunning down "
            "Deputy Luis Gerardo Ortiz a month ago.",
            date(2005, 7, 26),
            ("a month ago", "2005-06"),
        ),
        # 10_3ecbplus and 1_4ecbplus.
        ("One report posted online last night", date(2008, 12, 23), ("last night", "2008-12-22")),
        (
            "Mark Heller did in court this morning.",
            date(2013, 5, 2),
            ("this morning", "2013-05-02"),
        ),
        # 3_4ecbplus: a year after "a".
        ("the conviction stemmed from a 1999 incident", date(2009, 11, 30), ("1999", "1999")),
    ],
)
def test_relative_dates_in_ecbplus_sentences(
    sentence: str, reference: date, expected: tuple[str, str]
) -> None:
    assert _iso(sentence, published=reference) == [expected]


def test_two_weeks_ago_is_that_week() -> None:
    (mention,) = extract_dates("They met two weeks ago.", published=PUBLISHED)
    assert mention.value is not None
    assert mention.until is not None
    assert (mention.value.iso(), mention.until.iso()) == ("2025-08-11", "2025-08-17")


def test_a_bare_may_is_not_a_month() -> None:
    assert _iso("Officials may meet again, and in May they did.") == [("May", "2025-05")]


def test_a_dateline_of_digits_only_is_found_in_the_text_lines() -> None:
    # ECB+ 11_3ecbplus: the dateline line has no letters, so it is not kept as a sentence.
    text = (
        "Turkmen election to have 2 parties for 1st time\n\n2013 - 09 - 26\n\n"
        "For the first time in post - Soviet Turkmenistan's history, its parliamentary "
        "elections will have two parties, ITAR - TASS reported September 26."
    )
    article = Article(id="11_3ecbplus", source="ecb+", sha256="", text=text, content_hash="")
    assert reference_date(article, []) == date(2013, 9, 26)
