"""Build the FastAPI app: routers, the one error shape, rate and body limits, security headers."""

from __future__ import annotations

from fastapi import FastAPI

from newsweave.api import actors, articles, stories
from newsweave.api.middleware import BodyLimit, SecurityHeaders
from newsweave.api.problems import install_error_handlers
from newsweave.api.ratelimit import RateLimit
from newsweave.config import Settings
from newsweave.store import Store
from newsweave.version import __version__

__all__ = ["create_app"]


def create_app(settings: Settings, store: Store) -> FastAPI:
    """The API over an open store.

    Routes live under /api; the OpenAPI document is /openapi.json. Interactive docs are
    off: they load scripts from a CDN, which the content security policy forbids.
    """
    app = FastAPI(
        title="newsweave",
        version=__version__,
        description="Stories, claims, briefs and actors from many outlets' reports.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    store.related.exact_below = settings.store.exact_search_below
    app.state.ingester = articles.Ingester(settings, store)
    install_error_handlers(app)
    for module in (stories, actors, articles):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, max_bytes=settings.api.max_body_bytes)
    # Outside the body limit: an over-budget client is refused before its body is read.
    app.add_middleware(
        RateLimit,
        reads_per_minute=settings.api.reads_per_minute,
        writes_per_minute=settings.api.writes_per_minute,
    )
    # Added last, so outermost: the 413 and error responses carry the headers too.
    app.add_middleware(SecurityHeaders)
    return app
