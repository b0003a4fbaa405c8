"""Write a story's brief: the best-supported facts first, every sentence citing its sources."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.compare.verdict import content_words
from newsweave.model import AnnotatedArticle, BriefSentence, ClaimVerdict

__all__ = ["write_brief"]

_MIN_SENTENCES = 5
# A candidate sharing this share of its content words with a chosen sentence repeats it.
_REDUNDANT = 0.6


def write_brief(
    verdicts: Sequence[ClaimVerdict],
    articles: Sequence[AnnotatedArticle],
    *,
    max_sentences: int = 8,
) -> tuple[BriefSentence, ...]:
    """Pick up to `max_sentences` claims: multi-source claims by number of sources, then
    by where they first appear; unique claims fill the brief up to five sentences."""
    order = {a.article.id: i for i, a in enumerate(articles)}

    def rank(v: ClaimVerdict) -> tuple[int, int, int, int]:
        first = v.mentions[0]
        return (
            -len(v.article_ids),
            0 if v.status != "unique" else 1,
            order[first.article_id],
            first.start,
        )

    chosen: list[ClaimVerdict] = []
    seen_words: list[frozenset[str]] = []
    # Parts cut out of a sentence read as fragments ("who was ambassador to Italy"): the brief
    # quotes whole sentences.
    whole = [v for v in verdicts if not v.is_part]
    shared = sorted((v for v in whole if v.status != "unique"), key=rank)
    unique = sorted((v for v in whole if v.status == "unique"), key=rank)
    for pool, limit in ((shared, max_sentences), (unique, max(_MIN_SENTENCES, 0))):
        for verdict in pool:
            if len(chosen) >= limit:
                break
            words = content_words(verdict.text)
            if any(
                len(words & w) >= _REDUNDANT * max(1, min(len(words), len(w))) for w in seen_words
            ):
                continue
            chosen.append(verdict)
            seen_words.append(words)
    return tuple(
        BriefSentence(text=v.text, article_ids=v.article_ids, claim_id=v.id, status=v.status)
        for v in chosen
    )
