"""Reads keep being answered while a write is in the middle of ingesting.

The write fetches a URL from a local page that holds its answer until the test releases
it, so the write is provably still running while the reads are served: no timing involved.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serving import html_page, serve_pages, serve_store

TOKEN = "reads-during-ingest"  # noqa: S105 - a token this test configures
ENTERED = threading.Event()
RELEASE = threading.Event()


PAGE = html_page(
    b"<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1>"
    b"<p>A new hydroelectric dam opened on the upper river on Monday, ten years after "
    b"work began, and will power 200,000 homes, the energy ministry said.</p>"
    b"</article></body></html>"
)


def _hold(path: str) -> None:
    if path == "/held.html":
        ENTERED.set()
        RELEASE.wait(timeout=120)


@pytest.fixture
def held_url() -> Iterator[str]:
    """A news page that answers only once RELEASE is set (everything else is 404)."""
    ENTERED.clear()
    RELEASE.clear()
    with serve_pages({"/held.html": PAGE}, before_answer=_hold) as base:
        yield f"{base}/held.html"
        RELEASE.set()


def test_reads_are_answered_while_a_write_ingests(
    seeded_db: str, held_url: str, tmp_path: Path
) -> None:
    db = tmp_path / "live.db"
    shutil.copy(seeded_db, db)
    written: list[httpx.Response] = []
    with (
        serve_store(str(db), f"api.token={TOKEN}", "ingest.allow_private_urls=true") as base,
        httpx.Client(base_url=base, timeout=120) as client,
    ):

        def write() -> None:
            written.append(
                client.post(
                    "/api/articles",
                    json={"urls": [held_url]},
                    headers={"Authorization": f"Bearer {TOKEN}"},
                )
            )

        writer = threading.Thread(target=write)
        writer.start()
        assert ENTERED.wait(timeout=120), "the write never fetched its page"
        with httpx.Client(base_url=base, timeout=60) as reader:
            (story,) = reader.get("/api/stories").json()["items"]
            for path in ("/", f"/stories/{story['id']}", f"/api/stories/{story['id']}"):
                assert reader.get(path).status_code == 200, path
        # The write is still in the middle.
        assert writer.is_alive()
        assert not written
        RELEASE.set()
        writer.join(timeout=300)
        (response,) = written
        assert response.status_code == 200, response.text
        assert response.json()["stored"] == 1
        assert client.get("/api/stories").json()["page"]["total"] == 2
