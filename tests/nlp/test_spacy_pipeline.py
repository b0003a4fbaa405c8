"""spaCy on numpy's BLAS: the same entities, sentences and parses as on thinc's blis.

The texts are the BASIL excerpts of tests/data/basil_two_events.jsonl (source in
tests/data/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsweave.nlp.assemble
from newsweave.compare.atomic import load_parser
from newsweave.model import Article
from newsweave.nlp import Annotator
from newsweave.nlp.blas import one_blas_thread
from newsweave.nlp.spacy_pipeline import english_model, load_spacy, load_spacy_parser
from tests.blas_threads import numpy_blas_threads

DATA = Path(__file__).parents[1] / "data"


def _paragraphs() -> list[str]:
    lines = (DATA / "basil_two_events.jsonl").read_text(encoding="utf-8").splitlines()
    return [p for line in lines for p in json.loads(line)["text"].split("\n\n") if p.strip()]


def _on_blis(nlp: Any) -> bool:
    return any(
        getattr(node.ops, "use_blis", True)
        for _, component in nlp.components
        if getattr(component, "model", None) is not None
        for node in component.model.walk()
    )


def test_newsweave_pipelines_multiply_on_numpy_blas() -> None:
    for nlp in (load_spacy(), load_parser(), load_spacy_parser()):
        assert not _on_blis(nlp)


def test_numpy_blas_gives_the_entities_and_sentences_of_blis() -> None:
    stock = english_model().load(
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
    )
    stock.enable_pipe("senter")
    assert _on_blis(stock)
    texts = _paragraphs()
    with one_blas_thread():
        ours = list(load_spacy().pipe(texts))
    theirs = list(stock.pipe(texts))
    assert sum(len(doc.ents) for doc in ours) > 50
    for a, b in zip(ours, theirs, strict=True):
        assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == [
            (e.start_char, e.end_char, e.label_) for e in b.ents
        ]
        assert [s.start_char for s in a.sents] == [s.start_char for s in b.sents]


def test_numpy_blas_gives_the_parses_of_blis() -> None:
    stock = english_model().load(exclude=["ner", "lemmatizer"])
    assert _on_blis(stock)
    sentences = [s.text for doc in load_spacy().pipe(_paragraphs()) for s in doc.sents]
    with one_blas_thread():
        ours = list(load_parser().pipe(sentences))
    theirs = list(stock.pipe(sentences))
    assert len(sentences) > 50
    for a, b in zip(ours, theirs, strict=True):
        assert [(t.dep_, t.head.i, t.tag_) for t in a] == [(t.dep_, t.head.i, t.tag_) for t in b]


def test_annotation_runs_spacy_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    collect = newsweave.nlp.assemble._collect

    def watched(*args: Any) -> None:
        seen.extend(numpy_blas_threads())
        collect(*args)

    before = numpy_blas_threads()
    monkeypatch.setattr(newsweave.nlp.assemble, "_collect", watched)
    text = "\n\n".join(_paragraphs()[:3])
    article = Article(id="a", source="a", sha256="0", text=text, content_hash="0")
    assert Annotator()(article).entities
    assert seen
    assert set(seen) == {1}
    assert numpy_blas_threads() == before


def test_a_lead_vector_does_not_depend_on_the_articles_annotated_with_it() -> None:
    # Padded to its batch's longest lead, a lead's vector moved in its last bits.
    lines = (DATA / "basil_two_events.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [
        Article(id=d["id"], source=d["id"], sha256="0", text=d["text"], content_hash="0")
        for d in map(json.loads, lines)
    ]
    annotator = Annotator(batch_size=8)
    together = [a.vector for a in annotator.pipe(articles)]
    alone = [annotator(article).vector for article in articles]
    assert len(together) == 6
    for a, b in zip(together, alone, strict=True):
        assert a.tobytes() == b.tobytes()
