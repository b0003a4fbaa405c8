"""Plain-text articles: decode the bytes and take a headline from the first line."""

from __future__ import annotations

import re

from newsweave.errors import EncodingError

__all__ = ["decode_bytes", "split_title"]

STAGE = "decode"

_BOM_CODECS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# A headline: short, not ending like a sentence, followed by a blank line or more text.
_MAX_TITLE_WORDS = 25
_SENTENCE_END = re.compile(r"[.!…]['\"’”)]?$")


def decode_bytes(payload: bytes, *, source: str) -> tuple[str, str]:
    """Decode text bytes: BOMs first, then UTF-8, then Windows-1252, then Latin-1.

    Returns:
        The text and the name of the encoding that decoded it.

    Raises:
        EncodingError: the bytes carry a BOM but do not decode under it.
    """
    for bom, codec in _BOM_CODECS:
        if payload.startswith(bom):
            try:
                return payload.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"{source} starts with a {codec} byte-order mark but is not valid {codec}: "
                    f"{exc.reason} at byte {exc.start}",
                    source=source,
                    stage=STAGE,
                    hint="re-save the file as UTF-8",
                ) from exc
    try:
        return payload.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return payload.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # Latin-1 maps every byte; reached only for the five bytes cp1252 leaves undefined.
        return payload.decode("latin-1"), "latin-1"


def split_title(text: str) -> tuple[str | None, str]:
    """Take the first non-empty line as a headline when it reads like one.

    A headline is at most 25 words, does not end with a full stop, and has more text after
    it. Returns the title (or None) and the remaining body.
    """
    stripped = text.lstrip("\ufeff\r\n\t ")
    first, newline, rest = stripped.partition("\n")
    first = first.strip()
    if not newline or not rest.strip():
        return None, text
    if len(first.split()) > _MAX_TITLE_WORDS or _SENTENCE_END.search(first):
        return None, text
    return first, rest
