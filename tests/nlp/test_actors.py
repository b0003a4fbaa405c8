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
