"""Event words: heads, lemmas and the keys that join an event's names (real sentences)."""

from __future__ import annotations

import pytest

from newsweave.nlp.events import event_key, head_token, is_reporting
from newsweave.nlp.spacy_pipeline import load_spacy_parser


def test_the_head_of_a_phrasal_event_is_its_verb() -> None:
    # ECB+ 1_10ecbplus: "Lindsay Lohan checks into Betty Ford Center" (gold mention "checks into").
    doc = load_spacy_parser()("Lindsay Lohan checks into Betty Ford Center")
    head = head_token([doc[2], doc[3]])
    assert head.text == "checks"
    assert event_key(head.lemma_) == "check"


@pytest.mark.parametrize(
    ("lemma", "others", "key"),
    [
        ("dies", {"die"}, "death"),  # a noun-tagged "dies" joins the verb "die", and "death"
        ("blaze", set(), "fire"),
        ("shooting", {"shoot"}, "shoot"),
        ("shooting", set(), "shooting"),  # no verb seen: stays itself
        ("bombing", set(), "frame:attack"),  # a trigger of the attack frame
        ("strike", set(), "frame:attack"),
        ("visited", set(), "frame:visit"),
    ],
)
def test_event_keys_join_inflections_and_frame_triggers(
    lemma: str, others: set[str], key: str
) -> None:
    assert event_key(lemma, others) == key


def test_reporting_verbs_are_told_apart() -> None:
    assert is_reporting("say")
    assert not is_reporting("fire")
