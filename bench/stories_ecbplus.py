"""ECB+ story grouping: the online index against the TF-IDF average-linkage batch baseline.

Gold story = ECB+ subtopic (one seminal event). Both methods tune their threshold on the
train topics and are reported on the dev topics; the test topics are held back elsewhere.
ECB+ documents carry no dates, so the online index streams them in a shuffled order
(three seeds; the mean is reported) with time features inactive.

    .venv/bin/python bench/stories_ecbplus.py
    .venv/bin/python bench/stories_ecbplus.py --static-leads --dense 0.4  # static lead vectors
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from story_baseline import average_linkage, tfidf_matrix
from story_data import GoldArticle, annotated, lead_vector_options, static_leads
from story_metrics import Scores, score

from newsweave.config import StoriesSettings
from newsweave.model import AnnotatedArticle
from newsweave.stories import ArticleFeatures, StoryIndex, StoryWeights, extract_features

SEEDS = (0, 1, 2)
THRESHOLDS = [round(x, 3) for x in np.arange(0.20, 0.65, 0.05)]

Items = list[tuple[AnnotatedArticle, GoldArticle]]
Featured = list[tuple[ArticleFeatures, GoldArticle]]


def featured(items: Items) -> Featured:
    return [(extract_features(a), g) for a, g in items]


def run_online(
    items: Featured, threshold: float, seed: int, weights: StoryWeights | None = None
) -> Scores:
    order = list(items)
    random.Random(seed).shuffle(order)  # noqa: S311 - a reproducible order, not a secret
    defaults = StoriesSettings()
    index = StoryIndex(
        threshold=threshold, window_days=defaults.window_days, weights=weights or StoryWeights()
    )
    predicted = {f.id: index.assign_features(f).story_id for f, _ in order}
    return score(predicted, {f.id: g.gold for f, g in items})


def mean_online(items: Featured, threshold: float, weights: StoryWeights | None = None) -> Scores:
    runs = [run_online(items, threshold, seed, weights) for seed in SEEDS]
    return Scores(*(float(np.mean([getattr(r, f) for r in runs])) for f in Scores.__slots__))


_MATRICES: dict[int, np.ndarray] = {}


def run_baseline(items: Items, threshold: float) -> Scores:
    if id(items) not in _MATRICES:
        texts = [f"{a.article.title or ''}\n{a.article.text}" for a, _ in items]
        _MATRICES[id(items)] = tfidf_matrix(texts)
    matrix = _MATRICES[id(items)]
    labels = average_linkage(matrix, threshold)
    predicted = {a.article.id: str(label) for (a, _), label in zip(items, labels, strict=True)}
    return score(predicted, {a.article.id: g.gold for a, g in items})


def tune(
    run: Callable[[Any, float], Scores], items: Any, grid: list[float]
) -> tuple[float, Scores]:
    """The threshold of `grid` with the best B3 F1 on `items`, and its scores."""
    return max(((t, run(items, t)) for t in grid), key=lambda ts: ts[1].b3_f1)


def main() -> None:
    args = lead_vector_options(argparse.ArgumentParser(description=__doc__)).parse_args()
    weights = StoryWeights() if args.dense is None else StoryWeights(dense=args.dense)
    data = static_leads(annotated("ecbplus")) if args.static_leads else annotated("ecbplus")
    train = [x for x in data if x[1].split == "train"]
    dev = [x for x in data if x[1].split == "dev"]
    print(f"ECB+: {len(train)} train docs, {len(dev)} dev docs (gold = subtopic)")
    started = time.perf_counter()
    t_base, base_train = tune(
        run_baseline, train, [round(x, 2) for x in np.arange(0.02, 0.5, 0.02)]
    )
    t_online, online_train = tune(
        lambda items, t: mean_online(items, t, weights), featured(train), THRESHOLDS
    )
    print(
        f"tuned on train: baseline threshold {t_base} (train B3 F1 {base_train.b3_f1:.3f}); "
        f"online threshold {t_online} (train B3 F1 {online_train.b3_f1:.3f})"
    )
    print("dev topics:")
    print(run_baseline(dev, t_base).line("TF-IDF average-linkage (batch)"))
    print(mean_online(featured(dev), t_online, weights).line("newsweave online index"))
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
