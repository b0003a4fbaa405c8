"""Fuzzed inputs through a whole ingest: every record is stored, a duplicate, or quarantined."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.config import load_settings
from newsweave.ingest import iter_inputs
from newsweave.pipeline import Pipeline
from newsweave.store import Store, audit_store

_sentences = st.sampled_from(
    [
        "Mr Kim arrived in Beijing on 3 September 2025 for the parade.",
        "Officials said 26 leaders attended, though state media counted 24.",
        "The Senate voted 97-1 to override the veto on Wednesday.",
        "\u00a0Page 2 of 3 \u2028 Share this article",
        "\x00\x01 binary \ufffd noise",
        "a lone surrogate \ud800 in JSON",
        "",
    ]
) | st.text(max_size=120)
_bodies = st.lists(_sentences, max_size=8).map("\n\n".join)
_records = st.fixed_dictionaries(
    {"id": st.text(max_size=12) | st.integers(), "text": _bodies},
    optional={
        "title": st.text(max_size=40),
        "published": st.dates().map(str) | st.text(max_size=8),
    },
)
_lines = st.lists(
    _records.map(json.dumps) | st.text(max_size=60).filter(lambda s: "\n" not in s), max_size=6
)
_files = st.lists(
    st.tuples(
        st.sampled_from([".txt", ".html", ".md"]),
        _bodies.map(lambda t: t.encode(errors="surrogatepass")) | st.binary(),
    ),
    max_size=3,
)


@pytest.mark.slow
@pytest.mark.timeout(900)  # model loading in several processes on a shared machine
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=_lines, files=_files)
def test_fuzzed_inputs_end_stored_or_quarantined(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], files: list[tuple[str, bytes]]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", errors="surrogatepass")
    for i, (suffix, payload) in enumerate(files):
        (folder / f"file{i}{suffix}").write_bytes(payload)
    store = Store.open(str(folder / "fuzz.db"))
    try:
        pipeline = Pipeline(
            load_settings(overrides=[f"store.db={folder}/fuzz.db"]), store, strict=True
        )
        summary = pipeline.ingest(
            iter_inputs([folder / "feed.jsonl", *sorted(folder.glob("file*"))])
        )
        n_lines = sum(1 for line in lines if line.encode(errors="surrogatepass").strip())
        expected_records = n_lines + len(files)
        assert summary.read == expected_records
        assert summary.stored + summary.duplicate + summary.n_quarantined == summary.read
        assert store.count_articles() == summary.stored
        assert len(store.quarantine_entries()) == summary.n_quarantined
        assert audit_store(store) == []
    finally:
        store.close()
