"""Find quantities in a sentence: exact numbers, approximations and vague amounts.

Each quantity becomes a range: "26 leaders" is [26, 26]; "about 30" is [27, 33];
"tens of thousands of troops" is [20 000, 99 999]; "97 per cent" is [97, 97] in "percent".
Years and dates are left to nlp.dates (pass their spans in `skip`).
"""

from __future__ import annotations

import re

from newsweave.model import QuantityMention

__all__ = ["extract_quantities"]

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
}
_VAGUE = [
    (r"hundreds of thousands", 2e5, 999_999),
    (r"tens of thousands", 2e4, 99_999),
    (r"tens of millions", 2e7, 99_999_999),
    (r"hundreds of millions", 2e8, 999_999_999),
    (r"thousands", 2e3, 9_999),
    (r"millions", 2e6, 999_999_999),
    (r"billions", 2e9, 999e9),
    (r"hundreds", 200, 999),
    (r"dozens", 24, 99),
    (r"scores", 40, 199),
    (r"several", 3, 9),
    (r"a few", 2, 5),
    (r"a handful of", 2, 6),
    (r"a dozen", 12, 12),
    (r"a couple of", 2, 3),
]
_APPROX = (
    r"(?P<approx>about|around|approximately|roughly|nearly|almost|some|more than|over|"
    r"at least|up to|fewer than|less than|under|close to|an estimated|estimated)\s+"
)
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
_WORDNUM = r"(?P<word>" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
_STOP = (
    r"(?:and|or|the|a|an|to|in|on|of|at|for|by|with|from|as|is|was|were|are|be|been|will|"
    r"would|has|have|had|that|than|this|these|those|its|their|his|her)\b"
)
# The counted noun: one lower-case word, or two when the first is an adjective ("foreign
# heads"); case-sensitive, so "one of China" has no unit.
_UNIT = (
    r"(?P<unit>\s*(?:%|(?i:per\s?cent|percent))|(?-i:\s+(?:of\s+)?(?!" + _STOP + r")"
    r"(?:(?:[a-z][\w-]*(?:al|an|ese|ish|ic|ive|ous|ful|less|ern|ed|er|ing)|foreign|new|more|"
    r"other|additional|senior|young|old|small|large|major|key|top|armed|civilian)\s+"
    r"(?!" + _STOP + r"))?[a-z][\w-]*))?"
)
_CURRENCY = r"(?P<cur>[$€£¥]|US\$|S\$)?"

_NUMERIC = re.compile(
    r"(?<![\w.,/-])(?:" + _APPROX + r")?" + _CURRENCY + _NUMBER + _SCALE + _UNIT, re.IGNORECASE
)
_WORDED = re.compile(r"\b(?:" + _APPROX + r")?" + _WORDNUM + _SCALE + _UNIT, re.IGNORECASE)
_VAGUE_RE = re.compile(
    r"\b(?P<vague>" + "|".join(p for p, _, _ in _VAGUE) + r")\b" + _UNIT, re.IGNORECASE
)
# "About 30" covers 31 but not 40: 5 % either side, at least 1.
_APPROX_SLACK = {
    "about": 0.05,
    "around": 0.05,
    "approximately": 0.05,
    "roughly": 0.05,
    "nearly": 0.05,
    "almost": 0.05,
    "some": 0.05,
    "close to": 0.05,
    "an estimated": 0.05,
    "estimated": 0.05,
}
_UPPER_OPEN = {"more than", "over", "at least"}
_LOWER_OPEN = {"up to", "fewer than", "less than", "under"}


def extract_quantities(
    sentence: str, *, offset: int = 0, index: int = 0, skip: list[tuple[int, int]] | None = None
) -> list[QuantityMention]:
    """Quantities in `sentence`; `skip` holds sentence-relative spans (dates) to ignore."""
    taken = list(skip or [])
    found: list[QuantityMention] = []
    for pattern in (_VAGUE_RE, _NUMERIC, _WORDED):
        for match in pattern.finditer(sentence):
            start, end = match.start(), match.end()
            if any(start < e and s < end for s, e in taken):
                continue
            mention = _mention(match, sentence, offset=offset, index=index)
            if mention is not None:
                taken.append((start, end))
                found.append(mention)
    return sorted(found, key=lambda q: q.start)


def _mention(
    match: re.Match[str], sentence: str, *, offset: int, index: int
) -> QuantityMention | None:
    groups = match.groupdict()
    unit = _unit(groups.get("unit"), groups.get("cur"))
    if groups.get("vague"):
        phrase = " ".join(groups["vague"].lower().split())
        low, high = next((lo, hi) for p, lo, hi in _VAGUE if p == phrase)
        return QuantityMention(
            text=match.group(0).strip(),
            start=offset + match.start(),
            end=offset + match.end(),
            sentence=index,
            low=low,
            high=high,
            unit=unit,
            is_approximate=True,
        )
    if groups.get("num"):
        value = float(groups["num"].replace(",", ""))
    else:
        value = float(_WORD_NUMBERS[groups["word"].lower()])
        if groups["word"].lower() == "one" and (unit is None or unit.startswith("of")):
            return None  # "one of", "one" as a pronoun: not a count
    if groups.get("scale"):
        value *= _SCALES[groups["scale"].lower()]
    low = high = value
    approx = (groups.get("approx") or "").lower()
    approx = " ".join(approx.split())
    if approx in _APPROX_SLACK:
        slack = max(1.0, value * _APPROX_SLACK[approx])
        low, high = value - slack, value + slack
    elif approx in _UPPER_OPEN:
        high = value * 10
    elif approx in _LOWER_OPEN:
        low = 0.0
    return QuantityMention(
        text=match.group(0).strip(),
        start=offset + match.start(),
        end=offset + match.end(),
        sentence=index,
        low=low,
        high=high,
        unit=unit,
        is_approximate=bool(approx),
    )


def _unit(raw: str | None, currency: str | None) -> str | None:
    if currency:
        return {"$": "usd", "US$": "usd", "S$": "sgd", "€": "eur", "£": "gbp", "¥": "jpy"}[currency]
    if not raw or not raw.strip():
        return None
    words = raw.strip().lower().split()
    if words[0] in {"%", "per", "percent"} or words[0].startswith("per"):
        return "percent"
    if words[0] == "of":
        words = words[1:]
    return " ".join(words) or None
