"""Encodings: UTF-8, UTF-16 with a BOM, Windows-1252/Latin-1, declared HTML charsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.errors import EncodingError
from newsweave.ingest.language import detect_language
from newsweave.ingest.text import declared_charset, decode_bytes

TEXT = "Le président a visité Genève — « une réussite », a-t-il dit."


@pytest.mark.parametrize(
    ("payload", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_bytes_reads_each_encoding(payload: bytes, encoding: str) -> None:
    assert decode_bytes(payload, source="x") == (TEXT, encoding)


def test_decode_bytes_latin1_only_byte() -> None:
    # 0x81 is undefined in cp1252: only Latin-1 maps it.
    assert decode_bytes(b"caf\xe9 \x81", source="x")[1] == "latin-1"


def test_decode_bytes_refuses_damaged_utf8() -> None:
    payload = "Genève et Zürich".encode() + b" \xff\xfe broken"
    with pytest.raises(EncodingError, match="UTF-8 with invalid bytes"):
        decode_bytes(payload, source="bad.txt")


def test_decode_bytes_follows_a_declared_charset() -> None:
    page = '<meta charset="shift_jis"><p>商標法違反</p>'.encode("shift_jis")
    charset = declared_charset(page)
    assert charset == "shift_jis"
    text, encoding = decode_bytes(page, source="x", declared=charset)
    assert "商標法違反" in text
    assert encoding == "shift_jis"


@given(st.text(min_size=1, max_size=200))
def test_decode_bytes_round_trips_utf8(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), source="x")[0] == text


def test_detect_language_of_real_sentences() -> None:
    assert (
        detect_language("The Senate voted to override the president's veto on Wednesday.") == "en"
    )
    assert detect_language("Der Bundestag hat am Mittwoch über das neue Gesetz abgestimmt.") == "de"
    assert detect_language("ok") is None
