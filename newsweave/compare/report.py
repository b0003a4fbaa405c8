"""Compare a story's articles: merged claims with statuses and citations, and a brief."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

from newsweave.clean.near_duplicates import origin_key
from newsweave.compare.align import ClaimGroup, JudgementMemo, align_claims
from newsweave.compare.atomic import ClaimSpan
from newsweave.compare.brief import write_brief
from newsweave.compare.claims import claims_of, origin_of
from newsweave.compare.scoring import PairScorer
from newsweave.compare.verdict import Judgement
from newsweave.model import (
    AnnotatedArticle,
    Article,
    Claim,
    ClaimMention,
    ClaimStatus,
    ClaimVerdict,
    Story,
    StoryReport,
)
from newsweave.nlp.actors import ActorIndex, resolve_actors

__all__ = ["REPORT_SCHEMA", "compare_story", "report_as_dict", "source_label"]

REPORT_SCHEMA = "newsweave.report/1"
_STATUS_ORDER: dict[ClaimStatus, int] = {
    "conflicting": 0,
    "more_specific": 1,
    "corroborated": 2,
    "unique": 3,
}


def compare_story(
    story: Story,
    articles: Sequence[AnnotatedArticle],
    *,
    align_threshold: float = 0.78,
    brief_sentences: int = 8,
    scorer: PairScorer | None = None,
    parsed: MutableMapping[str, list[ClaimSpan]] | None = None,
    judged_before: JudgementMemo | None = None,
    actors: ActorIndex | None = None,
) -> StoryReport:
    """Compare the articles of one story claim by claim.

    Args:
        story: the story (its article order is the order claims are read in).
        articles: the story's annotated articles.
        align_threshold: least alignment score for two claims to be one fact.
        brief_sentences: most sentences in the brief.
        scorer: the paraphrase scorer to reuse (one is made otherwise).
        parsed: claim spans of sentences cut before, by text (see `claims_of`).
        judged_before: claim pairs judged before (see `align_claims`).
        actors: the articles' resolved actors, when the caller has them already.
    """
    if actors is None:
        actors = resolve_actors(articles)
    claims = claims_of(articles, actors, parsed=parsed)
    if len({origin_of(a) for a in articles}) < 2:
        # One source: nothing to align, every claim is unique.
        groups = [ClaimGroup([c]) for article_claims in claims for c in article_claims]
    else:
        groups = align_claims(
            claims,
            threshold=align_threshold,
            scorer=scorer or PairScorer(),
            judged_before=judged_before,
        )
    labels = {a.article.id: source_label(a.article) for a in articles}
    verdicts = sorted(
        (_verdict(g, labels) for g in groups),
        key=lambda v: (_STATUS_ORDER[v.status], _position(v, articles)),
    )
    return StoryReport(
        story=story,
        articles=tuple(a.article for a in articles),
        actors=actors.actors,
        claims=tuple(verdicts),
        brief=write_brief(verdicts, articles, max_sentences=brief_sentences),
    )


def source_label(article: Article) -> str:
    """How a report names an article's source: its outlet, else its id."""
    return article.outlet or article.id


def _verdict(group: ClaimGroup, labels: Mapping[str, str]) -> ClaimVerdict:
    representative = group.claims[0]
    status: ClaimStatus = "unique" if len(group.origins) < 2 else "corroborated"
    detail: str | None = None
    kind: str | None = None
    conflicts = [link for link in group.links if link[2].relation == "conflicting"]
    specifics = [
        _oriented(link)
        for link in group.links
        if link[2].relation in {"more_specific", "less_specific"}
    ]
    if conflicts and status != "unique":
        status = "conflicting"
        a, b, judgement = conflicts[0]
        kind = judgement.verdict().kind
        detail = _describe(a, b, judgement, labels, relation="conflicting")
    elif specifics and status != "unique":
        status = "more_specific"
        representative, b, judgement = specifics[0]
        detail = _describe(representative, b, judgement, labels, relation="more_specific")
    mentions = tuple(ClaimMention(c.article_id, c.text, c.start, c.end) for c in group.claims)
    return ClaimVerdict(
        id=_claim_id(group.claims),
        text=representative.text,
        status=status,
        mentions=mentions,
        detail=detail,
        kind=kind,
        statement=representative.statement,
        is_part=representative.is_part,
    )


def _oriented(link: tuple[Claim, Claim, Judgement]) -> tuple[Claim, Claim, Judgement]:
    """Put the more specific claim first."""
    a, b, judgement = link
    if judgement.relation == "less_specific":
        flipped = tuple(
            type(d)(d.kind, _flip(d.relation), d.b_text, d.a_text) for d in judgement.differences
        )
        return b, a, Judgement("more_specific", judgement.score, flipped)
    return a, b, judgement


def _flip(relation: str) -> Any:
    return {"more_specific": "less_specific", "less_specific": "more_specific"}.get(
        relation, relation
    )


def _describe(
    a: Claim, b: Claim, judgement: Judgement, labels: Mapping[str, str], *, relation: str
) -> str:
    # A conflict names its type ("quantity: 26 leaders (A) vs 24 leaders (B)").
    parts = [
        ("" if relation != "conflicting" else f"{d.kind}: ")
        + f"{d.a_text} ({labels[a.article_id]}) vs {d.b_text} ({labels[b.article_id]})"
        for d in judgement.differences
        if d.relation == relation
    ]
    return "; ".join(parts)


def _claim_id(claims: Sequence[Claim]) -> str:
    key = "|".join(sorted(c.id for c in claims))
    return "cl-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]  # noqa: S324


def _position(verdict: ClaimVerdict, articles: Sequence[AnnotatedArticle]) -> tuple[int, int]:
    order = {a.article.id: i for i, a in enumerate(articles)}
    first = verdict.mentions[0]
    return order[first.article_id], first.start


def report_as_dict(report: StoryReport) -> dict[str, Any]:
    """A story as it appears in the `newsweave.report/1` JSON schema."""
    return {
        "id": report.story.id,
        "title": report.story.title,
        # Copies of one origin (wire copies, republications) count once.
        "n_origins": len({origin_key(a) for a in report.articles}),
        "articles": [_article_dict(a) for a in report.articles],
        "entities": [
            {
                "id": actor.id,
                "name": actor.name,
                "type": actor.type,
                "aliases": list(actor.aliases),
                "articles": list(actor.article_ids),
            }
            for actor in report.actors
        ],
        "claims": [
            {
                "id": c.id,
                "text": c.text,
                "status": c.status,
                "mentions": [
                    {"article": m.article_id, "text": m.text, "start": m.start, "end": m.end}
                    for m in c.mentions
                ],
                "detail": c.detail,
                "kind": c.kind,
                "statement": c.statement,
                "part": c.is_part,
            }
            for c in report.claims
        ],
        "brief": [
            {
                "text": s.text,
                "articles": list(s.article_ids),
                "status": s.status,
                "claim": s.claim_id,
            }
            for s in report.brief
        ],
    }


def _article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "updated": article.updated.isoformat() if article.updated else None,
        "source": article.source,
        "url": article.url,
        "wire": list(article.wire),
        "origin": origin_key(article),
        "copy_of": article.copy.origin_id if article.copy else None,
    }
