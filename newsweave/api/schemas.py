"""Request and response bodies of the API (pydantic), built from store query results."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator

from newsweave.connect.timeline import TimelineEntry
from newsweave.model import Actor, Article
from newsweave.store.actor_queries import ActorDetail
from newsweave.store.connections import ActorSummary
from newsweave.store.queries import Page, StoryDetail, StorySummary

__all__ = [
    "ActorCountsOut",
    "ActorDetailOut",
    "ActorOut",
    "ActorPageOut",
    "ArticleIn",
    "ArticleOut",
    "BriefSentenceOut",
    "ClaimOut",
    "ErrorOut",
    "IngestOut",
    "IngestRequest",
    "StoryDetailOut",
    "StoryOut",
    "StoryPageOut",
    "TimelineOut",
    "actor_detail_out",
    "actor_page_out",
    "story_detail_out",
    "story_page_out",
    "timeline_out",
]

Status = Literal["corroborated", "unique", "more_specific", "conflicting"]
STATUSES: tuple[Status, ...] = ("conflicting", "more_specific", "corroborated", "unique")


class ErrorOut(BaseModel):
    ok: Literal[False] = False
    error: str
    code: str = Field(description="stable newsweave error code, e.g. NW400")
    status: int
    hint: str | None = None


class OutletCount(BaseModel):
    outlet: str
    articles: int


class StoryOut(BaseModel):
    id: str
    title: str
    n_articles: int
    first_seen: str | None
    last_seen: str | None
    actors: list[str]
    coverage: list[OutletCount]


class PageInfo(BaseModel):
    total: int
    limit: int
    offset: int
    next_offset: int | None


class StoryPageOut(BaseModel):
    items: list[StoryOut]
    page: PageInfo


class ArticleOut(BaseModel):
    id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None
    source: str
    text: str


class MentionOut(BaseModel):
    article: str
    text: str
    start: int
    end: int


class ClaimOut(BaseModel):
    id: str
    text: str
    status: Status
    mentions: list[MentionOut]
    detail: str | None
    kind: str | None = None


class BriefSentenceOut(BaseModel):
    text: str
    articles: list[str]
    status: Status
    claim: str


class EntityOut(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    articles: list[str]


class StoryDetailOut(BaseModel):
    story: StoryOut
    articles: list[ArticleOut]
    has_report: bool = Field(description="false until the story's report is computed")
    claims_by_status: dict[Status, list[ClaimOut]]
    brief: list[BriefSentenceOut]
    entities: list[EntityOut]


class ActorOut(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    role: str | None
    affiliation: str | None


class ActorCountsOut(ActorOut):
    n_stories: int
    n_articles: int
    n_mentions: int


class ActorPageOut(BaseModel):
    items: list[ActorCountsOut]
    page: PageInfo


class CitedSentenceOut(BaseModel):
    article: str
    text: str


class TimelineEntryOut(BaseModel):
    date: str | None = Field(description="ISO 8601, partial allowed (2019-01, --09-03)")
    date_is_inferred: bool
    type: str = Field(description="event type (visit, attend, meet, sanction...)")
    summary: str
    story_id: str
    frame_id: str
    mentions: list[CitedSentenceOut]


class RelatedStoryOut(BaseModel):
    id: str
    title: str
    n_articles: int
    first_seen: str | None
    last_seen: str | None
    similarity: float = Field(description="cosine of the two stories' centroids")
    shared_actors: list[str]


class RelatedOut(BaseModel):
    story: str
    index: Literal["exact", "ivf"] = Field(description="exact search, or IVF over 8-bit vectors")
    related: list[RelatedStoryOut]


class TimelineOut(BaseModel):
    entries: list[TimelineEntryOut]


class ActorDetailOut(BaseModel):
    actor: ActorOut
    stories: list[StoryOut]
    timeline: list[TimelineEntryOut]


class ArticleIn(BaseModel):
    """One article to ingest: `text` or `html`, and what is known about it."""

    id: str | None = Field(default=None, max_length=300)
    text: str | None = None
    html: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO 8601")
    language: str | None = None


class IngestRequest(BaseModel):
    """Articles given whole, and/or URLs of pages or feeds to fetch (at least one of them)."""

    articles: list[ArticleIn] = Field(default_factory=list, max_length=1000)
    urls: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=100
    )

    @model_validator(mode="after")
    def _not_empty(self) -> IngestRequest:
        if not self.articles and not self.urls:
            raise ValueError("give at least one of articles or urls")
        return self


class IngestOut(BaseModel):
    ok: Literal[True] = True
    read: int
    stored: int
    duplicate: int
    quarantined: dict[str, int]
    stories: list[str]


def _page(page: Page[Any]) -> PageInfo:
    return PageInfo(
        total=page.total, limit=page.limit, offset=page.offset, next_offset=page.next_offset
    )


def story_out(story: StorySummary) -> StoryOut:
    return StoryOut(
        id=story.id,
        title=story.title,
        n_articles=story.n_articles,
        first_seen=story.first_seen,
        last_seen=story.last_seen,
        actors=list(story.actors),
        coverage=[OutletCount(outlet=o, articles=n) for o, n in story.coverage],
    )


def story_page_out(page: Page[StorySummary]) -> StoryPageOut:
    return StoryPageOut(items=[story_out(s) for s in page.items], page=_page(page))


def _article_out(article: Article) -> ArticleOut:
    return ArticleOut(
        id=article.id,
        outlet=article.outlet,
        title=article.title,
        url=article.url,
        published=article.published.isoformat() if article.published else None,
        source=article.source,
        text=article.text,
    )


def story_detail_out(detail: StoryDetail, *, status: Status | None = None) -> StoryDetailOut:
    report = detail.report or {}
    claims: dict[Status, list[ClaimOut]] = {s: [] for s in STATUSES if status in (None, s)}
    for claim in report.get("claims", []):
        if claim["status"] in claims:
            claims[claim["status"]].append(ClaimOut.model_validate(claim))
    return StoryDetailOut(
        story=story_out(detail.summary),
        articles=[_article_out(a) for a in detail.articles],
        has_report=detail.report is not None,
        claims_by_status=claims,
        brief=[BriefSentenceOut.model_validate(b) for b in report.get("brief", [])],
        entities=[EntityOut.model_validate(e) for e in report.get("entities", [])],
    )


def _actor_out(actor: Actor) -> ActorOut:
    return ActorOut(
        id=actor.id,
        name=actor.name,
        type=actor.type,
        aliases=list(actor.aliases),
        role=actor.role,
        affiliation=actor.affiliation,
    )


def actor_page_out(page: Page[ActorSummary]) -> ActorPageOut:
    items = [
        ActorCountsOut(
            **_actor_out(s.actor).model_dump(),
            n_stories=s.n_stories,
            n_articles=s.n_articles,
            n_mentions=s.n_mentions,
        )
        for s in page.items
    ]
    return ActorPageOut(items=items, page=_page(page))


def _entry_out(entry: TimelineEntry) -> TimelineEntryOut:
    return TimelineEntryOut(
        date=entry.date,
        date_is_inferred=entry.is_inferred,
        type=entry.type,
        summary=entry.summary,
        story_id=entry.story_id,
        frame_id=entry.frame_id,
        mentions=[CitedSentenceOut(article=a, text=t) for a, t in entry.citations],
    )


def timeline_out(entries: tuple[TimelineEntry, ...]) -> TimelineOut:
    return TimelineOut(entries=[_entry_out(e) for e in entries])


def actor_detail_out(detail: ActorDetail) -> ActorDetailOut:
    return ActorDetailOut(
        actor=_actor_out(detail.actor),
        stories=[story_out(s) for s in detail.stories],
        timeline=[_entry_out(e) for e in detail.timeline],
    )
