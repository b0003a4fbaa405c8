"""Group: AnnotatedArticle -> StoryAssignment, online, as articles arrive."""

from newsweave.stories.index import StoryIndex, StoryState, story_id_for

__all__ = ["StoryIndex", "StoryState", "story_id_for"]
