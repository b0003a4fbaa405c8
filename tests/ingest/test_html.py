"""HTML pages: body and metadata from real pages of the article-extraction benchmark."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from newsweave.ingest.html import extract_html, parse_page_date
from newsweave.ingest.page_meta import read_page_meta
from tests.conftest import DATA

PAGES = DATA / "pages"


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_html_metadata_of_a_news_page() -> None:
    page = extract_html(_page("sciencealert_europa.html"), source="europa")
    assert page.title is not None
    assert page.title.startswith("NASA Just Confirmed There Are Water")
    assert page.outlet == "ScienceAlert"
    assert page.url == (
        "https://www.sciencealert.com/"
        "nasa-finds-water-plumes-above-the-surface-of-jupiter-s-icy-moon-europa"
    )
    assert page.published is not None
    assert page.published.date().isoformat() == "2019-11-18"
    assert page.text.startswith("A team led by researchers out of NASA's Goddard")


def test_html_body_keeps_paragraphs_of_a_japanese_page() -> None:
    page = extract_html(_page("lhpat_ja.html"), source="ja")
    assert "商標法違反の疑いで20代の男性が逮捕" in page.text
    assert page.language == "ja"


def test_html_page_meta_reads_json_ld_and_canonical() -> None:
    tree = lxml.html.document_fromstring(
        '<html lang="fr-FR"><head><link rel="Canonical" href="https://ex.org/a"/>'
        '<meta property="og:site_name" content="Le Monde"/>'
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
        '{"@type": "NewsArticle", "author": [{"name": "A. Dupont"}, {"name": "B. Martin"}], '
        '"datePublished": "2024-03-05T08:00:00+01:00", "dateModified": "2024-03-06"}]}'
        "</script></head><body><p>x</p></body></html>"
    )
    meta = read_page_meta(tree)
    assert meta.canonical_url == "https://ex.org/a"
    assert meta.site_name == "Le Monde"
    assert meta.language == "fr"
    assert meta.byline == "A. Dupont, B. Martin"
    assert parse_page_date(meta.published) is not None
    assert str(parse_page_date(meta.updated)) == "2024-03-06 00:00:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-11-18", "2019-11-18T00:00:00"),
        ("2019-11-18T10:30:00Z", "2019-11-18T10:30:00+00:00"),
        ("2019-11-18T10:30:00.000+0100", "2019-11-18T10:30:00+01:00"),
        ("last Tuesday", None),
        (None, None),
    ],
)
def test_parse_page_date_forms(value: str | None, expected: str | None) -> None:
    parsed = parse_page_date(value)
    assert (parsed.isoformat() if parsed else None) == expected


def test_pages_fixture_exists() -> None:
    assert Path(PAGES / "sciencealert_europa.html").stat().st_size < 40_000


def test_html_update_time_is_the_declared_one() -> None:
    body = "".join(
        f"<p>Paragraph {i} of the report says what the council decided on Tuesday night.</p>"
        for i in range(8)
    )
    page = (
        '<html lang="en"><head><title>Council votes</title><script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2024-03-05T08:00:00+01:00", '
        '"dateModified": "2024-03-06T09:30:00+01:00"}</script></head>'
        f"<body><article><h1>Council votes</h1>{body}</article></body></html>"
    )
    extracted = extract_html(page, source="council.html")
    assert extracted.published is not None
    assert extracted.published.date().isoformat() == "2024-03-05"
    assert extracted.updated is not None
    assert extracted.updated.isoformat() == "2024-03-06T09:30:00+01:00"
