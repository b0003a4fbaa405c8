"""Check that a store is consistent with itself: what a crashed run must never leave behind.

Story states are the persisted story index; they must agree with the articles assigned to
them (count and centroid), every assigned story must exist, and every clean story must have
a report. A compare cache needs no check against the articles (every entry is keyed by what
it was computed from) but must belong to a story that exists. Used after kill tests and
available to operators.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
from sqlalchemy import func, select

from newsweave.store.codec import vector_from_bytes
from newsweave.store.database import Store

__all__ = ["audit_store"]

_CENTROID_TOLERANCE = 1e-3


def audit_store(store: Store) -> list[str]:
    """Every inconsistency found, as one readable line each (empty when all is well)."""
    a, s, v, r = (store.t[n] for n in ("articles", "stories", "vectors", "story_reports"))
    problems: list[str] = []
    with store.engine.connect() as c:
        counts = c.execute(select(a.c.story_id, func.count()).group_by(a.c.story_id))
        members: Counter[str] = Counter({str(k): int(n) for k, n in counts.all()})
        stories = {row.id: row for row in c.execute(select(s))}
        reported = set(c.execute(select(r.c.story_id)).scalars())
        cached = set(c.execute(select(store.t["compare_caches"].c.story_id)).scalars())
        n_ids = c.execute(select(func.count(a.c.id.distinct()))).scalar_one()
        n_rows = c.execute(select(func.count()).select_from(a)).scalar_one()
        n_vectors = c.execute(select(func.count()).select_from(v)).scalar_one()
        sums: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(0, dtype=np.float64))
        for story_id, blob in c.execute(
            select(a.c.story_id, v.c.vector).join(v, v.c.article_id == a.c.id)
        ):
            vector = vector_from_bytes(blob).astype(np.float64)
            total = sums[story_id]
            sums[story_id] = vector if total.size == 0 else total + vector
    if n_ids != n_rows:
        problems.append(f"{n_rows - n_ids} article rows repeat an id")
    if n_vectors != n_rows:
        problems.append(f"{n_rows} articles but {n_vectors} lead vectors")
    for story_id, n in sorted(members.items(), key=lambda kv: str(kv[0])):
        state = stories.get(story_id)
        if state is None:
            problems.append(f"{n} articles point to missing story {story_id}")
        elif state.n_articles != n:
            problems.append(f"story {story_id} counts {state.n_articles} articles, has {n}")
        elif story_id in sums:
            mean = sums[story_id] / n
            drift = float(np.abs(mean - vector_from_bytes(state.centroid)).max())
            if drift > _CENTROID_TOLERANCE:
                problems.append(
                    f"story {story_id} centroid is off its articles' mean by {drift:.4f}"
                )
    for story_id, state in sorted(stories.items()):
        if story_id not in members:
            problems.append(f"story {story_id} has no articles")
        if not state.is_dirty and story_id not in reported:
            problems.append(f"story {story_id} is marked clean but has no report")
    problems.extend(f"compare cache of missing story {i}" for i in sorted(cached - set(stories)))
    return problems
