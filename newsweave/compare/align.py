"""Align claims across a story's articles into groups that state the same fact.

All claims of a story are embedded once with static vectors (a table lookup per token);
one matrix product gives every cross-article cosine. A pair is judged (verdict.judge: the
paraphrase classifier, shared facts and the values each claim carries) only when it can
reach the threshold, and kept only when each claim is the other's best match in its
article, so a sentence does not join every loosely related sentence of a long report.
Groups are the connected components.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from newsweave.compare.scoring import PairScorer
from newsweave.compare.verdict import ANCHOR_BONUS, Judgement, judge, scored_pairs
from newsweave.model import Claim

__all__ = ["CANDIDATE_COSINE", "ClaimGroup", "JudgementMemo", "align_claims"]

# Least static cosine of a pair worth judging. On MRPC train it keeps 98.5 % of the
# paraphrase pairs, and 1.7 % of random pairs of its sentences (0.54, the floor the
# threshold alone sets, kept 26 %: judging them made a 30-article story cost 3x more).
CANDIDATE_COSINE = 0.70


@dataclass(slots=True)
class ClaimGroup:
    """Claims judged to state one fact, with the judgements that joined them."""

    claims: list[Claim]
    links: list[tuple[Claim, Claim, Judgement]] = field(default_factory=list)

    @property
    def origins(self) -> set[str]:
        return {c.origin for c in self.claims}


class JudgementMemo(Protocol):
    """Judgements of claim pairs (a, b) kept from an earlier comparison (a dict will do)."""

    def get(self, key: tuple[Claim, Claim], /) -> Judgement | None: ...

    def __setitem__(self, key: tuple[Claim, Claim], value: Judgement, /) -> None: ...


def align_claims(
    claims: Sequence[Sequence[Claim]],
    *,
    threshold: float,
    scorer: PairScorer,
    judged_before: JudgementMemo | None = None,
) -> list[ClaimGroup]:
    """Group the claims of several articles.

    Args:
        claims: claims of each article.
        threshold: least alignment score for two claims to be one fact.
        scorer: the paraphrase scorer (it caches each claim's encoding).
        judged_before: judgements of claim pairs from an earlier comparison with the same
            threshold and scorer: a pair found there is not judged again, and the pairs
            judged now are added to it.

    Returns:
        Groups in order of first appearance; a claim aligned with nothing is a group alone.
    """
    flat = [c for article in claims for c in article]
    if not flat:
        return []
    article_of = np.array([i for i, article in enumerate(claims) for _ in article])
    best: dict[tuple[int, int], tuple[float, int]] = {}
    judged: dict[tuple[int, int], Judgement] = {}
    candidates = _candidate_pairs(flat, claims, threshold=threshold, scorer=scorer)
    known = [
        judged_before.get((flat[x], flat[y])) if judged_before is not None else None
        for x, y in candidates
    ]
    # The pairs to judge are scored in one batch, the judgements then read their scores
    # back (see PairScorer.prefetch).
    fresh = [(x, y) for (x, y), found in zip(candidates, known, strict=True) if found is None]
    scorer.prefetch([pair for x, y in fresh for pair in scored_pairs(flat[x], flat[y])])
    for (x, y), verdict in zip(candidates, known, strict=True):
        if verdict is None:
            verdict = _judge(flat[x], flat[y], scorer, threshold=threshold, memo=judged_before)
        if verdict.relation == "unrelated":
            continue
        judged[(x, y)] = verdict
        for me, other in ((x, y), (y, x)):
            key = (me, int(article_of[other]))
            if verdict.score > best.get(key, (-1.0, -1))[0]:
                best[key] = (verdict.score, other)
    parent = list(range(len(flat)))
    links: list[tuple[int, int, Judgement]] = []
    for (x, y), verdict in judged.items():
        if best[(x, int(article_of[y]))][1] == y and best[(y, int(article_of[x]))][1] == x:
            _union(parent, x, y)
            links.append((x, y, verdict))
    return _groups(flat, parent, links)


def _candidate_pairs(
    flat: list[Claim],
    claims: Sequence[Sequence[Claim]],
    *,
    threshold: float,
    scorer: PairScorer,
) -> list[tuple[int, int]]:
    """Pairs (x < y, in row order) of claims from different sources worth judging: those
    whose cosine can still reach the threshold with three shared facts."""
    article_of = np.array([i for i, article in enumerate(claims) for _ in article])
    origin_ids = {origin: k for k, origin in enumerate(dict.fromkeys(c.origin for c in flat))}
    origin_of = np.array([origin_ids[c.origin] for c in flat])
    matrix = scorer.vectors([c.judged_text for c in flat])
    other = (article_of[:, None] != article_of[None, :]) & (
        origin_of[:, None] != origin_of[None, :]
    )
    # Below this cosine even three shared facts cannot lift the score to the threshold; and
    # static cosines run high between any two sentences (their mean direction is shared),
    # so pairs under CANDIDATE_COSINE are not judged either.
    floor = max(threshold - 3 * ANCHOR_BONUS, CANDIDATE_COSINE)
    rows, cols = np.nonzero(np.triu((matrix @ matrix.T >= floor) & other, k=1))
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def _judge(
    a: Claim,
    b: Claim,
    scorer: PairScorer,
    *,
    threshold: float,
    memo: JudgementMemo | None,
) -> Judgement:
    """Judge a pair the memo did not hold, and add it there."""
    verdict = judge(a, b, scorer, threshold=threshold, score_unrelated=False)
    if memo is not None:
        memo[(a, b)] = verdict
    return verdict


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: list[int], x: int, y: int) -> None:
    rx, ry = _find(parent, x), _find(parent, y)
    if rx != ry:
        parent[max(rx, ry)] = min(rx, ry)


def _groups(
    flat: list[Claim], parent: list[int], links: list[tuple[int, int, Judgement]]
) -> list[ClaimGroup]:
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(flat)):
        members[_find(parent, i)].append(i)
    groups = {root: ClaimGroup([flat[i] for i in idx]) for root, idx in members.items()}
    for x, y, verdict in links:
        groups[_find(parent, x)].links.append((flat[x], flat[y], verdict))
    return [groups[root] for root in sorted(groups)]
