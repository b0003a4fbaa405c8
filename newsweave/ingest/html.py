"""HTML pages: main text and metadata, extracted with trafilatura."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import trafilatura

from newsweave.errors import EmptyInput

__all__ = ["HtmlExtract", "extract_html"]

log = logging.getLogger(__name__)

STAGE = "extract"


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: datetime | None
    language: str | None
    byline: str | None


def extract_html(html: str, *, source: str, url: str | None = None) -> HtmlExtract:
    """Extract an article's body paragraphs and metadata from an HTML page.

    Raises:
        EmptyInput: the page has no article text (a front page, an error page, a stub).
    """
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
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
    return HtmlExtract(
        text=text,
        title=getattr(document, "title", None) or None,
        outlet=getattr(document, "sitename", None) or None,
        url=getattr(document, "url", None) or url,
        published=_parse_date(getattr(document, "date", None)),
        language=getattr(document, "language", None) or None,
        byline=getattr(document, "author", None) or None,
    )


def _parse_date(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        log.debug("unparsed page date %r", value)
        return None
