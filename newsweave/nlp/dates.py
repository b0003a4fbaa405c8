"""Find date expressions in a sentence and resolve them against the publication date.

Absolute dates keep the precision they were written with ("2019", "January 2019",
"3 September 2025"); a day and month without a year ("Sept 3") takes the year that puts it
nearest the publication date, marked as inferred; relative expressions ("next week",
"yesterday", "on Monday", "last year") resolve only when a publication date is known, or
when an article without one carries a dateline (`infer_reference_date`); either way the
resolved value is marked inferred.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta

from newsweave.model import DateMention, DateValue

__all__ = ["MONTHS", "extract_dates", "infer_reference_date", "resolve_day_month"]

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<{g}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[89]|20)\d\d)"


def _fmt(pattern: str, **groups: str) -> str:
    for slot, name in groups.items():
        pattern = pattern.replace("{" + slot + "}", name)
    return pattern


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "range",
        re.compile(
            r"\b(?:from|between)\s+"
            + _YEAR.format(g="y1")
            + r"\s+(?:to|and|until)\s+"
            + _YEAR.format(g="y2")
            + r"\b",
            re.IGNORECASE,
        ),
    ),
    (
        "dmy",
        re.compile(
            r"\b"
            + _DAY.format(g="d")
            + r"\s+(?:of\s+)?"
            + _MONTH.format(g="m")
            + r"(?:\s?,?\s+"
            + _YEAR.format(g="y")
            + r")?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "mdy",
        re.compile(
            r"\b"
            + _MONTH.format(g="m")
            + r"\s+"
            + _DAY.format(g="d")
            + r"(?![\d:])"
            + r"(?:\s?,?\s+"
            + _YEAR.format(g="y")
            + r")?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "my",
        re.compile(
            r"\b(?:(?:early|mid|late)-?\s*)?"
            + _MONTH.format(g="m")
            + r",?\s+"
            + _YEAR.format(g="y")
            + r"\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>today|tonight|yesterday|tomorrow|(?:this|next|last|past)\s+"
            r"(?:week|month|year|weekend)|(?:on\s+)?(?:this\s+|last\s+|next\s+)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "year",
        re.compile(
            r"(?:\b(?:in|since|by|from|until|till|to|of|during|before|after|and|early|late|mid|"
            r"around|throughout)\s+|^|\(|,\s*)" + _YEAR.format(g="y") + r"(?!\s*(?:[-–]\s*\d|\d|%|"
            r"per\s*cent|percent|people|troops|km|miles|tons|tonnes|dollars|years))\b",
            re.IGNORECASE,
        ),
    ),
]

# Phrases whose year-like numbers are not years ("Covid-19", "G20").
_NOT_A_YEAR_BEFORE = re.compile(r"[-/#$€£]\s*$")


def extract_dates(
    sentence: str, *, offset: int = 0, index: int = 0, published: date | None = None
) -> list[DateMention]:
    """Date mentions in `sentence`, resolved against `published` where needed.

    Args:
        sentence: the sentence text.
        offset: where the sentence starts in the article text (mention offsets are absolute).
        index: the sentence's index, recorded on each mention.
        published: the article's publication date, if known.
    """
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = _span(kind, match)
            if any(start < e and s < end for s, e in taken):
                continue
            if kind == "year" and _NOT_A_YEAR_BEFORE.search(sentence[:start]):
                continue
            resolved = _resolve(kind, match, published, sentence)
            if resolved is None:
                continue
            value, until = resolved
            taken.append((start, end))
            mentions.append(
                DateMention(
                    text=sentence[start:end],
                    start=offset + start,
                    end=offset + end,
                    sentence=index,
                    value=value,
                    until=until,
                )
            )
    return sorted(mentions, key=lambda m: m.start)


_DATELINE_WORDS = 3  # "Published August 02, 2013", "Updated: 3 May 2013 10:42"
_DATELINE_SENTENCES = 4


def infer_reference_date(sentences: Sequence[str]) -> date | None:
    """The date an article without a publication date gives itself, if any.

    Only a dateline counts: a sentence near the top that is a full date and at most a few
    other words ("May 03, 2013", "Published August 02, 2013"), never a date inside running
    text, which is more often the date of an event. Dates resolved against it are marked
    inferred (as every relative date is).
    """
    for text in sentences[:_DATELINE_SENTENCES]:
        for mention in extract_dates(text):
            value = mention.value
            rest = (text[: mention.start] + " " + text[mention.end :]).split()
            if (
                value is not None
                and value.year is not None
                and value.month is not None
                and value.day is not None
                and len([w for w in rest if any(ch.isalpha() for ch in w)]) <= _DATELINE_WORDS
            ):
                return date(value.year, value.month, value.day)
    return None


def _span(kind: str, match: re.Match[str]) -> tuple[int, int]:
    if kind == "year":
        return match.start("y"), match.end("y")
    if kind == "relative" and match.group(0).lower().startswith("on "):
        return match.start() + 3, match.end()
    return match.start(), match.end()


_Resolved = tuple[DateValue | None, DateValue | None]


def _resolve(
    kind: str, m: re.Match[str], published: date | None, sentence: str
) -> _Resolved | None:
    if kind == "iso":
        return _checked(int(m["y"]), int(m["m"]), int(m["d"]))
    if kind == "range":
        return DateValue(year=int(m["y1"])), DateValue(year=int(m["y2"]))
    if kind in {"dmy", "mdy"}:
        month, day = MONTHS[m["m"].lower().rstrip(".")], int(m["d"])
        if m["y"]:
            return _checked(int(m["y"]), month, day)
        if not 1 <= day <= 31:
            return None
        return resolve_day_month(month, day, published), None
    if kind == "my":
        return DateValue(year=int(m["y"]), month=MONTHS[m["m"].lower().rstrip(".")]), None
    if kind == "year":
        return DateValue(year=int(m["y"])), None
    return _resolve_relative(m, published, sentence)


def _checked(year: int, month: int, day: int) -> _Resolved | None:
    try:
        date(year, month, day)
    except ValueError:
        return None
    return DateValue(year=year, month=month, day=day), None


def resolve_day_month(month: int, day: int, published: date | None) -> DateValue:
    """A day and month without a year: the year nearest the publication date, if known."""
    if published is None:
        return DateValue(month=month, day=day)
    best: DateValue | None = None
    best_gap = 10**9
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            gap = abs((date(year, month, day) - published).days)
        except ValueError:
            continue
        if gap < best_gap:
            best, best_gap = DateValue(year=year, month=month, day=day, is_inferred=True), gap
    return best or DateValue(month=month, day=day)


def _resolve_relative(m: re.Match[str], published: date | None, sentence: str) -> _Resolved:
    if published is None:
        return None, None
    phrase = " ".join(m["rel"].lower().split())
    if phrase in {"today", "tonight"}:
        return _day(published), None
    if phrase == "yesterday":
        return _day(published - timedelta(days=1)), None
    if phrase == "tomorrow":
        return _day(published + timedelta(days=1)), None
    if m["wd"]:
        return _day(_weekday(published, _WEEKDAYS[m["wd"].lower()], phrase, sentence)), None
    which, unit = phrase.split()
    step = {"this": 0, "next": 1, "last": -1, "past": -1}[which]
    if unit == "year":
        return DateValue(year=published.year + step, is_inferred=True), None
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + step
        return DateValue(year=month_index // 12, month=month_index % 12 + 1, is_inferred=True), None
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
    first = monday + timedelta(days=5) if unit == "weekend" else monday
    return _day(first), _day(monday + timedelta(days=6))


def _weekday(published: date, weekday: int, phrase: str, sentence: str) -> date:
    """The named weekday nearest the publication date, forward when the sentence is future."""
    is_future = phrase.startswith("next") or bool(
        re.search(r"\b(will|to be|is set to|plans? to)\b", sentence, re.IGNORECASE)
    )
    delta = (weekday - published.weekday()) % 7
    if is_future:
        return published + timedelta(days=delta or 7)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _day(d: date) -> DateValue:
    return DateValue(year=d.year, month=d.month, day=d.day, is_inferred=True)
