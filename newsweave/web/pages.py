"""The web UI's routes: story list (/), story page, actors, actor page."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from newsweave.errors import NotFound
from newsweave.store import Store
from newsweave.store.actor_queries import actor_detail, search_actors
from newsweave.store.queries import StoryQuery, search_stories, story_detail
from newsweave.web.views import STATUS_LABELS, page_links, story_view

__all__ = ["CONTENT_SECURITY_POLICY", "add_web"]

# No inline script or style anywhere: everything the pages run or wear comes from /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_PAGE_SIZE = 25
_STATIC = Path(__file__).parent / "static"


class _Pages:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.env = Environment(
            loader=PackageLoader("newsweave.web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
        )

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(status_labels=STATUS_LABELS, **context)
        response = HTMLResponse(html, status_code=status)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response

    def not_found(self, message: str) -> HTMLResponse:
        return self.render("error.html", status=404, title="Not found", message=message)

    def story_list(self, request: Request) -> HTMLResponse:
        params = {k: request.query_params.get(k, "")[:200] for k in _FILTERS}
        problems: list[str] = []
        query = StoryQuery(
            text=params["q"] or None,
            actor=params["actor"] or None,
            outlet=params["outlet"] or None,
            since=_date(params["since"], "since", problems),
            until=_date(params["until"], "until", problems),
        )
        offset = _int(request.query_params.get("offset"))
        page = search_stories(self.store, query, limit=_PAGE_SIZE, offset=offset)
        return self.render(
            "stories.html",
            title="Stories",
            page=page,
            params=params,
            problems=problems,
            links=page_links(page, params),
        )

    def story(self, story_id: str) -> HTMLResponse:
        try:
            detail = story_detail(self.store, story_id)
        except NotFound as exc:
            return self.not_found(exc.message)
        related = self.store.related.find(detail.summary.id, k=5)
        return self.render(
            "story.html", title=detail.summary.title, view=story_view(detail), related=related
        )

    def actors(self, request: Request) -> HTMLResponse:
        q = request.query_params.get("q", "")[:200]
        offset = _int(request.query_params.get("offset"))
        page = search_actors(self.store, q or None, limit=_PAGE_SIZE, offset=offset)
        return self.render(
            "actors.html", title="Actors", page=page, q=q, links=page_links(page, {"q": q})
        )

    def actor(self, name: str) -> HTMLResponse:
        try:
            detail = actor_detail(self.store, name)
        except NotFound as exc:
            return self.not_found(exc.message)
        titles = {s.id: s.title for s in detail.stories}
        return self.render("actor.html", title=detail.actor.name, detail=detail, titles=titles)


_FILTERS = ("q", "actor", "outlet", "since", "until")


def _date(value: str, name: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{name}: {value!r} is not a date (YYYY-MM-DD); ignored")
        return None


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 10 else 0


def add_web(app: FastAPI, store: Store) -> None:
    """Mount the web UI on `app`: pages at /, /stories/ID, /actors, /actors/NAME."""
    pages = _Pages(store)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def story_list(request: Request) -> HTMLResponse:
        return pages.story_list(request)

    @app.get("/stories/{story_id}", include_in_schema=False)
    def story(story_id: str) -> HTMLResponse:
        return pages.story(story_id)

    @app.get("/actors", include_in_schema=False)
    def actors(request: Request) -> HTMLResponse:
        return pages.actors(request)

    @app.get("/actors/{name}", include_in_schema=False)
    def actor(name: str) -> HTMLResponse:
        return pages.actor(name)
