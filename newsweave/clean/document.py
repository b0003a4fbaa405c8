"""RawDocument -> Article: normalise, strip page furniture, fingerprint, detect language."""

from __future__ import annotations

from datetime import datetime

from newsweave.clean.boilerplate import remove_boilerplate
from newsweave.clean.dedup import content_hash
from newsweave.clean.near_duplicates import wire_origin
from newsweave.clean.normalize import normalize_text, split_paragraphs
from newsweave.errors import EmptyInput
from newsweave.ingest.language import detect_language
from newsweave.model import Article, RawDocument

__all__ = ["clean_document"]

STAGE = "clean"


def clean_document(document: RawDocument, *, min_chars: int = 40) -> Article:
    """Clean one parsed document into an Article.

    Paragraphs are separated by a blank line in `Article.text`; the title is kept apart.

    Raises:
        EmptyInput: fewer than `min_chars` characters of article text remain.
    """
    paragraphs = split_paragraphs(normalize_text(document.text or ""))
    title = normalize_text(document.title) if document.title else None
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    cleaned = remove_boilerplate(paragraphs)
    text = "\n\n".join(cleaned.paragraphs)
    if len(text) < min_chars:
        raise EmptyInput(
            f"{document.source}: only {len(text)} characters of article text remain after "
            f"removing page furniture (at least {min_chars} are needed)",
            source=document.source,
            stage=STAGE,
            hint="check the input holds an article; lower ingest.min_chars for very short items",
        )
    return Article(
        id=document.id,
        source=document.source,
        sha256=document.sha256,
        text=text,
        content_hash=content_hash(text),
        title=title or None,
        outlet=document.outlet,
        url=document.url,
        published=_local_time(document.published),
        updated=_local_time(document.updated),
        language=document.language or detect_language(text),
        byline=document.byline,
        wire=cleaned.wire,
        removed=cleaned.removed,
        is_partial=document.is_partial,
        origin=wire_origin(cleaned.wire),
    )


def _local_time(value: datetime | None) -> datetime | None:
    """The publisher's wall-clock time without its UTC offset.

    Sources mix naive dates (JSON Lines, page dates) and offset-aware times (feeds); they
    must compare with each other, and the publisher's own calendar day is what counts.
    """
    return value.replace(tzinfo=None) if value is not None else None
