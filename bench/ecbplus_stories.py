"""Shared by the ECB+ coreference benchmarks: newsweave's own stories for each document.

Each gold topic's documents go through the online story index (the pipeline's, default
settings: threshold tuned on the train topics by `bench/stories_ecbplus.py`) in file order,
as annotated by newsweave (cached by `story_data.annotated`). A document's story stands for
"which seminal event it tells"; ECB+ topics hold two.
"""

from __future__ import annotations

from collections import defaultdict

from story_data import annotated

from newsweave.config import StoriesSettings
from newsweave.stories import StoryIndex


def predicted_stories(topics: tuple[int, ...]) -> dict[str, str]:
    """Document name (as in ECB+, without ".xml") -> story id, for the given topics."""
    by_topic = defaultdict(list)
    for note, _gold in annotated("ecbplus"):
        topic = int(note.article.id.split("_", 1)[0])
        if topic in topics:
            by_topic[topic].append(note)
    settings = StoriesSettings()
    stories = {}
    for topic, notes in sorted(by_topic.items()):
        index = StoryIndex(threshold=settings.threshold, window_days=settings.window_days)
        placed = {
            note.article.id.removesuffix(".xml"): index.assign(note).story_id
            for note in sorted(notes, key=lambda n: n.article.id)
        }
        merged = index.take_changes().merged  # a story merged into another lives on there
        for name, story in placed.items():
            while story in merged:
                story = merged[story]
            stories[name] = f"{topic}/{story}"
    return stories


def gold_stories(names: list[str]) -> dict[str, str]:
    """Document name -> gold subtopic (the ECB or the ECB+ half of its topic)."""
    return {n: n.split("_", 1)[0] + ("plus" if n.endswith("plus") else "") for n in names}
