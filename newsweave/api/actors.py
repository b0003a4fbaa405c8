"""/api/actors and /api/timeline: corpus-wide actors, and events in date order."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from newsweave.api.params import Limit, Offset, SearchText, get_store, readable
from newsweave.api.schemas import (
    ActorDetailOut,
    ActorPageOut,
    ErrorOut,
    TimelineOut,
    actor_detail_out,
    actor_page_out,
    timeline_out,
)
from newsweave.errors import InvalidRequest
from newsweave.store import Store
from newsweave.store.actor_queries import actor_detail, search_actors, story_timeline

__all__ = ["router"]

router = APIRouter(
    prefix="/api",
    tags=["actors"],
    dependencies=[Depends(readable)],
    responses={401: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)

StoreDep = Annotated[Store, Depends(get_store)]
ActorName = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[^\x00/]+$")]


@router.get("/actors", response_model=ActorPageOut)
def list_actors(
    store: StoreDep, q: SearchText = None, limit: Limit = 50, offset: Offset = 0
) -> ActorPageOut:
    """Actors whose name or an alias contains `q` (case- and accent-insensitive), most
    covered first."""
    return actor_page_out(search_actors(store, q, limit=limit, offset=offset))


@router.get("/actors/{name}", response_model=ActorDetailOut, responses={404: {"model": ErrorOut}})
def get_actor(store: StoreDep, name: ActorName) -> ActorDetailOut:
    """One actor by id, name or alias: the stories naming it and its events in date order."""
    return actor_detail_out(actor_detail(store, name))


@router.get("/timeline", response_model=TimelineOut, responses={404: {"model": ErrorOut}})
def get_timeline(
    store: StoreDep,
    actor: SearchText = None,
    story: Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9_.:-]+$")] = None,
) -> TimelineOut:
    """Events (frames) in date order, of one actor (`actor=`) or one story (`story=`)."""
    if bool(actor) == bool(story):
        raise InvalidRequest(
            "give exactly one of actor= or story=", hint="e.g. /api/timeline?actor=Kim"
        )
    if story:
        return timeline_out(story_timeline(store, story))
    assert actor is not None  # noqa: S101 - one of the two is set, checked above
    return timeline_out(actor_detail(store, actor).timeline)
