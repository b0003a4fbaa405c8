"""The records that cross stage boundaries, in the order the pipeline makes them.

    RawRecord -> RawDocument -> Article -> AnnotatedArticle -> StoryAssignment -> StoryReport
    (and Rejection for every input that could not go on)

All are frozen: a stage returns new records and never mutates its input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import numpy as np
import numpy.typing as npt

__all__ = [
    "Actor",
    "ActorMention",
    "AnnotatedArticle",
    "Article",
    "BriefSentence",
    "Claim",
    "ClaimMention",
    "ClaimStatus",
    "ClaimVerdict",
    "CopyOf",
    "DateMention",
    "DateValue",
    "EntityMention",
    "Frame",
    "FrameMention",
    "PairVerdict",
    "Participant",
    "QuantityMention",
    "RawDocument",
    "RawRecord",
    "Rejection",
    "Relation",
    "RunSummary",
    "Sentence",
    "Story",
    "StoryAssignment",
    "StoryReport",
    "Vector",
]

Vector = npt.NDArray[np.float32]

# --- ingest ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawRecord:
    """The bytes of one would-be article as cut from an input, before any parsing.

    Attributes:
        source: where it came from, as a reader would name it ("seeds/a.txt", "dump.jsonl:12").
        payload: the original bytes (one file, or one JSON Lines line).
        format: the reader that cut it ("text", "jsonl", ...).
        path: the file it came from, when it is a whole file (quarantine then keeps path+sha256).
        default_id: the article id to use when the record declares none (from the file name).
        sha256: the digest of the original bytes when `payload` does not hold them whole.
        url: where the bytes were fetched from, after redirects (URL inputs only).
    """

    source: str
    payload: bytes
    format: str
    path: str | None = None
    default_id: str | None = None
    sha256: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One parsed input: decoded text or HTML plus the metadata it declared."""

    id: str
    source: str
    format: str
    sha256: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    language: str | None = None
    byline: str | None = None
    encoding: str | None = None
    is_partial: bool = False
    updated: datetime | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that did not become an article, and why. Nothing is dropped silently."""

    source: str
    stage: str
    code: str
    message: str
    sha256: str | None = None
    payload: bytes | None = None
    path: str | None = None
    format: str | None = None


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one ingest run did with its inputs."""

    read: int = 0
    stored: int = 0
    duplicate: int = 0
    quarantined: dict[str, int] = field(default_factory=dict)
    story_ids: tuple[str, ...] = ()

    @property
    def n_quarantined(self) -> int:
        return sum(self.quarantined.values())


# --- clean ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: boilerplate removed, metadata kept, ready for analysis.

    `text` is the cleaned body; every citation newsweave prints is a verbatim span of it.
    `removed` lists the page furniture the cleaner dropped, so a reader can audit it.
    `origin` is the independent source the article counts as when it is not its outlet
    (the origin of what it copies, or the wire agency it credits); `copy` says what it copies.
    """

    id: str
    source: str
    sha256: str
    text: str
    content_hash: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    language: str | None = None
    byline: str | None = None
    wire: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    is_partial: bool = False
    origin: str | None = None
    copy: CopyOf | None = None
    updated: datetime | None = None


@dataclass(frozen=True, slots=True)
class CopyOf:
    """How an article copies an earlier one (an exact or near duplicate, e.g. wire copy).

    `containment` is the share of word shingles in common (1.0 for an exact copy); `added`
    and `cut` are the paragraphs this copy added to, or cut from, the origin's text.
    """

    origin_id: str
    containment: float
    added: tuple[str, ...] = ()
    cut: tuple[str, ...] = ()


# --- nlp ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article's cleaned text: `text == article.text[start:end]`."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named entity in the cleaned text (spaCy label set, corrected downstream)."""

    text: str
    label: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True, order=True)
