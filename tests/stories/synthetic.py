"""Hand-made article features, for tests that need scores they can work out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import numpy as np

from newsweave.stories import ArticleFeatures


def report(
    article_id: str,
    vector: tuple[float, ...],
    words: Iterable[str],
    dates: Iterable[str] = (),
    published: datetime | None = None,
) -> ArticleFeatures:
    """Features with this lead vector, these words (count 1 each), dates stated, nothing else."""
    return ArticleFeatures(
        id=article_id,
        vector=np.array(vector, dtype=np.float32),
        terms=dict.fromkeys(words, 1.0),
        entities={},
        dates=frozenset(dates),
        numbers=frozenset(),
        published=published,
        title=article_id,
        lead=article_id,
        outlet=None,
    )
