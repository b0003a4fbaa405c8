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
    (
        "iso",
        re.compile(r"\b(?P<y>(?:1[89]|20)\d\d) ?- ?(?P<m>[01]\d) ?- ?(?P<d>[0-3]\d)\b"),
    ),
    # "11/30/09", "04 / 9 / 2012" (month first), "08.07.2012" (day first; four-digit year only,
    # so version numbers are left alone).
    (
        "numeric",
        re.compile(
            r"(?<![\d/.])(?P<a>[0-3]?\d) ?(?:(?P<slash>/)|\.) ?(?P<b>[0-3]?\d) ?(?(slash)/|\.) ?"
            r"(?P<y>(?:1[89]|20)\d\d|(?(slash)\d\d|(?!)))(?![\d/])"
        ),
    ),
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
        "ago",
        re.compile(
            r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>today|tonight|yesterday|tomorrow|last\s+night|"
            r"this\s+(?:morning|afternoon|evening)|(?:this|next|last|past)\s+"
            r"(?:week|month|year|weekend)|(?:on\s+)?(?:this\s+|last\s+|next\s+)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
            re.IGNORECASE,
        ),
    ),
    # A month named alone, capitalised, after a preposition ("in May", "since March", "last
    # June"): the bare word is too often "may" or "march" to take without one.
    (
        "month",
        re.compile(
            r"\b(?:(?:in|since|by|until|till|from|before|after|during)\s+(?:early\s+|late\s+|mid-?)?"
            r"|(?P<which>last|next|this)\s+)(?P<m>"
            + "|".join(calendar.month_name[1:])
            + r")\b(?!\s*,?\s*\d)"
        ),
    ),
    (
        "year",
        re.compile(
            r"(?:\b(?:in|since|by|from|until|till|to|of|during|before|after|and|early|late|mid|a|the|"
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
            try:
                resolved = _resolve(kind, match, published, sentence)
            except OverflowError:  # "next week" from a date at the calendar's edge
                continue
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
            rest = _CLOCK.sub(" ", text[: mention.start] + " " + text[mention.end :])
            words = [re.sub(r"[^a-z]", "", w.lower()) for w in rest.split()]
            if (
                value is not None
                and value.year is not None
                and value.month is not None
                and value.day is not None
                and len([w for w in words if w and w not in _DATELINE_FILLER]) <= _DATELINE_WORDS
            ):
                return date(value.year, value.month, value.day)
    return None


# A dateline's time and zone ("4 : 59 PM EDT", "11:11 GMT", "at 5 : 19 pm") are not words.
_CLOCK = re.compile(r"\b\d{1,2} ?[:.] ?\d\d(?: ?: ?\d\d)?(?: ?[ap]\.? ?m\b\.?)?", re.IGNORECASE)
_DATELINE_FILLER = {"at", "on", "am", "pm", "gmt", "utc", "bst", "cet", "cest", "et", "pt", "ct"}
_DATELINE_FILLER |= {"est", "edt", "pst", "pdt", "cst", "cdt", "mst", "mdt", "akdt", "aest"}
_DATELINE_FILLER |= {name.lower() for name in calendar.day_name}
_DATELINE_FILLER |= {name.lower() for name in calendar.day_abbr}


def _span(kind: str, match: re.Match[str]) -> tuple[int, int]:
    if kind == "year":
        return match.start("y"), match.end("y")
    if kind == "relative" and match.group(0).lower().startswith("on "):
        return match.start() + 3, match.end()
    if kind == "month":
        return match.start("which") if match["which"] else match.start("m"), match.end("m")
    return match.start(), match.end()


_Resolved = tuple[DateValue | None, DateValue | None]


def _resolve(
    kind: str, m: re.Match[str], published: date | None, sentence: str
) -> _Resolved | None:
    if kind == "iso":
        return _checked(int(m["y"]), int(m["m"]), int(m["d"]))
    if kind == "numeric":
        return _numeric(m)
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
    if kind == "month":
        return _month(MONTHS[m["m"].lower()], m["which"], published, sentence), None
    if kind == "ago":
        return _ago(m, published)
    return _resolve_relative(m, published, sentence)


def _numeric(m: re.Match[str]) -> _Resolved | None:
    """Slashes read month first (US), dots day first; a first number over 12 is a day."""
    first, second = int(m["a"]), int(m["b"])
    year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    is_month_first = second > 12 if not m["slash"] else first <= 12
    month, day = (first, second) if is_month_first else (second, first)
    return _checked(year, month, day)


def _month(month: int, which: str | None, published: date | None, sentence: str) -> DateValue:
    """A month without a year: the one before or after publication, as the sentence says."""
    if published is None:
        return DateValue(month=month)
    which = (which or "").lower()
    if which == "this":
        return DateValue(year=published.year, month=month, is_inferred=True)
    if which == "next" or (not which and _is_future(sentence)):
        year = published.year + (month <= published.month if which else month < published.month)
    else:
        year = published.year - (month >= published.month if which else month > published.month)
    return DateValue(year=year, month=month, is_inferred=True)


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_NUMBER_WORDS |= {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _ago(m: re.Match[str], published: date | None) -> _Resolved:
    """ "three days ago" (a day), "two weeks ago" (that week), "a month/year ago"."""
    if published is None:
        return None, None
    n = _NUMBER_WORDS.get(m["n"].lower()) or int(m["n"])
    unit = m["unit"].lower()
    if unit == "day":
        return _day(published - timedelta(days=n)), None
    if unit == "week":
        monday = published - timedelta(days=published.weekday(), weeks=n)
        return _day(monday), _day(monday + timedelta(days=6))
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 - n
        return DateValue(year=month_index // 12, month=month_index % 12 + 1, is_inferred=True), None
    return DateValue(year=published.year - n, is_inferred=True), None


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
    if phrase in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return _day(published), None
    if phrase in {"yesterday", "last night"}:
        return _day(published - timedelta(days=1)), None
    if phrase == "tomorrow":
        return _day(published + timedelta(days=1)), None
    if m["wd"]:
        weekday = _WEEKDAYS[m["wd"].lower()]
        return _day(_weekday(published, weekday, phrase, sentence, sentence[: m.start()])), None
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


# "is set to meet", "will vote", "is to be held": the sentence looks forward.
_FUTURE = re.compile(
    r"\b(?:will|(?:is|are)\s+to|(?:set|due|scheduled|expected|plans?)\s+to)\b",
    re.IGNORECASE,
)
# "officials said Saturday", "announced on Friday": the day something was said is past.
_REPORTED_ON = re.compile(
    r"\b(?:said|announced|told|reported|confirmed|stated|revealed|added)\s+(?:on\s+)?$",
    re.IGNORECASE,
)


def _is_future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def _weekday(published: date, weekday: int, phrase: str, sentence: str, before: str) -> date:
    """The named weekday nearest the publication date, forward when the sentence is future.

    Forward means the publication day itself or later ("set to meet on Monday" in a Monday
    paper is that day), unless it says "next"; a day something was said on is always past.
    """
    delta = (weekday - published.weekday()) % 7
    if phrase.startswith("next"):
        return published + timedelta(days=delta or 7)
    if _is_future(sentence) and not _REPORTED_ON.search(before):
        return published + timedelta(days=delta)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _day(d: date) -> DateValue:
    return DateValue(year=d.year, month=d.month, day=d.day, is_inferred=True)