class DateValue:
    """A calendar date known to year, month or day precision; missing parts are None.

    A value with only `month`/`day` is a date whose year is unknown ("Sept 3" with no
    publication date). `is_inferred` marks a year taken from the publication date.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    is_inferred: bool = False

    def iso(self) -> str:
        """ISO 8601, partial where needed: 2019, 2019-01, 2019-01-05, --09-03, --09."""
        if self.year is None:
            if self.month is None:
                return ""
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def n_fields(self) -> int:
        return sum(part is not None for part in (self.year, self.month, self.day))


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression and what it resolves to.

    `value` is None when the expression is relative ("next week") and no publication date
    anchors it; `until` is the end of a range ("from 1931 to 1945").
    """

    text: str
    start: int
    end: int
    sentence: int
    value: DateValue | None
    until: DateValue | None = None


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """A number or amount: exact (26), approximate (about 30) or vague (tens of thousands).

    `low`/`high` bound the value (equal when exact); `unit` is the counted noun or unit
    ("leaders", "per cent", "km"), lower-cased, when one follows.
    """

    text: str
    start: int
    end: int
    sentence: int
    low: float
    high: float
    unit: str | None = None
    is_approximate: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class AnnotatedArticle:
    """An article with its sentences, entities, dates and quantities.

    `vector` is the L2-normalised embedding of the article's lead (headline and first
    sentences): its position for story grouping. Sentence vectors are computed only when a
    story has several articles to compare.
    """

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[EntityMention, ...]
    dates: tuple[DateMention, ...]
    quantities: tuple[QuantityMention, ...]
    vector: Vector


# --- stories --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """Where the story index put one article, and how sure it was."""

    article_id: str
    story_id: str
    score: float
    is_new_story: bool


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]


# --- compare --------------------------------------------------------------------------------

ClaimStatus = Literal["corroborated", "unique", "more_specific", "conflicting"]
Relation = Literal["same", "more_specific", "less_specific", "conflicting", "unrelated"]


@dataclass(frozen=True, slots=True)
class PairVerdict:
    """How sentence `a` relates to sentence `b`: `more_specific` means a is the more precise."""

    relation: Relation
    score: float
    detail: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement in one article: a verbatim span with the facts it carries.

    `actors` are canonical actor ids of the story (`people` and `places` the subsets that are
    persons and places); `names` pairs each actor id with the words the claim names it by;
    `origin` is the independent source the article counts as (its outlet, or the article
    itself when the outlet is unknown). `text` is the verbatim span; `statement` is the claim
    as a sentence of its own when that differs (a relative clause with its noun, a clause
    with its subject); `is_part` marks a claim cut out of a longer sentence.
    """

    id: str
    article_id: str
    origin: str
    sentence: int
    start: int
    end: int
    text: str
    actors: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[QuantityMention, ...] = ()
    places: frozenset[str] = frozenset()
    names: tuple[tuple[str, str], ...] = ()
    statement: str | None = None
    predicate: str | None = None
    is_part: bool = False

    @property
    def judged_text(self) -> str:
        """What the claim is compared by: its statement, else its verbatim text."""
        return self.statement or self.text


@dataclass(frozen=True, slots=True)
class ClaimMention:
    """A verbatim span of one article's cleaned text that states a claim."""

    article_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    """One claim merged across a story's articles, with its status and its citations."""

    id: str
    text: str
    status: ClaimStatus
    mentions: tuple[ClaimMention, ...]
    detail: str | None = None
    kind: str | None = None
    statement: str | None = None
    is_part: bool = False

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.article_id for m in self.mentions))


@dataclass(frozen=True, slots=True)
class BriefSentence:
    text: str
    article_ids: tuple[str, ...]
    claim_id: str
    status: ClaimStatus


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor with every surface form it appears under.

    `type` is person, country, organisation, place, group or event. `role` ("Speaker") and
    `affiliation` (a country or organisation name, "South Korea") are the ones the articles
    give most often, for people.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    article_ids: tuple[str, ...]
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One place an article names an actor: `text == article.text[start:end]`."""

    actor_id: str
    article_id: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Participant:
    """Who takes part in an event frame, in which role ("attendee", "host", "target").

    `country` is the participant's country: its affiliation for a person, itself for a
    country.
    """

    actor_id: str
    name: str
    role: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class FrameMention:
    """A sentence that states (part of) a frame: `text == article.text[start:end]`."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Frame:
    """An event: who does what to whom, when and where, citing the sentences that say so.

    `type` is one of nlp.frames.FRAME_TYPES; `event` names the occasion when there is one
    ("parade"); `date` is None when no sentence dates it.
    """

    id: str
    type: str
    participants: tuple[Participant, ...]
    mentions: tuple[FrameMention, ...]
    date: DateValue | None = None
    place: str | None = None
    event: str | None = None


@dataclass(frozen=True, slots=True)
class StoryReport:
    story: Story
    articles: tuple[Article, ...]
    actors: tuple[Actor, ...]
    claims: tuple[ClaimVerdict, ...]
    brief: tuple[BriefSentence, ...]
