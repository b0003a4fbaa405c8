"""/api/stories: search and list stories; one story with its articles, claims and brief."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from newsweave.api.params import Limit, Offset, SearchText, get_store, readable
from newsweave.api.schemas import (
    ErrorOut,
    RelatedOut,
    RelatedStoryOut,
    Status,
    StoryDetailOut,
    StoryPageOut,
    TimelineOut,
    story_detail_out,
    story_page_out,
    timeline_out,
)
from newsweave.store import Store
from newsweave.store.actor_queries import story_timeline
from newsweave.store.queries import StoryQuery, search_stories, story_detail

__all__ = ["router"]

router = APIRouter(
    prefix="/api/stories",
    tags=["stories"],
    dependencies=[Depends(readable)],
    responses={401: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)

StoryId = Annotated[str, Path(max_length=40, pattern=r"^[A-Za-z0-9_.:-]+$")]
StoreDep = Annotated[Store, Depends(get_store)]


@router.get("", response_model=StoryPageOut)
def list_stories(
    store: StoreDep,
    q: SearchText = None,
    actor: SearchText = None,
    outlet: SearchText = None,
    since: date | None = None,
    until: date | None = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> StoryPageOut:
    """Stories, newest first; every filter given must match.

    `q` searches story titles and article titles and texts; `actor` the story's actors;
    `outlet` names an outlet with an article in the story; `since`/`until` bound the
    story's publication dates.
    """
    query = StoryQuery(text=q, actor=actor, outlet=outlet, since=since, until=until)
    return story_page_out(search_stories(store, query, limit=limit, offset=offset))


@router.get("/{story_id}", response_model=StoryDetailOut, responses={404: {"model": ErrorOut}})
def get_story(store: StoreDep, story_id: StoryId, status: Status | None = None) -> StoryDetailOut:
    """One story: its articles (full text), claims grouped by status, brief and entities."""
    return story_detail_out(story_detail(store, story_id), status=status)


@router.get(
    "/{story_id}/timeline", response_model=TimelineOut, responses={404: {"model": ErrorOut}}
)
def get_story_timeline(store: StoreDep, story_id: StoryId) -> TimelineOut:
    """The story's events (frames) in date order, each citing its sentences."""
    return timeline_out(story_timeline(store, story_id))


@router.get("/{story_id}/related", response_model=RelatedOut, responses={404: {"model": ErrorOut}})
def get_related(
    store: StoreDep, story_id: StoryId, k: Annotated[int, Query(ge=1, le=50)] = 5
) -> RelatedOut:
    """Other stories whose articles read alike (centroid cosine), with the actors they share."""
    story = store.story(story_id)
    found = store.related.find(story.id, k=k)
    return RelatedOut(
        story=story.id,
        index=store.related.index_kind(),
        related=[RelatedStoryOut.model_validate(r, from_attributes=True) for r in found],
    )
