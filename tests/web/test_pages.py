"""The web UI over HTTP: pages render the seeds, escape untrusted text, forbid inline code."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import HOSTILE


def get(base: str, path: str, **params: str) -> httpx.Response:
    response = httpx.get(base + path, params=params, timeout=30)
    assert response.headers["content-type"].startswith("text/html")
    return response


def story_id(base: str, title_part: str) -> str:
    for story in httpx.get(base + "/api/stories").json()["items"]:
        if title_part in story["title"]:
            return str(story["id"])
    raise AssertionError(title_part)


def test_front_page_lists_stories_with_coverage(web: str) -> None:
    html = get(web, "/").text
    assert "Putin, Kim Jong Un to attend victory celebration in China" in html
    assert re.search(r'class="outlet">unattributed</span> <span class="n">2</span>', html)


def test_front_page_filters_by_actor(web: str) -> None:
    html = get(web, "/", actor="kim jong un").text
    assert "Putin, Kim Jong Un" in html
    assert "Harbour strike" not in html
    assert "is not a date" in get(web, "/", since="soon").text


def test_story_page_shows_brief_matrix_and_articles(web: str) -> None:
    html = get(web, f"/stories/{story_id(web, 'Putin')}").text
    assert html.count('class="brief-sentence') >= 5
    assert 'class="claim-row status-more_specific"' in html
    assert "January 2019 (002_3a8454ce8e2e82c1) vs 2019 (000_5c6a3b2869026a97)" in html
    assert html.count('class="article-text"') == 2
    assert re.search(r'<button type="button" class="cite" data-article="00[02]_', html)


@pytest.mark.parametrize("path", ["/", "/actors", "/actors/Kim%20Jong%20Un", "/stories/x"])
def test_pages_have_a_strict_policy_and_no_inline_code(web: str, path: str) -> None:
    response = get(web, path)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "default-src 'none'" in policy
    scripts = re.findall(r"<script[^>]*>", response.text)
    assert scripts == ['<script src="/static/app.js" defer>']
    assert not re.search(r"\son\w+=", response.text)
    assert "style=" not in response.text


def test_hostile_article_renders_inert(web: str) -> None:
    html = get(web, f"/stories/{story_id(web, 'Harbour strike')}").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Evil Outlet&lt;/b&gt;" in html
    assert 'href="javascript:' not in html.lower()
    assert "<img" not in html
    # The unsafe URL is shown as text, never made a link.
    assert "javascript:alert(&#39;url&#39;)" in html
    assert HOSTILE["id"] in html


def test_unknown_story_page_is_404(web: str) -> None:
    response = get(web, "/stories/st-nope")
    assert response.status_code == 404
    assert "st-nope" in response.text
