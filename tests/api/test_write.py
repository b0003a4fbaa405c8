"""Writes over HTTP: the bearer token, body formats, the 413 limit and the error shape."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import httpx
import pytest

from tests.api.test_read import assert_error
from tests.serving import html_page, serve_pages, serve_store

TOKEN = "s3cret-test-token"  # noqa: S105 - a token these tests configure
ARTICLE = {
    "id": "api-volcano-1",
    "title": "Volcano erupts on remote island",
    "outlet": "Example Times",
    "published": "2025-10-02T08:00:00+00:00",
    "text": (
        "A volcano erupted on Tuesday on a remote island in the South Pacific, sending ash "
        "12 kilometres into the sky. About 300 residents were evacuated by boat, officials said."
    ),
}


@pytest.fixture(scope="module")
def writable_db(seeded_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    copy = tmp_path_factory.mktemp("writable") / "copy.db"
    shutil.copy(seeded_db, copy)
    return str(copy)


@pytest.fixture(scope="module")
def api_with_token(writable_db: str) -> Iterator[httpx.Client]:
    with (
        serve_store(writable_db, f"api.token={TOKEN}", "api.max_body_bytes=4000") as base,
        httpx.Client(base_url=base, timeout=120) as client,
    ):
        yield client


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writes_refused_when_no_token_is_configured(api: httpx.Client) -> None:
    response = api.post("/api/articles", json={"articles": [ARTICLE]}, headers=auth())
    assert_error(response, 403, "NW603")


@pytest.mark.parametrize(
    "headers",
    [{}, auth("wrong"), {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}],
    ids=["missing", "wrong", "no-scheme", "basic"],
)
def test_writes_refuse_missing_or_wrong_tokens(
    api_with_token: httpx.Client, headers: dict[str, str]
) -> None:
    response = api_with_token.post("/api/articles", json={"articles": [ARTICLE]}, headers=headers)
    assert_error(response, 401, "NW602")


def test_json_article_is_ingested_and_found(api_with_token: httpx.Client) -> None:
    response = api_with_token.post("/api/articles", json={"articles": [ARTICLE]}, headers=auth())
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["read"], body["stored"], body["quarantined"]) == (1, 1, {})
    found = api_with_token.get("/api/stories", params={"outlet": "example times"}).json()
    assert [s["id"] for s in found["items"]] == body["stories"]
    assert found["items"][0]["coverage"] == [{"outlet": "Example Times", "articles": 1}]
    again = api_with_token.post("/api/articles", json={"articles": [ARTICLE]}, headers=auth())
    assert again.json()["duplicate"] == 1


def test_html_body_is_ingested(api_with_token: httpx.Client) -> None:
    html = (
        "<html><body><article><h1>Dam opens</h1><p>A new hydroelectric dam opened on Monday "
        "in the northern valley, officials said, after nine years of building work.</p>"
        "</article></body></html>"
    )
    response = api_with_token.post(
        "/api/articles",
        content=html,
        params={"title": "Dam opens", "outlet": "Valley News"},
        headers={**auth(), "Content-Type": "text/html; charset=utf-8"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 1


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        ("{not json", "application/json"),
        ('{"articles": []}', "application/json"),
        ('{"urls": [""]}', "application/json"),
        ('{"articles": [{"title": 3}]}', "application/json"),
        ("a=b", "application/x-www-form-urlencoded"),
    ],
)
def test_bad_bodies_are_422(api_with_token: httpx.Client, content: str, content_type: str) -> None:
    response = api_with_token.post(
        "/api/articles", content=content, headers={**auth(), "Content-Type": content_type}
    )
    assert_error(response, 422, "NW601")


def test_oversized_body_is_413(api_with_token: httpx.Client) -> None:
    big = {"articles": [{**ARTICLE, "text": "word " * 2000}]}
    assert_error(api_with_token.post("/api/articles", json=big, headers=auth()), 413, "NW104")


def test_oversized_chunked_body_is_413(api_with_token: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"articles": [{"text": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}]}'

    response = api_with_token.post(
        "/api/articles",
        content=chunks(),
        headers={**auth(), "Content-Type": "application/json"},
    )
    assert_error(response, 413, "NW104")


def test_reads_can_require_the_token(seeded_db: str) -> None:
    with (
        serve_store(seeded_db, f"api.token={TOKEN}", "api.protect_reads=true") as base,
        httpx.Client(base_url=base) as client,
    ):
        assert_error(client.get("/api/stories"), 401, "NW602")
        assert client.get("/api/stories", headers=auth()).status_code == 200


STORY_PAGE = html_page(
    b"<html><head><title>Bridge reopens</title></head><body><article>"
    b"<h1>Bridge reopens</h1><p>The old river bridge reopened to traffic on Friday "
    b"after two years of repairs costing 40 million euros, the city council said.</p>"
    b"</article></body></html>"
)


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    """One news page at /story.html; everything else (robots.txt too) is 404."""
    with serve_pages({"/story.html": STORY_PAGE}) as base:
        yield f"{base}/story.html"


def test_urls_are_fetched_when_the_policy_allows(writable_db: str, page_url: str) -> None:
    with (
        serve_store(writable_db, f"api.token={TOKEN}", "ingest.allow_private_urls=true") as base,
        httpx.Client(base_url=base, timeout=120) as client,
    ):
        response = client.post("/api/articles", json={"urls": [page_url]}, headers=auth())
        assert response.status_code == 200, response.text
        assert response.json()["stored"] == 1
        found = client.get("/api/stories", params={"q": "river bridge"}).json()
        assert found["page"]["total"] == 1


def test_private_urls_are_quarantined_by_default(
    api_with_token: httpx.Client, page_url: str
) -> None:
    response = api_with_token.post("/api/articles", json={"urls": [page_url]}, headers=auth())
    assert response.status_code == 200, response.text
    assert response.json()["quarantined"] == {"NW108": 1}
