"""Servers for tests, on 127.0.0.1 (free port) in a thread: the real app, and fixed web pages."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import uvicorn

from newsweave.cli.serve import build_app
from newsweave.config import load_settings
from newsweave.store import Store
from tests.pgcluster import free_port

__all__ = ["Route", "html_page", "serve_pages", "serve_store"]

# status, headers, body
Route = tuple[int, dict[str, str], bytes]


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


def html_page(body: bytes) -> Route:
    return 200, {"content-type": "text/html; charset=utf-8"}, body


@contextmanager
def serve_pages(
    routes: Mapping[str, Route], *, before_answer: Callable[[str], None] | None = None
) -> Iterator[str]:
    """Serve fixed answers by path (anything else is 404); yields the base URL, stops on exit.

    `before_answer(path)` runs before each answer, so a test can hold a request in flight.
    """

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if before_answer is not None:
                before_answer(self.path)
            status, headers, body = routes.get(self.path, (404, {}, b""))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return None

    site = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}"
    finally:
        site.shutdown()
        site.server_close()
        thread.join(timeout=5)
