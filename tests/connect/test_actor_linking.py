"""Actors linked across stories in the store: one actor per person, corpus-wide."""

from __future__ import annotations

from sqlalchemy import select

from newsweave.clean import clean_document
from newsweave.connect import link_actors
from newsweave.model import Actor, AnnotatedArticle, RawDocument
from newsweave.nlp import Annotator, resolve_actors
from newsweave.nlp.actors import ActorIndex
from newsweave.store import Store


def _annotate(article_id: str, text: str) -> AnnotatedArticle:
    document = RawDocument(id=article_id, source=article_id, format="text", sha256="0", text=text)
    return next(Annotator().pipe([clean_document(document)]))


def _save(store: Store, story_id: str, article: AnnotatedArticle) -> None:
    with store.transaction() as c:
        store.actors.save_story(c, story_id, resolve_actors([article]))


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
    _save(store, "st-1", first)
    _save(store, "st-2", second)
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


def test_linking_by_variant_key_links_as_trying_every_stored_person(store: Store) -> None:
    first = _annotate(
        "a1",
        "Masoud Pezashkian met Kim Jong Un and Vladimir Putin. Mohammed bin Salman and "
        "Masoud Rajavi were not there.",
    )
    _save(store, "st-1", first)
    second = resolve_actors(
        [_annotate("b1", "Masoud Pezeshkian and Mohammad bin Salman met Vladimir Putin.")]
    )
    a, k = store.t["actors"], store.t["actor_keys"]
    with store.engine.connect() as c:
        every_person = [
            (r.id, r.name) for r in c.execute(select(a.c.id, a.c.name).where(a.c.type == "person"))
        ]
        keys = {r.key: r.actor_id for r in c.execute(select(k))}
        stored = {r.id: r for r in c.execute(select(a.c.id))}
    expected = link_actors(
        second,
        keys=keys,
        fetch=lambda i: Actor(i, i, "person", (), ()) if i in stored else None,
        people=every_person,
    )
    with store.transaction() as c:
        linked = store.actors.save_story(c, "st-2", second)
    assert linked.ids == expected.ids
    assert linked.new_keys == expected.new_keys
    assert linked.ids[_local_id(second, "Masoud Pezeshkian")] == "masoud-pezashkian"


def _local_id(index: ActorIndex, name: str) -> str:
    return next(x.id for x in index.actors if name in (x.name, *x.aliases))
