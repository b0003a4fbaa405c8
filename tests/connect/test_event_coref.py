"""Cross-document event coreference on real sentences (ECB+ topic 14 and the seed reports)."""

from __future__ import annotations

from newsweave.connect.events import EventMention, corefer_events
from newsweave.nlp.dates import extract_dates
from newsweave.nlp.spacy_pipeline import load_spacy_parser


def mention(mention_id: str, article: str, story: str, sentence: str, word: str) -> EventMention:
    """The mention of `word` in `sentence`, with its parsed lemma and the sentence's years."""
    token = next(t for t in load_spacy_parser()(sentence) if t.text == word)
    years = frozenset(
        d.value.year for d in extract_dates(sentence) if d.value and d.value.year is not None
    )
    return EventMention(mention_id, article, story, 0, token.lemma_.lower(), years)


def test_one_fire_per_story_and_two_fires_in_two_stories() -> None:
    # Two Waitrose fires: Banstead (14_10ecb, 14_3ecb) and Wellington (14_10ecbplus).
    events = corefer_events(
        [
            mention(
                "banstead-1",
                "14_10ecb",
                "banstead",
                "A fire that ripped through a Waitrose store in Surrey is being treated as "
                "potentially suspicious, police said.",
                "fire",
            ),
            mention(
                "banstead-2",
                "14_3ecb",
                "banstead",
                "More than 50 firefighters have been trying to control the fire which broke "
                "out in the roof of the building.",
                "fire",
            ),
            mention(
                "wellington",
                "14_10ecbplus",
                "wellington",
                "A LARGE fire broke out at the Waitrose supermarket in Wellington town centre "
                "this morning (July 21).",
                "fire",
            ),
            mention(
                "said-1",
                "14_10ecb",
                "banstead",
                "A fire that ripped through a Waitrose store in Surrey is being treated as "
                "potentially suspicious, police said.",
                "said",
            ),
            mention(
                "said-2",
                "14_3ecb",
                "banstead",
                "Police said: “The fire progressed rapidly through the store which is almost "
                "totally destroyed.",
                "said",
            ),
        ]
    )
    assert events["banstead-1"] == events["banstead-2"]
    assert events["wellington"] != events["banstead-1"]
    assert events["said-1"] != events["said-2"]  # two acts of telling


def test_visits_in_different_years_are_different_events() -> None:
    events = corefer_events(
        [
            mention("kim-000", "000", "parade", "Mr Kim last visited China in 2019.", "visited"),
            mention(
                "kim-002", "002", "parade", "Mr Kim last visited China in January 2019.", "visited"
            ),
            mention("putin", "000", "parade", "Mr Putin last visited Beijing in 2024.", "visited"),
        ]
    )
    assert events["kim-000"] == events["kim-002"]
    assert events["putin"] != events["kim-000"]
