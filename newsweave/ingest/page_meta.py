"""Metadata a page declares about itself: canonical URL, site name, language, JSON-LD article.

Read from the parsed tree before text extraction (which prunes it). These declarations are
what the publisher states, so they take precedence over guesses made from the page's text.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

__all__ = ["PageMeta", "read_page_meta"]

log = logging.getLogger(__name__)

_LANG = re.compile(r"^[a-z]{2,3}\b", re.IGNORECASE)
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "report"}


@dataclass(frozen=True, slots=True)
class PageMeta:
    canonical_url: str | None = None
    site_name: str | None = None
    title: str | None = None
    language: str | None = None
    byline: str | None = None
    published: str | None = None
    updated: str | None = None


def read_page_meta(tree: HtmlElement) -> PageMeta:
    """What the page's head and JSON-LD say about the article (None where silent)."""
    ld = _json_ld_article(tree)
    return PageMeta(
        canonical_url=_first(
            tree,
            "//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href",
            "//meta[@property='og:url']/@content",
        ),
        site_name=_first(
            tree,
            "//meta[@property='og:site_name']/@content",
            "//meta[@name='application-name']/@content",
        )
        or _ld_name(ld.get("publisher")),
        title=_first(tree, "//meta[@property='og:title']/@content") or _ld_text(ld.get("headline")),
        language=_language(tree),
        byline=_ld_name(ld.get("author")),
        published=_ld_text(ld.get("datePublished"))
        or _first(tree, "//meta[@property='article:published_time']/@content"),
        updated=_ld_text(ld.get("dateModified"))
        or _first(tree, "//meta[@property='article:modified_time']/@content"),
    )


def _first(tree: HtmlElement, *paths: str) -> str | None:
    for path in paths:
        for value in tree.xpath(path):
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def _language(tree: HtmlElement) -> str | None:
    declared = _first(
        tree,
        "/html/@lang",
        "/html/@xml:lang",
        "//meta[@http-equiv='content-language']/@content",
        "//meta[@property='og:locale']/@content",
    )
    match = _LANG.match(declared or "")
    return match.group(0).lower() if match else None


def _json_ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (graphs and lists searched)."""
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(str(script))
        except ValueError:
            log.debug("unparsed JSON-LD block")
            continue
        for item in _ld_items(data):
            kinds = item.get("@type")
            names = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.casefold() in _ARTICLE_TYPES for k in names):
                return item
    return {}


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for element in data:
            yield from _ld_items(element)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_items(data["@graph"])


def _ld_text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _ld_name(value: Any) -> str | None:
    """A name from a JSON-LD Person/Organization, a list of them, or a plain string."""
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    return _ld_text(value)
