"""Canonical actors: one actor per person, whatever the article calls them."""

from __future__ import annotations

from newsweave.clean import clean_document
from newsweave.model import RawDocument
from newsweave.nlp import Annotator, resolve_actors


def _annotate(*texts: str) -> list:  # type: ignore[type-arg]
    documents = [
        RawDocument(id=f"a{i}", source=f"a{i}", format="text", sha256=str(i), text=t)
        for i, t in enumerate(texts)
    ]
    return list(Annotator().pipe(clean_document(d) for d in documents))


def test_short_names_and_roles_join_the_full_name() -> None:
    articles = _annotate(
        "German Chancellor Olaf Scholz arrived in Paris on Monday for talks on energy prices. "
        "Mr Scholz said the talks were useful.",
        "Scholz met the French president at the Elysee palace to discuss energy policy.",
    )
    index = resolve_actors(articles)
    (scholz,) = [a for a in index.actors if a.name == "Olaf Scholz"]
    assert {"Scholz", "Mr Scholz", "German Chancellor Olaf Scholz"} <= set(scholz.aliases)
    assert scholz.article_ids == ("a0", "a1")
    assert scholz.type == "person"


def test_two_people_sharing_a_first_name_stay_apart() -> None:
    articles = _annotate(
        "John Kerry and John Boehner met in Washington on Tuesday to discuss the budget deal "
        "before the vote in Congress."
    )
    names = {a.name for a in resolve_actors(articles).actors if a.type == "person"}
    assert {"John Kerry", "John Boehner"} <= names


def test_lowercase_spans_are_not_people() -> None:
    articles = _annotate(
        "The parade will feature fighter jets, hypersonic missiles and other "
        "advanced weaponry, officials said on Tuesday."
    )
    assert all(a.type != "person" or a.name[0].isupper() for a in resolve_actors(articles).actors)


def test_role_and_affiliation_come_from_the_words_before_a_name() -> None:
    (article,) = _annotate(
        "Also attending will be Belarus’ President Aleksandr Lukashenko, Iran’s President "
        "Masoud Pezashkian, Indonesian President Prabowo Subianto and South Korea’s National "
        "Assembly Speaker Woo Won-shik."
    )
    people = {a.name: a for a in resolve_actors([article]).actors if a.type == "person"}
    assert (people["Woo Won-shik"].role, people["Woo Won-shik"].affiliation) == (
        "Speaker",
        "South Korea",
    )
    assert people["Prabowo Subianto"].affiliation == "Indonesia"
    assert people["Masoud Pezashkian"].role == "President"


def test_demonyms_and_acting_capitals_are_the_country() -> None:
    (article,) = _annotate(
        "North Korea, which has mutual defence pacts with both China and Russia, has been "
        "subject to sanctions. Russian troops are in Ukraine. Pyongyang is also deepening "
        "cooperation with Moscow, supplying troops and ammunition for the war in Ukraine. "
        "Putin will attend a military parade in Beijing."
    )
    index = resolve_actors([article])
    by_name = {a.name: a for a in index.actors}
    assert {"Pyongyang"} <= set(by_name["North Korea"].aliases)
    assert {"Moscow", "Russian"} <= set(by_name["Russia"].aliases)
    assert by_name["Russia"].type == "country"
    # "in Beijing" is where the parade is, not China's government acting.
    assert by_name["Beijing"].type == "place"


def test_spelling_variants_of_a_name_are_one_person() -> None:
    articles = _annotate(
        "They include Masoud Pezashkian of Iran and Aleksandar Vucic of Serbia.",
        "Iran’s President Masoud Pezeshkian will also attend the parade in Beijing.",
    )
    (actor,) = [a for a in resolve_actors(articles).actors if "Masoud" in a.name]
    assert {"Masoud Pezashkian", "Masoud Pezeshkian"} <= {actor.name, *actor.aliases}
    assert actor.article_ids == ("a0", "a1")
    assert actor.affiliation == "Iran"


def test_mentions_cite_their_spans() -> None:
    (article,) = _annotate("Mr Kim last visited China in 2019, after Kim Jong Un took power.")
    index = resolve_actors([article])
    for mention in index.mentions:
        assert article.article.text[mention.start : mention.end] == mention.text
    kim = {m.text for m in index.mentions if m.actor_id == "kim-jong-un"}
    assert {"Kim", "Kim Jong Un"} <= kim
