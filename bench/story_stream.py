"""Stream a dated corpus through the online index in publication order and score it."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from story_data import annotated
from story_metrics import Scores, score

from newsweave.config import StoriesSettings
from newsweave.stories import StoryIndex, extract_features

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def stream_dated(corpus: str, settings: StoriesSettings | None = None) -> tuple[Scores, float]:
    """Scores of the online index on `corpus` streamed by date (ties by id); articles/s."""
    settings = settings or StoriesSettings()
    items = annotated(corpus)
    items.sort(key=lambda x: (x[0].article.published or _EPOCH, x[0].article.id))
    features = [extract_features(a) for a, _ in items]
    index = StoryIndex(threshold=settings.threshold, window_days=settings.window_days)
    started = time.perf_counter()
    predicted = {f.id: index.assign_features(f).story_id for f in features}
    rate = len(features) / (time.perf_counter() - started)
    return score(predicted, {a.article.id: g.gold for a, g in items}), rate


def report(corpus: str, label: str) -> None:
    settings = StoriesSettings()
    scores, rate = stream_dated(corpus, settings)
    print(
        f"{label}: streamed in date order, threshold {settings.threshold}, "
        f"window {settings.window_days} days ({rate:.0f} assignments/s)"
    )
    print(scores.line("newsweave online index"))
