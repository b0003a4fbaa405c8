"""Stream a dated corpus through the online index in publication order and score it."""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from datetime import UTC, datetime

from story_data import annotated, lead_vector_options, static_leads
from story_metrics import Scores, score

from newsweave.config import StoriesSettings
from newsweave.stories import StoryIndex, StoryWeights, extract_features

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def stream_dated(
    corpus: str,
    settings: StoriesSettings | None = None,
    *,
    weights: StoryWeights | None = None,
    static: bool = False,
) -> tuple[Scores, float]:
    """Scores of the online index on `corpus` streamed by date (ties by id); articles/s."""
    settings = settings or StoriesSettings()
    items = static_leads(annotated(corpus)) if static else annotated(corpus)
    items.sort(key=lambda x: (x[0].article.published or _EPOCH, x[0].article.id))
    features = [extract_features(a) for a, _ in items]
    index = StoryIndex(
        threshold=settings.threshold,
        window_days=settings.window_days,
        weights=weights or StoryWeights(),
    )
    started = time.perf_counter()
    predicted = {f.id: index.assign_features(f).story_id for f in features}
    rate = len(features) / (time.perf_counter() - started)
    return score(predicted, {a.article.id: g.gold for a, g in items}), rate


def report(corpus: str, label: str) -> None:
    parser = lead_vector_options(argparse.ArgumentParser(description=label))
    parser.add_argument("--threshold", type=float, help="instead of stories.threshold")
    args = parser.parse_args()
    settings = StoriesSettings()
    if args.threshold is not None:
        settings = replace(settings, threshold=args.threshold)
    weights = StoryWeights() if args.dense is None else StoryWeights(dense=args.dense)
    scores, rate = stream_dated(corpus, settings, weights=weights, static=args.static_leads)
    if args.static_leads:
        label += ", static lead vectors"
    print(
        f"{label}: streamed in date order, threshold {settings.threshold}, "
        f"window {settings.window_days} days ({rate:.0f} assignments/s)"
    )
    print(scores.line("newsweave online index"))
