"""Undated look-alike reports are told apart by the years their text states."""

from __future__ import annotations

from datetime import datetime

from newsweave.stories import StoryIndex, story_id_for
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
