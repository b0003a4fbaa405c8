"""Undated look-alike reports are told apart by the years their text states."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from newsweave.model import AnnotatedArticle, Article, DateMention, DateValue
from newsweave.stories import ArticleFeatures, StoryIndex, extract_features, story_id_for
from tests.stories.synthetic import report


def _joins(cosine: float, dates: set[str], published: datetime | None = None) -> bool:
    """Whether a second report joins the story of a first one stating 10 September 2008.

    The second shares one of the first's two words (TF-IDF cosine 0.71, worth 0.28); its lead
    vector has `cosine` with the first's (worth 0.30 x cosine); the threshold is 0.30.
    """
    index = StoryIndex(threshold=0.30, window_days=10)
    index.assign_features(report("first", (1.0, 0.0), ("quake", "iran"), {"2008-09-10"}, published))
    vector = (cosine, (1.0 - cosine**2) ** 0.5)
    second = report("second", vector, ("quake",), dates, published)
    return index.assign_features(second).story_id == story_id_for("first")


def test_an_undated_report_stating_the_storys_year_joins_it() -> None:
    assert not _joins(0.0, set())  # 0.28
    assert _joins(0.0, {"2008-09-11"})  # 0.28 + 0.125


def test_an_undated_look_alike_from_another_year_stays_apart() -> None:
    assert _joins(0.2, set())  # 0.34
    assert not _joins(0.2, {"2013-08-12"})  # 0.34 - 0.125


def test_years_stated_do_not_count_for_dated_reports() -> None:
    # A dated report is placed in time by its publication date, not by the years it states.
    when = datetime(2008, 9, 11)
    assert not _joins(0.0, {"2008-09-11"}, when)
    assert _joins(0.2, {"2013-08-12"}, when)


def _joins_after(second_dates: set[str], lead_cosine: float = -0.2) -> bool:
    """Whether an undated report stating 11 September 2008 joins a story of two undated
    reports, the first stating 10 September 2008, the second `second_dates`.

    The third shares one of the story's two words (worth 0.28) and its lead vector has
    `lead_cosine` with theirs (worth 0.30 x -0.2): 0.22 before the years, threshold 0.30.
    """
    index = StoryIndex(threshold=0.30, window_days=10)
    index.assign_features(report("first", (1.0, 0.0), ("quake", "iran"), {"2008-09-10"}))
    index.assign_features(report("second", (1.0, 0.0), ("quake", "iran"), second_dates))
    vector = (lead_cosine, (1.0 - lead_cosine**2) ** 0.5)
    third = report("third", vector, ("quake",), {"2008-09-11"})
    return index.assign_features(third).story_id == story_id_for("first")


def test_years_count_by_the_share_of_the_storys_articles_that_state_them() -> None:
    # Both articles state 2008: the full +0.125. Only one of the two: half of it (0.06), as
    # a year one report of many mentions says little about when the story happened.
    assert _joins_after({"2008-09-10"})  # 0.22 + 0.125
    assert not _joins_after(set())  # 0.22 + 0.06


def _bare_year_report(
    article_id: str, words: str, year: int, vector: tuple[float, ...]
) -> ArticleFeatures:
    """An undated annotated article whose only date is a bare year ("in 2008")."""
    text = f"{words} in {year}"
    article = Article(
        id=article_id, source=article_id, sha256=article_id, text=text, content_hash=article_id
    )
    start = text.index(str(year))
    mention = DateMention(str(year), start, start + 4, 0, DateValue(year=year))
    annotated = AnnotatedArticle(article, (), (), (mention,), (), np.array(vector, np.float32))
    return extract_features(annotated)


def test_a_bare_year_stated_places_an_undated_report() -> None:
    # "the quake in 2013" against a story of "the quake in 2008": lead cosine 0.2, 0.34 before
    # the years, which take 0.125 off (a bare year was once ignored, and it joined).
    index = StoryIndex(threshold=0.30, window_days=10)
    index.assign_features(_bare_year_report("first", "quake iran", 2008, (1.0, 0.0)))
    second = _bare_year_report("second", "quake", 2013, (0.2, 0.96**0.5))
    assert index.assign_features(second).story_id != story_id_for("first")
    same_year = StoryIndex(threshold=0.30, window_days=10)
    same_year.assign_features(_bare_year_report("first", "quake iran", 2008, (1.0, 0.0)))
    again = _bare_year_report("second", "quake", 2008, (0.2, 0.96**0.5))
    assert same_year.assign_features(again).story_id == story_id_for("first")
