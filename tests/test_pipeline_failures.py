"""A stage bug on one input quarantines that input alone (NW500); the run and reruns go on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsweave import pipeline as pipeline_module
from newsweave.ingest import iter_inputs
from newsweave.model import AnnotatedArticle, Article
from newsweave.pipeline import Pipeline
from newsweave.store import Store, audit_store


class _BrittleAnnotator:
    """Annotates like a stub, but fails on any text containing "BOOM"."""

    def __call__(self, article: Article) -> AnnotatedArticle:
        if "BOOM" in article.text:
            raise RuntimeError("tokenizer exploded")
        vector = np.zeros(384, dtype=np.float32)
        vector[len(article.text) % 384] = 1.0
        return AnnotatedArticle(article, (), (), (), (), vector)

    def pipe(self, articles: Iterable[Article]) -> Iterator[AnnotatedArticle]:
        batch = list(articles)
        return iter([self(a) for a in batch])


def _ingest(settings_for: Any, db: str, inputs: Path) -> tuple[Any, Store]:
    store = Store.open(db)
    pipeline = Pipeline(settings_for(db), store)
    pipeline.annotator = _BrittleAnnotator()  # type: ignore[assignment]
    return pipeline.ingest(iter_inputs([inputs])), store


def test_pipeline_quarantines_an_article_that_fails_annotation(
    tmp_path: Path, settings_for: Any
) -> None:
    lines = [
        {"id": f"a{i}", "text": f"Report number {i} on the vote held in the Senate today."}
        for i in range(3)
    ]
    lines[1]["text"] += " BOOM"
    inputs = tmp_path / "feed.jsonl"
    inputs.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    db = str(tmp_path / "store.db")
    summary, store = _ingest(settings_for, db, inputs)
    assert (summary.stored, summary.quarantined) == (2, {"NW500": 1})
    (entry,) = store.quarantine_entries()
    assert entry.rejection.stage == "annotate"
    assert entry.rejection.source.endswith("feed.jsonl:2")
    assert audit_store(store) == []
    store.close()
    again, store = _ingest(settings_for, db, inputs)
    assert (again.stored, again.duplicate, again.quarantined) == (0, 2, {"NW500": 1})
    assert len(store.quarantine_entries()) == 1
    store.close()


def test_pipeline_quarantines_an_input_whose_reader_fails(
    tmp_path: Path, settings_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read_input = pipeline_module.read_input

    def brittle_read_input(ref: Any, **kwargs: Any) -> Iterator[Any]:
        if ref.source.endswith("b.txt"):
            raise RuntimeError("reader exploded")
        return real_read_input(ref, **kwargs)

    monkeypatch.setattr(pipeline_module, "read_input", brittle_read_input)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("a", "b", "c"):
        (inputs / f"{name}.txt").write_text(f"Report {name} on the vote held in the Senate today.")
    summary, store = _ingest(settings_for, str(tmp_path / "store.db"), inputs)
    assert (summary.read, summary.stored, summary.quarantined) == (3, 2, {"NW500": 1})
    (entry,) = store.quarantine_entries()
    assert (entry.rejection.stage, entry.rejection.path) == ("read", str(inputs / "b.txt"))
    assert entry.rejection.sha256  # the file's digest, so a rerun records it once
    store.close()
