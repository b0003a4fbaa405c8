"""`newsweave serve`: the HTTP API and the web UI in one local server."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn
from fastapi import FastAPI

from newsweave.api import create_app
from newsweave.cli.app import app, err
from newsweave.cli.options import DbOption, open_store, state
from newsweave.config import Settings
from newsweave.store import Store
from newsweave.web import add_web

__all__ = ["build_app", "serve"]


def build_app(settings: Settings, store: Store) -> FastAPI:
    """The API over `store`, with the web UI mounted on the same app."""
    app = create_app(settings, store)
    add_web(app, store)
    return app


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the REST API (/api, /openapi.json) and the web UI (/) over the store."""
    settings = state.settings(db)
    with open_store(settings) as store:
        if not settings.api.token:
            err("note: no API token configured; POST /api/articles is refused")
        err(f"newsweave on http://{host}:{port}/ (Ctrl+C stops it)")
        uvicorn.run(
            build_app(settings, store),
            host=host,
            port=port,
            log_level="debug" if state.debug else "warning",
        )
