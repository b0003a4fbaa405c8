"""Plain-text articles: decode the bytes and take a headline from the first line."""

from __future__ import annotations

import codecs
import logging
import re

from newsweave.errors import EncodingError

__all__ = ["declared_charset", "decode_bytes", "split_title"]

log = logging.getLogger(__name__)

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
_LATIN1_NAMES = {"iso-8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "iso8859-1"}
# A well-formed multi-byte UTF-8 sequence (2-, 3- or 4-byte).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# <meta charset="..."> or <meta http-equiv="content-type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]+)", re.IGNORECASE)


def declared_charset(payload: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if any."""
    match = _META_CHARSET.search(payload[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode_bytes(payload: bytes, *, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode text bytes: BOM, then a `declared` charset, UTF-8, Windows-1252, Latin-1.

    Returns:
        The text and the name of the encoding that decoded it.

    Raises:
        EncodingError: the bytes carry a BOM but do not decode under it, or they are UTF-8
            with invalid bytes.
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
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared is not None:
        # Browsers read a declared Latin-1 as Windows-1252 (WHATWG); so do we.
        codec = "cp1252" if declared in _LATIN1_NAMES else declared
        try:
            return payload.decode(codec), codecs.lookup(codec).name
        except (LookupError, UnicodeDecodeError):
            log.debug("%s: declared charset %r does not decode it", source, declared)
    if _UTF8_SEQUENCE.search(payload):
        # Real UTF-8 sequences next to invalid bytes: a damaged UTF-8 file, not a legacy
        # one. Guessing cp1252 would turn its accents into mojibake.
        raise EncodingError(
            f"{source} is UTF-8 with invalid bytes "
            f"({utf8_error.reason} at byte {utf8_error.start})",
            source=source,
            stage=STAGE,
            hint="repair or re-export the file as UTF-8 (e.g. iconv -c -f utf-8 -t utf-8)",
        ) from utf8_error
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
