"""Serve the real app on 127.0.0.1 (free port) in a thread, for HTTP and browser tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from newsweave.cli.serve import build_app
from newsweave.config import load_settings
from newsweave.store import Store
from tests.pgcluster import free_port

__all__ = ["serve_store"]


@contextmanager
def serve_store(db: str, *overrides: str) -> Iterator[str]:
    """Serve the store at `db` with setting overrides; yields the base URL, stops on exit."""
    settings = load_settings(overrides=[f"store.db={db}", *overrides])
    store = Store.open(db)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            build_app(settings, store),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="off",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
