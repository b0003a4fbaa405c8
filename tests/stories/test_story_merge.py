"""An article close to two stories bridges them: with a merge margin set, they become one."""

from __future__ import annotations

from newsweave.stories import StoryIndex, StoryWeights, story_id_for
from tests.stories.synthetic import report


def test_an_article_close_to_two_stories_merges_them_into_the_closer() -> None:
    index = StoryIndex(threshold=0.30, window_days=10, weights=StoryWeights(merge_margin=0.1))
    index.assign_features(report("a", (1.0, 0.0), ("shared", "left")))
    index.assign_features(report("b", (0.0, 1.0), ("shared", "right")))
    assert len(index.stories_) == 2
    bridge = index.assign_features(report("c", (0.8, 0.6), ("shared", "left", "right")))
    assert bridge.story_id == story_id_for("a")
    assert list(index.stories_) == [story_id_for("a")]
    assert index.stories_[story_id_for("a")].n_articles == 3
    assert index.take_changes().merged == {story_id_for("b"): story_id_for("a")}
