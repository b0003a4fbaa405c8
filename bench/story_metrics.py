"""Clustering scores for story grouping: B-cubed and pairwise precision/recall/F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scores:
    b3_p: float
    b3_r: float
    b3_f1: float
    pair_p: float
    pair_r: float
    pair_f1: float
    n_clusters: float

    def line(self, name: str) -> str:
        return (
            f"{name:<34} B3 P {self.b3_p:.3f} R {self.b3_r:.3f} F1 {self.b3_f1:.3f} | "
            f"pairwise P {self.pair_p:.3f} R {self.pair_r:.3f} F1 {self.pair_f1:.3f} | "
            f"{self.n_clusters:.4g} stories"
        )


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Scores of a clustering (item -> cluster) against gold (item -> class), same items."""
    items: Sequence[str] = list(gold)
    both = Counter((predicted[i], gold[i]) for i in items)
    size_p = Counter(predicted[i] for i in items)
    size_g = Counter(gold[i] for i in items)
    b3_p = sum(n * n / size_p[c] for (c, _), n in both.items()) / len(items)
    b3_r = sum(n * n / size_g[g] for (_, g), n in both.items()) / len(items)
    same = sum(n * (n - 1) / 2 for n in both.values())
    pred_pairs = sum(n * (n - 1) / 2 for n in size_p.values())
    gold_pairs = sum(n * (n - 1) / 2 for n in size_g.values())
    pair_p = same / pred_pairs if pred_pairs else 1.0
    pair_r = same / gold_pairs if gold_pairs else 1.0
    return Scores(b3_p, b3_r, _f1(b3_p, b3_r), pair_p, pair_r, _f1(pair_p, pair_r), len(size_p))
