"""Numbers, approximations and vague amounts become comparable ranges."""

from __future__ import annotations

import pytest

from newsweave.nlp.quantities import extract_quantities


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high", "unit"),
    [
        (
            "26 foreign heads of state are set to attend",
            "26 foreign heads",
            26,
            26,
            "foreign heads",
        ),
        (
            "Xi will review tens of thousands of troops",
            "tens of thousands of troops",
            20_000,
            99_999,
            "troops",
        ),
        (
            "accounting for about 97 per cent of its trade",
            "about 97 per cent",
            92.15,
            101.85,
            "percent",
        ),
        ("the House voted 348 members in favour", "348 members", 348, 348, "members"),
        ("The fund holds $5 million in bonds", "$5 million", 5e6, 5e6, "usd"),
        ("dozens of protesters were arrested", "dozens of protesters", 24, 99, "protesters"),
    ],
)
def test_quantities(sentence: str, text: str, low: float, high: float, unit: str) -> None:
    (found,) = extract_quantities(sentence)
    assert (found.text, found.unit) == (text, unit)
    assert found.low == pytest.approx(low)
    assert found.high == pytest.approx(high)


def test_about_thirty_covers_thirty_one() -> None:
    (about,) = extract_quantities("about 30 people were hurt")
    assert about.low <= 31 <= about.high


def test_one_of_is_not_a_count() -> None:
    assert extract_quantities("one of China's largest parades in years") == []


def test_skipped_spans_are_left_alone() -> None:
    sentence = "On Sept 3 the parade began."
    assert extract_quantities(sentence, skip=[(3, 9)]) == []
