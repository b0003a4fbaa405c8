"""The shipped gazetteer: names, demonyms, capitals and organisations."""

from __future__ import annotations

import pytest

from newsweave.nlp.gazetteer import fold_name, load_gazetteer


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Russia’s", "Russia", "name"),
        ("the Kremlin", "Russia", "name"),
        ("Russian", "Russia", "demonym"),
        ("Moscow", "Russia", "capital"),
        ("Pyongyang", "North Korea", "capital"),
        ("North Korean", "North Korea", "demonym"),
        ("Slovakian", "Slovakia", "demonym"),
        ("Belarus’", "Belarus", "name"),
        ("UN Security Council", "United Nations", "organisation"),
        ("the US", "United States", "name"),
    ],
)
def test_gazetteer_names_what_news_writes(text: str, name: str, kind: str) -> None:
    found = load_gazetteer().lookup(text)
    assert found is not None
    assert (found.entry.name, found.kind) == (name, kind)


def test_gazetteer_ignores_ordinary_words_and_two_letter_codes() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Western") is None
    assert gazetteer.lookup("in") is None
    assert gazetteer.lookup("It") is None


def test_fold_name_drops_accents_case_and_punctuation() -> None:
    assert fold_name("Aleksandar Vučić") == "aleksandar vucic"
    assert fold_name("Woo Won-shik") == "woo won shik"
