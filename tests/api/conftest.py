"""A live API over the seeded store, read-only (no token configured)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.serving import serve_store


@pytest.fixture(scope="module")
def api(seeded_db: str) -> Iterator[httpx.Client]:
    with serve_store(seeded_db) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def seed_story_id(api: httpx.Client) -> str:
    (story,) = api.get("/api/stories").json()["items"]
    return str(story["id"])
