"""Actors linked across stories in the store: one actor per person, corpus-wide."""

from __future__ import annotations

from newsweave.clean import clean_document
from newsweave.model import AnnotatedArticle, RawDocument
from newsweave.nlp import Annotator, resolve_actors
from newsweave.store import Store


def _annotate(article_id: str, text: str) -> AnnotatedArticle:
    document = RawDocument(id=article_id, source=article_id, format="text", sha256="0", text=text)
    return next(Annotator().pipe([clean_document(document)]))


def test_actors_link_across_stories_by_full_name_and_variant(store: Store) -> None:
    first = _annotate(
        "a1",
        "Iran’s President Masoud Pezashkian and North Korean leader Kim Jong Un will attend "
        "the parade. Mr Kim last visited China in 2019.",
    )
    second = _annotate(
        "b1",
        "Masoud Pezeshkian arrived in Beijing. Kim Jong Un met Russian President Vladimir "
        "Putin, and Moscow said the talks went well.",
    )
    with store.transaction() as c:
        store.actors.save_story(c, "st-1", resolve_actors([first]))
    with store.transaction() as c:
        store.actors.save_story(c, "st-2", resolve_actors([second]))
    summaries = {s.actor.id: s for s in store.actors.summaries()}
    assert summaries["kim-jong-un"].n_stories == 2
    assert summaries["masoud-pezashkian"].n_stories == 2
    assert "Masoud Pezeshkian" in summaries["masoud-pezashkian"].actor.aliases
    assert store.actors.find("Moscow").id == "russia"


def test_recomputing_a_story_replaces_its_mentions(store: Store) -> None:
    article = _annotate("a1", "Kim Jong Un will attend the parade in Beijing next week.")
    for _ in range(2):
        with store.transaction() as c:
            store.actors.save_story(c, "st-1", resolve_actors([article]))
    (kim,) = [s for s in store.actors.summaries() if s.actor.id == "kim-jong-un"]
    assert kim.n_mentions == 1
