"""ECB+ story grouping: the online index against the TF-IDF average-linkage batch baseline.

Gold story = ECB+ subtopic (one seminal event). Both methods tune their threshold on the
train topics and are reported on the dev topics; the test topics are held back elsewhere.
ECB+ documents carry no dates, so the online index streams them in shuffled orders (seeds
0..N-1; the mean is reported, with the spread over orders) with time features inactive.
An arrival order moves B3 F1 by about 0.01-0.02, so tell variants apart over 20 orders.

    .venv/bin/python bench/stories_ecbplus.py --orders 20
    .venv/bin/python bench/stories_ecbplus.py --orders 20 --threshold 0.30  # no tuning
    .venv/bin/python bench/stories_ecbplus.py --orders 20 --threshold 0.30 --days 0  # before
    .venv/bin/python bench/stories_ecbplus.py --static-leads --dense 0.4  # static lead vectors
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from story_baseline import average_linkage, tfidf_matrix
from story_data import GoldArticle, annotated, lead_vector_options, static_leads
from story_metrics import Scores, score

from newsweave.config import StoriesSettings
from newsweave.model import AnnotatedArticle
from newsweave.stories import ArticleFeatures, StoryIndex, StoryWeights, extract_features

THRESHOLDS = [round(x, 3) for x in np.arange(0.20, 0.65, 0.05)]

Items = list[tuple[AnnotatedArticle, GoldArticle]]
Featured = list[tuple[ArticleFeatures, GoldArticle]]


@dataclass(frozen=True, slots=True)
class OrderScores:
    """Scores of the online index over several arrival orders: their mean and spread."""

    mean: Scores
    runs: tuple[Scores, ...]

    @property
    def b3_f1(self) -> float:
        return self.mean.b3_f1

    def spread(self) -> str:
        f1 = [r.b3_f1 for r in self.runs]
        return (
            f"B3 F1 over {len(f1)} orders: sd {np.std(f1):.3f}, "
            f"min {min(f1):.3f}, max {max(f1):.3f}"
        )


def featured(items: Items) -> Featured:
    """Features extracted once: every order and threshold reuses them."""
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


def mean_online(
    items: Featured,
    threshold: float,
    weights: StoryWeights | None = None,
    seeds: Sequence[int] = (0, 1, 2),
) -> OrderScores:
    runs = tuple(run_online(items, threshold, seed, weights) for seed in seeds)
    mean = Scores(*(float(np.mean([getattr(r, f) for r in runs])) for f in Scores.__slots__))
    return OrderScores(mean, runs)


_MATRICES: dict[int, np.ndarray] = {}


def run_baseline(items: Items, threshold: float) -> Scores:
    if id(items) not in _MATRICES:
        texts = [f"{a.article.title or ''}\n{a.article.text}" for a, _ in items]
        _MATRICES[id(items)] = tfidf_matrix(texts)
    matrix = _MATRICES[id(items)]
    labels = average_linkage(matrix, threshold)
    predicted = {a.article.id: str(label) for (a, _), label in zip(items, labels, strict=True)}
    return score(predicted, {a.article.id: g.gold for a, g in items})


def tune(run: Callable[[Any, float], Any], items: Any, grid: list[float]) -> tuple[float, Any]:
    """The threshold of `grid` with the best B3 F1 on `items`, and its scores."""
    return max(((t, run(items, t)) for t in grid), key=lambda ts: ts[1].b3_f1)


def main() -> None:
    parser = lead_vector_options(argparse.ArgumentParser(description=__doc__))
    parser.add_argument("--orders", type=int, default=3, help="shuffled orders (seeds 0..N-1)")
    parser.add_argument("--threshold", type=float, help="the online threshold, not tuned")
    parser.add_argument("--days", type=float, help="weight of the days named (0: as before)")
    args = parser.parse_args()
    weights = StoryWeights()
    if args.dense is not None:
        weights = replace(weights, dense=args.dense)
    if args.days is not None:
        weights = replace(weights, days=args.days)
    seeds = range(args.orders)
    data = static_leads(annotated("ecbplus")) if args.static_leads else annotated("ecbplus")
    train = [x for x in data if x[1].split == "train"]
    dev = [x for x in data if x[1].split == "dev"]
    print(f"ECB+: {len(train)} train docs, {len(dev)} dev docs (gold = subtopic)")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    started = time.process_time()
    t_base, base_train = tune(
        run_baseline, train, [round(x, 2) for x in np.arange(0.02, 0.5, 0.02)]
    )
    grid = THRESHOLDS if args.threshold is None else [args.threshold]
    t_online, online_train = tune(
        lambda items, t: mean_online(items, t, weights, seeds), featured(train), grid
    )
    print(
        f"tuned on train: baseline threshold {t_base} (train B3 F1 {base_train.b3_f1:.3f}); "
        f"online threshold {t_online} (train B3 F1 {online_train.b3_f1:.3f}, mean of "
        f"{args.orders} orders; {online_train.spread()})"
    )
    print("dev topics:")
    print(run_baseline(dev, t_base).line("TF-IDF average-linkage (batch)"))
    online_dev = mean_online(featured(dev), t_online, weights, seeds)
    print(online_dev.mean.line(f"newsweave online, {args.orders} orders"))
    print(f"  {online_dev.spread()}")
    print(f"({time.process_time() - started:.1f} CPU-s)")


if __name__ == "__main__":
    main()
