"""Tune the story index's weights and threshold on ECB+ train topics (never dev, never BASIL).

Coordinate search: each weight in turn over a few values, the threshold re-tuned each time;
prints the best weights, which are then written into `StoryWeights` defaults by hand.

    .venv/bin/python bench/stories_tune.py
"""

from __future__ import annotations

from dataclasses import replace

from stories_ecbplus import THRESHOLDS, featured, mean_online, tune
from story_data import annotated

from newsweave.stories import StoryWeights

GRID = {
    "dense": [0.0, 0.2, 0.35, 0.5, 0.7],
    "lexical": [0.3, 0.5, 0.65, 0.8, 1.0],
    "entities": [0.0, 0.1, 0.25, 0.4],
    "dates": [0.0, 0.05, 0.1, 0.2],
    "numbers": [0.0, 0.05, 0.1],
}


def main() -> None:
    train = featured([x for x in annotated("ecbplus") if x[1].split == "train"])
    weights = StoryWeights()
    best_t, best = tune(lambda items, t: mean_online(items, t, weights), train, THRESHOLDS)
    print(f"start {weights} t={best_t} F1 {best.b3_f1:.4f}", flush=True)
    for _ in range(2):
        for name, values in GRID.items():
            for value in values:
                trial = replace(weights, **{name: value})
                t, s = tune(lambda items, t, w=trial: mean_online(items, t, w), train, THRESHOLDS)
                if s.b3_f1 > best.b3_f1 + 1e-4:
                    weights, best_t, best = trial, t, s
                    print(f"{name}={value} t={t} F1 {s.b3_f1:.4f}", flush=True)
    print(f"best: {weights} threshold {best_t} train B3 F1 {best.b3_f1:.4f}")


if __name__ == "__main__":
    main()
