"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser: one record per entry.

A feed is cut into entry records so that each entry is stored or quarantined on its own: a
broken entry never costs the others. An entry with full content becomes a whole article; one
with only a summary becomes an article marked partial.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.html
from lxml.etree import ParserError

from newsweave.errors import EmptyInput, FeedError
from newsweave.model import RawDocument, RawRecord

__all__ = ["DAMAGE_FORMAT", "ENTRY_FORMAT", "parse_feed_entry", "read_feed"]

STAGE = "feed"
ENTRY_FORMAT = "feed-entry"
DAMAGE_FORMAT = "feed-damage"
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def read_feed(payload: bytes, *, source: str, url: str | None = None) -> Iterator[RawRecord]:
    """Cut a feed into one record per entry (JSON of the entry's fields).

    When the XML breaks part-way, the entries before the break are still yielded, followed
    by a record that quarantines the damage so it is not lost silently.

    Raises:
        FeedError: the feed is not readable XML at all.
        EmptyInput: a well-formed feed without entries.
    """
    parsed = feedparser.parse(payload, sanitize_html=True, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.entries:
        if problem is not None:
            raise FeedError(
                f"{source}: not a readable feed ({problem})",
                source=source,
                stage=STAGE,
                hint="check the file is complete RSS or Atom XML (a download may have been cut)",
            )
        raise EmptyInput(
            f"{source}: the feed has no entries",
            source=source,
            stage=STAGE,
            hint="nothing to read; check the feed URL or file",
        )
    channel = parsed.feed
    for number, entry in enumerate(parsed.entries, 1):
        fields = _entry_fields(entry, channel)
        yield RawRecord(
            source=f"{source}#{number}",
            payload=json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8"),
            format=ENTRY_FORMAT,
            url=url,
        )
    if problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride):
        message = f"{source}: the feed XML is damaged after entry {len(parsed.entries)}"
        yield RawRecord(
            source=f"{source}#damage",
            payload=message.encode("utf-8") + f" ({problem})".encode(),
            format=DAMAGE_FORMAT,
            url=url,
        )


def parse_feed_entry(record: RawRecord) -> RawDocument:
    """Turn one entry record into a RawDocument (text from content, else summary: partial).

    Raises:
        FeedError: the entry has no text, or the record marks damage to the feed.
    """
    if record.format == DAMAGE_FORMAT:
        raise FeedError(
            record.payload.decode("utf-8"),
            source=record.source,
            stage=STAGE,
            hint="entries before the damage were read; fetch or save the feed again for the rest",
        )
    fields: dict[str, Any] = json.loads(record.payload)
    body = fields.get("content") or ""
    text = _fragment_text(body) if body else ""
    is_partial = not text.strip()
    if is_partial:
        text = _fragment_text(fields.get("summary") or "")
    if not text.strip():
        raise FeedError(
            f"{record.source}: the entry {fields.get('title') or ''!r} has no content or summary",
            source=record.source,
            stage=STAGE,
            hint="the feed gives no text for it; ingest the linked page with --url",
        )
    key = fields.get("id") or fields.get("link") or record.payload.decode("utf-8")
    return RawDocument(
        id="feed-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        source=record.source,
        format=ENTRY_FORMAT,
        sha256=hashlib.sha256(record.payload).hexdigest(),
        text=text,
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        url=fields.get("link"),
        published=_date(fields.get("published")),
        updated=_date(fields.get("updated")),
        language=fields.get("language"),
        byline=fields.get("author"),
        encoding="utf-8",
        is_partial=is_partial,
    )


def _entry_fields(entry: Any, channel: Any) -> dict[str, str | None]:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    # `in` first: reading a missing updated_parsed makes feedparser warn (its issue 310).
    updated = entry.get("updated_parsed") if "updated_parsed" in entry else None
    when = entry.get("published_parsed") or updated
    language = (channel.get("language") or "").split("-")[0].lower() or None
    return {
        "id": entry.get("id"),
        "title": entry.get("title"),
        "link": entry.get("link"),
        "author": entry.get("author"),
        "published": _iso_utc(when),
        "updated": _iso_utc(updated),
        "content": "\n".join(contents) or None,
        "summary": entry.get("summary"),
        "outlet": channel.get("title"),
        "language": language,
    }


def _fragment_text(fragment: str) -> str:
    """Paragraph text of an HTML fragment: one line per block element."""
    if "<" not in fragment:
        return fragment.strip()
    # lxml refuses to set text holding control characters, which feeds do carry.
    fragment = _CONTROL_CHARS.sub("", fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def _iso_utc(when: Any) -> str | None:
    """feedparser's UTC struct_time as ISO 8601."""
    return datetime(*when[:6]).replace(tzinfo=UTC).isoformat() if when else None


def _date(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
