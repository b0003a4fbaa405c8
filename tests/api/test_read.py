"""The read API over HTTP on the seed reports: stories, filters, detail, actors, timeline."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

ERROR_KEYS = {"ok", "error", "code", "status", "hint"}


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False
    assert body["code"] == code
    assert body["status"] == status
    return body


def test_openapi_publishes_every_route(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    assert {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/timeline",
        "/api/actors",
        "/api/actors/{name}",
        "/api/timeline",
        "/api/articles",
    } <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/articles"]
    assert not any(p == "/" or p.startswith("/stories") for p in spec["paths"])


def test_story_list_counts_coverage_by_outlet(api: httpx.Client) -> None:
    body = api.get("/api/stories").json()
    (story,) = body["items"]
    assert story["title"] == "Putin, Kim Jong Un to attend victory celebration in China"
    assert story["n_articles"] == 2
    # The seed files name no outlet.
    assert story["coverage"] == [{"outlet": "unattributed", "articles": 2}]
    assert body["page"] == {"total": 1, "limit": 20, "offset": 0, "next_offset": None}


@pytest.mark.parametrize(
    ("params", "n"),
    [
        ({"q": "Woo Won-shik"}, 1),  # only in the text of article 002
        ({"q": "earthquake"}, 0),
        ({"actor": "kim jong"}, 1),
        ({"actor": "Macron"}, 0),
        ({"outlet": "Reuters"}, 0),
        ({"q": "100%_"}, 0),  # LIKE wildcards are matched literally
    ],
)
def test_story_filters(api: httpx.Client, params: dict[str, str], n: int) -> None:
    assert api.get("/api/stories", params=params).json()["page"]["total"] == n


def test_story_list_pages(api: httpx.Client) -> None:
    body = api.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert body["items"] == []
    assert body["page"]["total"] == 1
    assert_error(api.get("/api/stories", params={"limit": 0}), 422, "NW601")
    assert_error(api.get("/api/stories", params={"since": "yesterday"}), 422, "NW601")


def test_story_detail_has_articles_claims_brief_entities(
    api: httpx.Client, seed_story_id: str
) -> None:
    body = api.get(f"/api/stories/{seed_story_id}").json()
    assert body["has_report"] is True
    assert {a["id"] for a in body["articles"]} == {"000_5c6a3b2869026a97", "002_3a8454ce8e2e82c1"}
    texts = {a["id"]: a["text"] for a in body["articles"]}
    claims = body["claims_by_status"]
    assert set(claims) == {"conflicting", "more_specific", "corroborated", "unique"}
    (kim,) = [c for c in claims["more_specific"] if "Mr Kim last visited" in c["text"]]
    for mention in kim["mentions"]:
        assert texts[mention["article"]][mention["start"] : mention["end"]] == mention["text"]
    assert 5 <= len(body["brief"]) <= 10
    assert "Kim Jong Un" in {e["name"] for e in body["entities"]}


def test_story_claims_filtered_by_status(api: httpx.Client, seed_story_id: str) -> None:
    body = api.get(f"/api/stories/{seed_story_id}", params={"status": "unique"}).json()
    assert list(body["claims_by_status"]) == ["unique"]
    assert body["claims_by_status"]["unique"]


def test_unknown_story_is_404_in_the_error_shape(api: httpx.Client) -> None:
    body = assert_error(api.get("/api/stories/st-nope"), 404, "NW400")
    assert "st-nope" in body["error"]
    assert_error(api.get("/api/no-such-route"), 404, "NW400")


def test_actor_search_and_page(api: httpx.Client) -> None:
    found = api.get("/api/actors", params={"q": "KIM"}).json()["items"]
    kim = next(a for a in found if a["name"] == "Kim Jong Un")
    assert kim["type"] == "person"
    assert (kim["n_stories"], kim["n_articles"]) == (1, 2)
    body = api.get("/api/actors/Mr Kim").json()  # an alias finds the actor
    assert body["actor"]["name"] == "Kim Jong Un"
    assert len(body["stories"]) == 1
    assert body["timeline"]
    for entry in body["timeline"]:
        assert "Kim Jong Un" in entry["summary"]
        assert entry["mentions"]
    assert_error(api.get("/api/actors/Nobody At All"), 404, "NW400")


def test_timeline_of_a_story_and_of_an_actor(api: httpx.Client, seed_story_id: str) -> None:
    story = api.get("/api/timeline", params={"story": seed_story_id}).json()["entries"]
    assert story
    assert {e["story_id"] for e in story} == {seed_story_id}
    assert story == api.get(f"/api/stories/{seed_story_id}/timeline").json()["entries"]
    parade = [e for e in story if e["type"] == "attend"]
    assert parade[0]["date"] == "--09-03"
    actor = api.get("/api/timeline", params={"actor": "Kim Jong Un"}).json()["entries"]
    assert actor
    assert {e["frame_id"] for e in actor} < {e["frame_id"] for e in story}
    assert_error(api.get("/api/timeline"), 422, "NW601")
    assert_error(api.get("/api/timeline", params={"story": "st-nope"}), 404, "NW400")


def test_responses_carry_security_headers(api: httpx.Client) -> None:
    response = api.get("/api/stories")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
