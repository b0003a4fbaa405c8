"""JSON Lines articles: one JSON object per line with `id` and `text` or `html`."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Any

from newsweave.errors import MalformedRecord, TooLarge
from newsweave.model import RawDocument, RawRecord

__all__ = ["parse_jsonl_record", "parse_published"]

STAGE = "parse"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_STRING_FIELDS = ("id", "text", "html", "title", "outlet", "url", "published", "language", "byline")


def parse_jsonl_record(record: RawRecord) -> RawDocument:
    """Parse one JSON Lines record.

    Raises:
        TooLarge: the line was over the size cap (its bytes were not kept whole).
        MalformedRecord: not JSON, not an object, no text/html, or a field of the wrong type.
    """
    source = record.source
    if record.format == "jsonl-oversize":
        raise TooLarge(
            f"{source}: line is over the size cap",
            source=source,
            stage=STAGE,
            hint="split the record, or raise ingest.max_bytes",
        )
    try:
        obj = json.loads(record.payload)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MalformedRecord(
            f"{source}: not valid JSON ({exc})",
            source=source,
            stage=STAGE,
            hint="each line must be one JSON object",
            payload=record.payload,
        ) from exc
    if not isinstance(obj, dict):
        raise MalformedRecord(
            f"{source}: a JSON {type(obj).__name__}, not an object",
            source=source,
            stage=STAGE,
            hint='write {"id": ..., "text": ...} on each line',
            payload=record.payload,
        )
    fields = _string_fields(obj, record)
    if not (fields.get("text") or "").strip() and not (fields.get("html") or "").strip():
        raise MalformedRecord(
            f"{source}: no `text` or `html`",
            source=source,
            stage=STAGE,
            hint="give the article body in `text` (plain) or `html`",
            payload=record.payload,
        )
    digest = hashlib.sha256(record.payload.strip()).hexdigest()
    return RawDocument(
        id=fields.get("id") or f"doc-{digest[:16]}",
        source=source,
        format="jsonl",
        sha256=digest,
        text=fields.get("text"),
        html=fields.get("html"),
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        published=parse_published(fields.get("published"), record=record),
        language=fields.get("language"),
        byline=fields.get("byline"),
        encoding="utf-8",
    )


def parse_published(value: str | None, *, record: RawRecord) -> datetime | None:
    """Parse an ISO 8601 date or date-time ("2025-08-28", "2025-08-28T10:00:00Z")."""
    if value is None or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise MalformedRecord(
            f"{record.source}: `published` {value!r} is not an ISO 8601 date",
            source=record.source,
            stage=STAGE,
            hint='write dates like "2025-08-28" or "2025-08-28T10:00:00+00:00"',
            payload=record.payload,
        ) from exc


def _string_fields(obj: dict[str, Any], record: RawRecord) -> dict[str, str | None]:
    fields: dict[str, str | None] = {}
    for name in _STRING_FIELDS:
        value = obj.get(name)
        if value is None:
            fields[name] = None
        elif name == "id" and isinstance(value, int) and not isinstance(value, bool):
            fields[name] = str(value)
        elif isinstance(value, str):
            # JSON may escape half of a surrogate pair ("\ud800"); such a string cannot be
            # encoded, stored or tokenised, so the lone half becomes U+FFFD.
            fields[name] = _LONE_SURROGATE.sub("\ufffd", value)
        else:
            raise MalformedRecord(
                f"{record.source}: `{name}` is a {type(value).__name__}, not a string",
                source=record.source,
                stage=STAGE,
                hint=f"give `{name}` as a string",
                payload=record.payload,
            )
    return fields
