"""Turn one RawRecord into a RawDocument, by the format its reader gave it."""

from __future__ import annotations

import dataclasses
import hashlib

from newsweave.errors import EmptyInput, UnsupportedFormat
from newsweave.ingest.feeds import DAMAGE_FORMAT, ENTRY_FORMAT, parse_feed_entry
from newsweave.ingest.html import extract_html
from newsweave.ingest.jsonl import parse_jsonl_record
from newsweave.ingest.language import detect_language
from newsweave.ingest.text import declared_charset, decode_bytes, split_title
from newsweave.model import RawDocument, RawRecord

__all__ = ["parse_record"]

STAGE = "parse"


def parse_record(record: RawRecord) -> RawDocument:
    """Parse a record into a RawDocument whose `text` holds the article body.

    Raises:
        InputError: a subclass naming what is wrong with this record and how to fix it.
    """
    if record.format in {ENTRY_FORMAT, DAMAGE_FORMAT}:
        return parse_feed_entry(record)
    if record.format.startswith("jsonl"):
        document = parse_jsonl_record(record)
        return _with_html_text(document) if not (document.text or "").strip() else document
    digest = record.sha256 or hashlib.sha256(record.payload).hexdigest()
    declared = declared_charset(record.payload) if record.format == "html" else None
    text, encoding = decode_bytes(record.payload, source=record.source, declared=declared)
    doc_id = record.default_id or f"doc-{digest[:16]}"
    if record.format == "html":
        document = RawDocument(
            id=doc_id,
            source=record.source,
            format="html",
            sha256=digest,
            html=text,
            url=record.url,
            encoding=encoding,
        )
        return _with_html_text(document)
    if record.format == "text":
        title, body = split_title(text)
        if not body.strip():
            raise EmptyInput(
                f"{record.source} has no text",
                source=record.source,
                stage=STAGE,
                hint="give the file the article's text",
            )
        return RawDocument(
            id=doc_id,
            source=record.source,
            format="text",
            sha256=digest,
            text=body,
            title=title,
            encoding=encoding,
        )
    raise UnsupportedFormat(
        f"{record.source}: {record.format} inputs are not read by this version of newsweave",
        source=record.source,
        stage=STAGE,
        hint="convert it to plain text, HTML or JSON Lines",
    )


def _with_html_text(document: RawDocument) -> RawDocument:
    """Extract the body of `document.html`; metadata the record declared wins over the page's."""
    assert document.html is not None  # noqa: S101 - parsers only send documents with html here
    page = extract_html(document.html, source=document.source, url=document.url)
    return dataclasses.replace(
        document,
        text=page.text,
        html=None,
        title=document.title or page.title,
        outlet=document.outlet or page.outlet,
        url=document.url or page.url,
        published=document.published or page.published,
        updated=document.updated or page.updated,
        # Page templates often declare a default language: the text itself is better evidence.
        language=document.language or detect_language(page.text) or page.language,
        byline=document.byline or page.byline,
    )
