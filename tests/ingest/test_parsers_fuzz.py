"""Fuzz every ingest parser: any bytes give a document or an InputError, nothing else.

`clean_record` under `strict` re-raises any other exception, so each example runs the
parsers and the cleaner exactly as an ingest would, and fails on the first stage bug.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.errors import InputError
from newsweave.ingest import InputRef, parse_record, read_input
from newsweave.model import Article, RawRecord, Rejection
from newsweave.pipeline import clean_record

# Generous per-example deadline: a hang fails the example, a busy machine does not.
FUZZ = settings(
    max_examples=40, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
MAX_BYTES = 50_000

_words = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    # The last two are lone surrogates, which JSON can escape.
    [
        "Mr Kim",
        "3 September 2025",
        "26 leaders",
        "\u2028",
        "\x00",
        "<p>",
        "&amp;",
        "\ud800",
        "\udfff\ud83d",
    ]
)
texts = st.lists(_words, max_size=30).map(" ".join) | st.text(max_size=400)
_json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=5,
)
_dates = st.dates().map(str) | st.datetimes().map(lambda d: d.isoformat()) | texts
_records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=30) | st.integers(),
        "text": texts,
        "html": texts.map(lambda t: f"<html><body><p>{t}</p></body></html>") | texts,
        "title": texts,
        "outlet": _json_values,
        "url": st.text(max_size=60),
        "published": _dates,
        "language": st.sampled_from(["en", "", "xx"]),
        "byline": _json_values,
    },
)
_tags = st.sampled_from(["p", "div", "article", "script", "style", "h1", "title", "meta", "br"])
html_pages = st.lists(
    st.tuples(_tags, texts).map(lambda tt: f"<{tt[0]}>{tt[1]}</{tt[0]}>") | texts, max_size=12
).map(lambda parts: "<!doctype html><html><body>" + "".join(parts))


def check_record(record: RawRecord) -> None:
    try:
        document = parse_record(record)
    except InputError:
        pass
    else:
        assert document.text is not None
    outcome = clean_record(record, min_chars=40, strict=True)
    assert isinstance(outcome, Article | Rejection)
    if isinstance(outcome, Article):
        assert outcome.text.strip()
        assert outcome.id
        # Whatever is kept must be storable and tokenisable: valid Unicode throughout.
        for value in (outcome.id, outcome.text, outcome.title, outcome.outlet, outcome.byline):
            (value or "").encode("utf-8")


@FUZZ
@given(payload=st.binary(max_size=2000), fmt=st.sampled_from(["text", "html", "jsonl"]))
def test_parsers_survive_any_bytes(payload: bytes, fmt: str) -> None:
    check_record(RawRecord(source="fuzz", payload=payload, format=fmt))


@FUZZ
@given(record=_records)
def test_jsonl_parser_survives_any_record(record: dict[str, Any]) -> None:
    check_record(
        RawRecord(source="fuzz.jsonl:1", payload=json.dumps(record).encode(), format="jsonl")
    )


@FUZZ
@given(page=html_pages, encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def testhtml_pages_parser_survives_any_page(page: str, encoding: str) -> None:
    payload = page.encode(encoding, errors="replace")
    check_record(RawRecord(source="fuzz.html", payload=payload, format="html", default_id="page"))


@FUZZ
@given(text=texts, bom=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_text_parser_survives_any_text(text: str, bom: bytes) -> None:
    encoding = "utf-16-le" if bom == b"\xff\xfe" else "utf-8"
    payload = bom + text.encode(encoding, errors="surrogatepass")  # raw bytes may be invalid
    check_record(RawRecord(source="fuzz.txt", payload=payload, format="text", default_id="t"))


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".xml", ""])
@FUZZ
@given(
    payload=st.binary(max_size=3000) | html_pages.map(lambda h: h.encode(errors="surrogatepass"))
)
def test_readers_survive_any_file(tmp_path: Path, suffix: str, payload: bytes) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(payload)
    try:
        records = list(read_input(InputRef(source=str(path), path=path), max_bytes=MAX_BYTES))
    except InputError:
        return
    for record in records:
        check_record(record)
