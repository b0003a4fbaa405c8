"""Group: AnnotatedArticle -> StoryAssignment, online, as articles arrive."""

from newsweave.stories.features import ArticleFeatures, extract_features
from newsweave.stories.index import (
    LIVE_WINDOWS,
    IndexChanges,
    IndexSnapshot,
    StoryArchive,
    StoryIndex,
)
from newsweave.stories.profile import StoryState, story_id_for
from newsweave.stories.rebuild import RebuildResult, rebuild_stories
from newsweave.stories.scoring import StoryWeights
from newsweave.stories.summary import format_span, summarize_story

__all__ = [
    "LIVE_WINDOWS",
    "ArticleFeatures",
    "IndexChanges",
    "IndexSnapshot",
    "RebuildResult",
    "StoryArchive",
    "StoryIndex",
    "StoryState",
    "StoryWeights",
    "extract_features",
    "format_span",
    "rebuild_stories",
    "story_id_for",
    "summarize_story",
]
