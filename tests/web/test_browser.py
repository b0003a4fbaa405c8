"""The web UI in Debian's Chromium (Playwright): citations, claim filter, actor search.

Screenshots go to test-artifacts/ at the repository root (not committed).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SEED_TITLE = "Putin, Kim Jong Un to attend victory celebration in China"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "no /usr/bin/chromium: run `scripts/bootstrap --dev`"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(str(e)))
    yield opened
    context.close()
    # A CSP violation or a script error shows up here.
    assert errors == []


def open_seed_story(page: Page, web: str) -> None:
    page.goto(web + "/")
    page.get_by_role("link", name=SEED_TITLE).click()
    expect(page.locator("h1.story-heading")).to_have_text(SEED_TITLE)


def test_brief_citation_highlights_the_span_in_its_article(page: Page, web: str) -> None:
    open_seed_story(page, web)
    page.screenshot(path=ARTIFACTS / "story-page.png", full_page=True)
    sentence = page.locator(".brief-sentence").filter(
        has_text="Mr Putin last visited Beijing in 2024."
    )
    cite = sentence.locator("button.cite").last
    article_id = cite.get_attribute("data-article")
    cite.click()
    mark = page.locator("mark.cited")
    expect(mark).to_have_count(1)
    # Article 002 words the same fact differently: its own span is highlighted.
    expect(mark).to_have_text(
        "Mr Putin, wanted by the International Criminal Court, last travelled in China in 2024."
    )
    holder = mark.locator("xpath=..")
    assert holder.get_attribute("data-article") == article_id
    # The highlight covers exactly the cited span of that article's text.
    start, end = (
        int(cite.get_attribute("data-start") or 0),
        int(cite.get_attribute("data-end") or 0),
    )
    full = holder.text_content() or ""
    assert full[start:end] == mark.text_content()
    page.screenshot(path=ARTIFACTS / "citation-highlight.png", full_page=True)


def test_claims_filter_by_status(page: Page, web: str) -> None:
    open_seed_story(page, web)
    rows = page.locator("tr.claim-row")
    total = rows.count()
    page.select_option("#status-filter", "more_specific")
    visible = page.locator("tr.claim-row:visible")
    expect(visible).to_have_count(1)
    expect(visible).to_contain_text("Mr Kim last visited China in January 2019.")
    expect(visible).to_contain_text("January 2019 (002_3a8454ce8e2e82c1) vs 2019")
    page.screenshot(path=ARTIFACTS / "claims-more-specific.png", full_page=True)
    page.select_option("#status-filter", "")
    expect(page.locator("tr.claim-row:visible")).to_have_count(total)


def test_search_an_actor_and_open_the_timeline(page: Page, web: str) -> None:
    page.goto(web + "/actors")
    page.fill("#actor-search", "kim")
    page.press("#actor-search", "Enter")
    page.get_by_role("link", name="Kim Jong Un", exact=True).click()
    expect(page.locator("h1.actor-name")).to_have_text("Kim Jong Un")
    entries = page.locator("tr.timeline-entry")
    assert entries.count() >= 1
    expect(entries.first).to_contain_text("Kim")
    page.screenshot(path=ARTIFACTS / "actor-timeline.png", full_page=True)
