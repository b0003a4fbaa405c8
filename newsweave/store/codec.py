"""Turn stage records into stored values and back: JSON for annotations, bytes for vectors."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import numpy as np

from newsweave.model import (
    AnnotatedArticle,
    Article,
    CopyOf,
    DateMention,
    DateValue,
    EntityMention,
    QuantityMention,
    Sentence,
    Vector,
)

__all__ = [
    "annotations_from_json",
    "annotations_to_json",
    "article_from_row",
    "article_to_row",
    "vector_from_bytes",
    "vector_to_bytes",
]


def vector_to_bytes(vector: np.ndarray[Any, Any]) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


def vector_from_bytes(blob: bytes) -> Vector:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


def article_to_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "sha256": article.sha256,
        "content_hash": article.content_hash,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": _iso(article.published),
        "updated": _iso(article.updated),
        "language": article.language,
        "byline": article.byline,
        "text": article.text,
        "wire": json.dumps(list(article.wire)),
        "removed": json.dumps(list(article.removed), ensure_ascii=False),
        "is_partial": article.is_partial,
        "origin": article.origin,
        "copy_of": article.copy.origin_id if article.copy else None,
        "copy_containment": article.copy.containment if article.copy else None,
        "copy_changes": _copy_changes(article.copy),
    }


def _copy_changes(copy: CopyOf | None) -> str | None:
    if copy is None:
        return None
    return json.dumps({"added": list(copy.added), "cut": list(copy.cut)}, ensure_ascii=False)


def _copy_of(row: Any) -> CopyOf | None:
    if row.copy_of is None:
        return None
    changes = json.loads(row.copy_changes or "{}")
    return CopyOf(
        origin_id=row.copy_of,
        containment=float(row.copy_containment or 0.0),
        added=tuple(changes.get("added", ())),
        cut=tuple(changes.get("cut", ())),
    )


def article_from_row(row: Any) -> Article:
    return Article(
        id=row.id,
        source=row.source,
        sha256=row.sha256,
        text=row.text,
        content_hash=row.content_hash,
        title=row.title,
        outlet=row.outlet,
        url=row.url,
        published=datetime.fromisoformat(row.published) if row.published else None,
        updated=datetime.fromisoformat(row.updated) if row.updated else None,
        language=row.language,
        byline=row.byline,
        wire=tuple(json.loads(row.wire)),
        removed=tuple(json.loads(row.removed)),
        is_partial=bool(row.is_partial),
        origin=row.origin,
        copy=_copy_of(row),
    )


def annotations_to_json(annotated: AnnotatedArticle) -> str:
    return json.dumps(
        {
            "sentences": [[s.start, s.end] for s in annotated.sentences],
            "entities": [[e.label, e.start, e.end, e.sentence] for e in annotated.entities],
            "dates": [
                [d.start, d.end, d.sentence, _date(d.value), _date(d.until)]
                for d in annotated.dates
            ],
            "quantities": [
                [q.start, q.end, q.sentence, q.low, q.high, q.unit, q.is_approximate]
                for q in annotated.quantities
            ],
        },
        separators=(",", ":"),
    )


def annotations_from_json(article: Article, data: str, vector: Vector) -> AnnotatedArticle:
    """Rebuild an AnnotatedArticle; span texts are cut from the article, not stored twice."""
    obj = json.loads(data)
    text = article.text
    return AnnotatedArticle(
        article=article,
        sentences=tuple(Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(obj["sentences"])),
        entities=tuple(
            EntityMention(text[s:e], label, s, e, n) for label, s, e, n in obj["entities"]
        ),
        dates=tuple(
            DateMention(text[s:e], s, e, n, _undate(v), _undate(u))
            for s, e, n, v, u in obj["dates"]
        ),
        quantities=tuple(
            QuantityMention(text[s:e], s, e, n, lo, hi, unit, approx)
            for s, e, n, lo, hi, unit, approx in obj["quantities"]
        ),
        vector=vector,
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: DateValue | None) -> list[Any] | None:
    if value is None:
        return None
    return [value.year, value.month, value.day, value.is_inferred]


def _undate(value: list[Any] | None) -> DateValue | None:
    if value is None:
        return None
    year, month, day, inferred = value
    return DateValue(year=year, month=month, day=day, is_inferred=inferred)
