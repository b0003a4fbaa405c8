"""Atomic claims: sentences cut at coordination, relative clauses and appositions."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsweave.compare.atomic import load_parser, may_split, split_sentence, whole_sentence
from tests.conftest import run_cli_captured


def _split(text: str) -> list[tuple[str, str, bool]]:
    return [
        (text[c.start : c.end], c.statement, c.is_part) for c in split_sentence(load_parser()(text))
    ]


def test_relative_clause_becomes_its_own_claim() -> None:
    # Seed 000.
    text = (
        "North Korea, which has mutual defence pacts with both China and Russia, has similarly "
        "been subject to United Nations sanctions since 2006."
    )
    main, part = _split(text)
    assert main == (
        text,
        "North Korea has similarly been subject to United Nations sanctions since 2006.",
        False,
    )
    assert part == (
        "which has mutual defence pacts with both China and Russia",
        "North Korea has mutual defence pacts with both China and Russia.",
        True,
    )


def test_apposition_of_a_common_noun_is_a_claim() -> None:
    # Seed 000.
    text = "His country is looking to shore up relations with China, a key strategic partner."
    parts = _split(text)
    assert ("a key strategic partner", "China is a key strategic partner.", True) in parts


def test_list_of_names_is_not_an_apposition() -> None:
    # Seed 002.
    text = (
        "Also attending will be Belarus’ President Aleksandr Lukashenko, Iran’s President "
        "Masoud Pezashkian and Indonesian President Prabowo Subianto."
    )
    assert [p for p in _split(text) if p[2]] == []


def test_coordinated_clauses_split_with_shared_subject() -> None:
    # BASIL (Fox, Orlando), cut.
    text = "Donald Trump ripped President Obama and called for a ban on Muslim immigration."
    main, part = _split(text)
    assert main[0] == "Donald Trump ripped President Obama"
    assert part == (
        "called for a ban on Muslim immigration",
        "Donald Trump called for a ban on Muslim immigration.",
        True,
    )


def test_simple_sentence_is_one_claim() -> None:
    text = "Mr Kim last visited China in January 2019."
    assert _split(text) == [(text, text, False)]


@pytest.mark.parametrize(
    "text",
    [
        "North Korea, which has mutual defence pacts with both China and Russia, has been "
        "subject to sanctions since 2006.",
        "His country is looking to shore up relations with China, a key strategic partner.",
        "Donald Trump ripped President Obama and called for a ban on Muslim immigration.",
        "The leader who visited Beijing met Xi.",
    ],
)
def test_sentences_that_can_be_cut_are_parsed(text: str) -> None:
    assert may_split(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mr Kim last visited China in January 2019.",
        "Twenty-six heads of state will  attend the parade in Beijing -",
    ],
)
def test_a_sentence_left_unparsed_is_the_claim_the_parse_gives(text: str) -> None:
    assert not may_split(text)
    assert [whole_sentence(text)] == [
        replace(c, predicate=None) for c in split_sentence(load_parser()(text))
    ]


@pytest.fixture(scope="module")
def seed_story(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("atomic") / "seeds.db")
    assert run_cli_captured("ingest", str(seeds_dir), "--db", db).exit_code == 0
    (story,) = run_cli_captured("report", "--json", "--db", db).json()["stories"]
    return dict(story)


def test_report_carries_parts_with_statements(seed_story: dict[str, Any]) -> None:
    parts = [c for c in seed_story["claims"] if c["part"]]
    statements = {c["statement"] for c in parts}
    assert "Li Junhua was previously China’s ambassador to Italy, San Marino and Myanmar." in (
        statements
    )
    # The part alone is corroborated by the other outlet's longer sentence.
    ambassador = next(c for c in parts if c["text"].startswith("who was previously China’s"))
    assert ambassador["status"] == "corroborated"
    assert {m["article"] for m in ambassador["mentions"]} == {
        "000_5c6a3b2869026a97",
        "002_3a8454ce8e2e82c1",
    }


def test_brief_quotes_whole_sentences_only(seed_story: dict[str, Any]) -> None:
    by_id = {c["id"]: c for c in seed_story["claims"]}
    assert all(not by_id[s["claim"]]["part"] for s in seed_story["brief"])


def test_parts_of_speech_read_lazily_give_the_full_pipeline_claims(data_dir: Path) -> None:
    # The parser runs without its attribute ruler, which split_sentence applies on first
    # reading a part of speech: every sentence must split as under the whole pipeline.
    parser = load_parser()
    assert "attribute_ruler" in parser.disabled
    records = (data_dir / "basil_two_events.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [
        " ".join(sentence.split()) + "."
        for record in records
        for sentence in json.loads(record)["text"].split(". ")
        if may_split(sentence)
    ]
    assert len(texts) > 40
    lazy = [split_sentence(doc) for doc in parser.pipe(texts)]
    with parser.select_pipes(enable=[*parser.pipe_names, "attribute_ruler"]):
        eager = [split_sentence(doc) for doc in parser.pipe(texts)]
    assert lazy == eager
    assert sum(len(claims) > 1 for claims in lazy) > 5


def test_a_sentence_whose_cuts_fail_other_checks_runs_no_attribute_ruler() -> None:
    # "that" is the object of the relative clause, so nothing is cut, and the sentence's
    # parts of speech (the attribute ruler's work) are never needed.
    doc = load_parser()("The bill that Congress passed last week was vetoed by the president.")
    assert [(c.statement, c.is_part) for c in split_sentence(doc)] == [
        ("The bill that Congress passed last week was vetoed by the president.", False)
    ]
    assert not doc.user_data
