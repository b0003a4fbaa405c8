"""Query parameters shared by the routers: bounded strings and pagination."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from newsweave.api.auth import check_token
from newsweave.config import Settings
from newsweave.store import Store

__all__ = ["Limit", "Offset", "SearchText", "get_store", "readable"]

# NUL cannot be stored or compared in PostgreSQL text; refuse it at the edge.
_NO_NUL = r"^[^\x00]*$"

SearchText = Annotated[str | None, Query(max_length=200, pattern=_NO_NUL)]
Limit = Annotated[int, Query(ge=1, le=100, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def readable(request: Request) -> None:
    """Dependency of every read route: the token, when reads are protected."""
    settings: Settings = request.app.state.settings
    check_token(request, settings.api, is_write=False)
