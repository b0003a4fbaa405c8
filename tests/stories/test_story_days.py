"""Undated reports of one event name the same day; a look-alike event's reports name others.

Real ECB+ documents (`tests/data/ecbplus_days_named.jsonl`, see its README): two reports of
the 2008 arrest in the 1967 Staunton murders, both saying it happened "Friday"; and a report
of Turkmenistan's 2008 parliamentary vote ("Sunday") beside one of the 2013 vote ("Published
on Friday, 27 September 2013", "scheduled for December 15"). None has a publication date.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsweave.clean import clean_document
from newsweave.model import AnnotatedArticle, RawDocument
from newsweave.nlp import Annotator
from newsweave.stories import StoryIndex, StoryWeights
from tests.conftest import DATA, CliRunner

FIXTURE = DATA / "ecbplus_days_named.jsonl"


@pytest.fixture(scope="module")
def reports() -> dict[str, AnnotatedArticle]:
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    documents = [
        RawDocument(
            id=r["id"],
            source=r["id"],
            format="jsonl",
            sha256=hashlib.sha256(r["text"].encode()).hexdigest(),
            text=r["text"],
            url=r.get("url"),
        )
        for r in records
    ]
    return {a.article.id: a for a in Annotator().pipe(clean_document(d) for d in documents)}


def _together(reports: dict[str, AnnotatedArticle], first: str, second: str, days: float) -> bool:
    index = StoryIndex(threshold=0.30, window_days=10.0, weights=StoryWeights(days=days))
    opened = index.assign(reports[first]).story_id
    return index.assign(reports[second]).story_id == opened


def test_undated_reports_naming_the_same_day_join(reports: dict[str, AnnotatedArticle]) -> None:
    # Two sentences each, few shared words: 0.26 without the day, 0.36 with "Friday" shared.
    assert _together(reports, "ecb-22_3ecb", "ecb-22_5ecb", days=StoryWeights().days)
    assert not _together(reports, "ecb-22_3ecb", "ecb-22_5ecb", days=0.0)


def test_undated_look_alikes_naming_other_days_stay_apart(
    reports: dict[str, AnnotatedArticle],
) -> None:
    # Same country, same kind of vote: 0.37 on words, names and lead alone; "Sunday" against
    # "Friday", "09-27" and "12-15" takes 0.10 off.
    assert not _together(reports, "ecb-11_3ecb", "ecb-11_2ecbplus", days=StoryWeights().days)
    assert _together(reports, "ecb-11_3ecb", "ecb-11_2ecbplus", days=0.0)


def _write(path: Path, records: list[str]) -> str:
    path.write_text("".join(records), encoding="utf-8")
    return str(path)


def test_days_named_are_kept_across_a_restart(cli: CliRunner, db: str, tmp_path: Path) -> None:
    # Each report in its own run: the second meets the first's story as restored from the
    # store, so the days it named must have been saved with it.
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    for n, line in enumerate(lines):
        assert cli("ingest", _write(tmp_path / f"{n}.jsonl", [line]), "--db", db).exit_code == 0
    result = cli("stories", "--json", "--db", db)
    groups = sorted(sorted(s["articles"]) for s in result.json()["stories"])
    assert groups == [
        ["ecb-11_2ecbplus"],
        ["ecb-11_3ecb"],
        ["ecb-22_3ecb", "ecb-22_5ecb"],
    ]
