"""Remove page furniture from an article's paragraphs by rules that hold for any outlet.

What a news page wraps around the story: calls to action (newsletter prompts, "follow
topic", share widgets), image captions and their credits, section labels, navigation
fragments left at the end ("See more on"), repeated paragraphs, and wire credits appended
to the last paragraph. Each rule is judged on one paragraph with its neighbours; none
matches an outlet's exact wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Cleaned", "remove_boilerplate"]

# Agencies whose names end a paragraph or a credit line as the wire source.
WIRE_AGENCIES = {
    "REUTERS": "Reuters",
    "AFP": "AFP",
    "AP": "AP",
    "BLOOMBERG": "Bloomberg",
    "XINHUA": "Xinhua",
    "DPA": "dpa",
    "ANI": "ANI",
    "PTI": "PTI",
    "EFE": "EFE",
    "ANSA": "ANSA",
    "KYODO": "Kyodo",
    "YONHAP": "Yonhap",
    "BERNAMA": "Bernama",
    "UPI": "UPI",
    "AAP": "AAP",
    "IANS": "IANS",
    "TASS": "TASS",
    "NYT": "NYT",
}
_AGENCY = "|".join(sorted(WIRE_AGENCIES, key=len, reverse=True))
_TRAILING_WIRE = re.compile(rf"(?:\s*[-–—/,]?\s*\b(?:{_AGENCY})\b)+\s*$")
_AGENCY_TOKEN = re.compile(rf"\b({_AGENCY})\b")
# A dateline credit opening the story: "WASHINGTON (Reuters) -", "LONDON, March 3 (AP) —".
_DATELINE_WIRE = re.compile(rf"^[^\n()]{{0,60}}\(({_AGENCY})\)\s*[-–—]", re.IGNORECASE)

_CALL_TO_ACTION = re.compile(
    r"\b(sign[ -]?up|subscribe|subscription|newsletters?|inbox|follow (us|topic|this|@)|"
    r"see more|read more|read next|more stories|related (stories|articles|topics|coverage)|"
    r"share (this|on|via|article)|click here|tap here|download (our|the) app|advertisement|"
    r"sponsored|copyright|all rights reserved|listen to (this|the) (article|story)|min read|"
    r"recommended for you|most (read|popular)|trending now|join (our|the)|whatsapp|telegram|"
    r"cookies?|privacy policy|terms of (use|service)|log ?in|register now|continue reading|"
    r"watch:|listen:|get the app)\b|©",
    re.IGNORECASE,
)
# Legal lines are furniture however they end ("Copyright © 2018 The Paradigm. All rights ...").
_LEGAL = re.compile(r"©|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_IMPERATIVE = re.compile(
    r"^(sign|subscribe|follow|read|see|share|click|tap|download|join|get|listen|watch|"
    r"register|log|continue|more)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(photo(graph)?s?|pictures?|images?|video|graphics?|illustrations?|file photo|credits?|"
    r"source|caption)\s*(credit)?\s*[:/|]",
    re.IGNORECASE,
)
_CREDIT_NAMES = re.compile(
    rf"^((getty images|shutterstock|epa|efe|ap photo|afp photo|{_AGENCY})[\s,/;&-]*)+$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[-•*·▪►]\s+")
_TERMINAL = re.compile(r"[.!?…:;\"'’”)\]。！？」』）]$")

_SHORT_CTA_WORDS = 15
_LABEL_WORDS = 4
_CAPTION_WORDS = 60
_FRAGMENT_WORDS = 6
# Scripts written without spaces (Japanese, Chinese) make one "word" of a whole paragraph.
_FRAGMENT_CHARS = 60


@dataclass(frozen=True, slots=True)
class Cleaned:
    paragraphs: tuple[str, ...]
    removed: tuple[str, ...]
    wire: tuple[str, ...]


def remove_boilerplate(paragraphs: list[str]) -> Cleaned:
    """Keep the article's own paragraphs; return what was removed and any wire credits."""
    removed: list[str] = []
    wire: list[str] = []
    # 1. Credits and the captions just above them go first: they explain the rest.
    kept = _drop_credits_and_captions(paragraphs, removed)
    # 2. Calls to action, labels and repeats, paragraph by paragraph.
    seen: set[str] = set()
    body: list[str] = []
    for paragraph in kept:
        key = " ".join(paragraph.casefold().split())
        if key in seen or _is_call_to_action(paragraph) or _is_label(paragraph):
            removed.append(paragraph)
            continue
        seen.add(key)
        body.append(_BULLET.sub("", paragraph))
    # 3. Navigation fragments trailing the story ("See more on", "Topics").
    while body and _is_fragment(body[-1]):
        removed.append(body.pop())
    # 4. A dateline credit opening the story stays in the text; the agency is recorded.
    if body:
        opening = _DATELINE_WIRE.match(body[0])
        if opening:
            wire.append(WIRE_AGENCIES[opening.group(1).upper()])
    # 5. A wire credit closing the last paragraph ("... hypersonic weapons. REUTERS").
    if body:
        match = _TRAILING_WIRE.search(body[-1])
        if match and match.start() > 0 and _TERMINAL.search(body[-1][: match.start()].rstrip()):
            wire.extend(_agencies(match.group(0)))
            removed.append(match.group(0).strip())
            body[-1] = body[-1][: match.start()].rstrip()
    return Cleaned(tuple(body), tuple(removed), tuple(dict.fromkeys(wire)))


def _drop_credits_and_captions(paragraphs: list[str], removed: list[str]) -> list[str]:
    # Agencies in a photo credit took the picture, not the story: they are not wire sources.
    captions: set[str] = set()
    is_credit = [_is_credit(p) for p in paragraphs]
    for i, credit in enumerate(is_credit):
        if not credit:
            continue
        j = i - 1
        # A caption is the short paragraph right above its credit (often printed twice).
        while j >= 0 and not is_credit[j] and len(paragraphs[j].split()) <= _CAPTION_WORDS:
            captions.add(paragraphs[j])
            if j == 0 or paragraphs[j - 1] != paragraphs[j]:
                break
            j -= 1
    kept = []
    for paragraph, credit in zip(paragraphs, is_credit, strict=True):
        if credit or paragraph in captions:
            removed.append(paragraph)
        else:
            kept.append(paragraph)
    return kept


def _is_credit(paragraph: str) -> bool:
    if len(paragraph.split()) > 12:
        return False
    return bool(_CREDIT.match(paragraph) or _CREDIT_NAMES.match(paragraph))


def _is_call_to_action(paragraph: str) -> bool:
    words = paragraph.split()
    if len(words) > _SHORT_CTA_WORDS or not _CALL_TO_ACTION.search(paragraph):
        return False
    if _LEGAL.search(paragraph):
        return True
    return not paragraph.rstrip().endswith(".") or bool(_IMPERATIVE.match(paragraph))


def _is_label(paragraph: str) -> bool:
    """A section label: a few words closed by a colon ("Follow topic:", "Related:")."""
    return paragraph.endswith(":") and len(paragraph.split()) <= _LABEL_WORDS


def _is_fragment(paragraph: str) -> bool:
    return (
        len(paragraph.split()) <= _FRAGMENT_WORDS
        and len(paragraph) <= _FRAGMENT_CHARS
        and not _TERMINAL.search(paragraph)
    )


def _agencies(text: str) -> list[str]:
    return [WIRE_AGENCIES[m.upper()] for m in _AGENCY_TOKEN.findall(text.upper())]
