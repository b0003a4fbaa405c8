"""HTML pages: main text with trafilatura, metadata from the page's own declarations first.

Canonical URL, site name and byline: what the page declares about itself (canonical link,
og:site_name, JSON-LD NewsArticle) first, then what trafilatura infers. Publication date:
trafilatura's (htmldate, original date first), then the page's declaration; measured on
trafilatura-eval, that order is right more often than the reverse (bench/extraction.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import lxml.html
import trafilatura
from lxml.etree import ParserError
from lxml.html import HtmlElement

from newsweave.errors import EmptyInput, UnreadableInput
from newsweave.ingest.page_meta import PageMeta, read_page_meta

__all__ = ["HtmlExtract", "extract_html", "parse_page_date"]

log = logging.getLogger(__name__)

STAGE = "extract"
# As trafilatura parses pages itself: comments and processing instructions out of the tree
# (left in, they split text nodes and cost recall).
_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
)


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: datetime | None
    language: str | None
    byline: str | None
    updated: datetime | None = None


def extract_html(html: str, *, source: str, url: str | None = None) -> HtmlExtract:
    """Extract an article's body paragraphs and metadata from an HTML page.

    Raises:
        UnreadableInput: the markup cannot be parsed at all.
        EmptyInput: the page has no article text (a front page, an error page, a stub).
    """
    tree = _parse(html, source=source)
    # 1. What the page declares, read before trafilatura prunes the tree.
    meta = read_page_meta(tree)
    # 2. Body and inferred metadata (trafilatura runs htmldate for the date).
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=False,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise EmptyInput(
            f"{source}: the page has no article text that could be extracted",
            source=source,
            stage=STAGE,
            hint="check that the page is an article (not a front page or an error page)",
        )
    published = parse_page_date(getattr(document, "date", None)) or parse_page_date(meta.published)
    # 3. Only a declared update time is kept: a guessed one is too often the crawl date.
    updated = parse_page_date(meta.updated)
    return _merge(meta, document, text=text, url=url, published=published, updated=updated)


def _merge(
    meta: PageMeta,
    document: object,
    *,
    text: str,
    url: str | None,
    published: datetime | None,
    updated: datetime | None,
) -> HtmlExtract:
    def inferred(name: str) -> str | None:
        value = getattr(document, name, None)
        return value if isinstance(value, str) and value.strip() else None

    return HtmlExtract(
        text=text,
        title=inferred("title") or meta.title,
        outlet=meta.site_name or inferred("sitename"),
        url=meta.canonical_url or url or inferred("url"),
        published=published,
        language=meta.language or inferred("language"),
        byline=meta.byline or inferred("author"),
        updated=updated if updated and (published is None or _after(updated, published)) else None,
    )


def _after(a: datetime, b: datetime) -> bool:
    # Pages mix naive dates and offset-aware times; compare wall clocks.
    return a.replace(tzinfo=None) > b.replace(tzinfo=None)


def _parse(html: str, *, source: str) -> HtmlElement:
    # lxml refuses str input that declares an encoding; the text is already decoded.
    cleaned = html.lstrip("\ufeff")
    if cleaned.lstrip().startswith("<?xml"):
        cleaned = cleaned.split("?>", 1)[-1]
    try:
        return lxml.html.document_fromstring(cleaned, parser=_PARSER)
    except (ParserError, ValueError) as exc:
        raise UnreadableInput(
            f"{source}: the HTML cannot be parsed ({exc})",
            source=source,
            stage=STAGE,
            hint="check the file is a complete HTML page",
        ) from exc


def parse_page_date(value: object) -> datetime | None:
    """An ISO 8601 date or date-time as a page gives it; None when absent or unparsable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            return datetime.fromisoformat(text[:10])
        except ValueError:
            log.debug("unparsed page date %r", value)
            return None
