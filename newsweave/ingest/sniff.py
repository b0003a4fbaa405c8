"""Recognise what a payload is before decoding it: binary, JSON Lines, HTML or plain text."""

from __future__ import annotations

import re

__all__ = ["is_binary", "sniff_format"]

# Bytes of these control characters never occur in real text files (tab, LF, CR, FF excepted).
_CONTROL = bytes(range(0, 9)) + bytes([11]) + bytes(range(14, 32))
_HTML_START = re.compile(
    rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<title|<article|<div|<p[ >])", re.IGNORECASE
)
_FEED_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.IGNORECASE | re.DOTALL
)

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def is_binary(payload: bytes) -> bool:
    """True when a payload is clearly not text in any encoding newsweave reads.

    UTF-16 text with a BOM is full of NUL bytes but is text; anything else with NULs, or
    with more than 5 % other control characters in its first 8 KB, is treated as binary.
    """
    head = payload[:8192]
    if head.startswith(_BOMS):
        return False
    if b"\x00" in head:
        return True
    if not head:
        return False
    n_control = len(head) - len(head.translate(None, _CONTROL))
    return n_control / len(head) > 0.05


def sniff_format(payload: bytes, *, suffix: str) -> str:
    """Guess the format of a whole file: "jsonl", "html", "feed" or "text"."""
    suffix = suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    head = payload[:4096].lstrip(b"\xef\xbb\xbf")
    if suffix in {".rss", ".atom"} or _FEED_START.match(head):
        return "feed"
    if suffix in {".html", ".htm", ".xhtml"} or _HTML_START.match(head):
        return "html"
    return "text"
