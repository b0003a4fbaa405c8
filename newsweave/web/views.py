"""Shape store results into what the templates show, so the templates stay free of logic."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from newsweave.model import Article
from newsweave.store.queries import Page, StoryDetail

__all__ = [
    "STATUS_LABELS",
    "Citation",
    "Column",
    "MatrixRow",
    "Source",
    "StoryView",
    "page_links",
    "safe_url",
    "story_view",
]

STATUS_LABELS = {
    "conflicting": "Conflicting",
    "more_specific": "More specific in one source",
    "corroborated": "Corroborated",
    "unique": "One source only",
}


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s); anything else (javascript:, data:) is not made a link."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in {"http", "https"} else None


@dataclass(frozen=True, slots=True)
class Source:
    n: int
    article: Article
    label: str
    href: str | None


@dataclass(frozen=True, slots=True)
class Citation:
    n: int
    article_id: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class BriefLine:
    text: str
    status: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    claim_id: str
    text: str
    status: str
    status_label: str
    detail: str | None
    cells: tuple[Citation | None, ...]


@dataclass(frozen=True, slots=True)
class StoryView:
    detail: StoryDetail
    sources: tuple[Source, ...]
    brief: tuple[BriefLine, ...]
    columns: tuple[Column, ...]
    rows: tuple[MatrixRow, ...]
    status_counts: tuple[tuple[str, str, int], ...]
    entities: tuple[dict[str, Any], ...] = field(default=())


def story_view(detail: StoryDetail) -> StoryView:
    sources = tuple(
        Source(n, a, a.outlet or a.id, safe_url(a.url)) for n, a in enumerate(detail.articles, 1)
    )
    number = {s.article.id: s for s in sources}
    report = detail.report or {}
    claims = {c["id"]: c for c in report.get("claims", [])}

    def cite(mention: dict[str, Any]) -> Citation | None:
        source = number.get(mention["article"])
        if source is None:
            return None
        return Citation(source.n, source.article.id, mention["start"], mention["end"], source.label)

    brief = tuple(
        BriefLine(
            text=b["text"],
            status=b["status"],
            citations=tuple(
                c
                for c in (
                    cite(m)
                    for m in claims.get(b["claim"], {}).get("mentions", [])
                    if m["article"] in b["articles"]
                )
                if c is not None
            ),
        )
        for b in report.get("brief", [])
    )
    columns = _columns(sources)
    rows = tuple(_row(c, columns, cite) for c in report.get("claims", []))
    counts = [(s, label, sum(r.status == s for r in rows)) for s, label in STATUS_LABELS.items()]
    return StoryView(
        detail=detail,
        sources=sources,
        brief=brief,
        columns=columns,
        rows=rows,
        status_counts=tuple(counts),
        entities=tuple(report.get("entities", [])),
    )


def _columns(sources: tuple[Source, ...]) -> tuple[Column, ...]:
    by_label: dict[str, list[str]] = {}
    for source in sources:
        by_label.setdefault(source.label, []).append(source.article.id)
    return tuple(Column(label, tuple(ids)) for label, ids in by_label.items())


def _row(claim: dict[str, Any], columns: tuple[Column, ...], cite: Any) -> MatrixRow:
    cells: list[Citation | None] = []
    for column in columns:
        mention = next((m for m in claim["mentions"] if m["article"] in column.article_ids), None)
        cells.append(cite(mention) if mention else None)
    return MatrixRow(
        claim_id=claim["id"],
        text=claim["text"],
        status=claim["status"],
        status_label=STATUS_LABELS.get(claim["status"], claim["status"]),
        detail=claim.get("detail"),
        cells=tuple(cells),
    )


def page_links(page: Page[Any], params: dict[str, str]) -> dict[str, str | None]:
    """Query strings of the previous and next pages, keeping the other parameters."""
    kept = {k: v for k, v in params.items() if v and k != "offset"}

    def link(offset: int) -> str:
        return "?" + urlencode({**kept, "offset": offset} if offset else kept)

    previous = link(max(page.offset - page.limit, 0)) if page.offset > 0 else None
    following = link(page.next_offset) if page.next_offset is not None else None
    return {"previous": previous, "next": following}
