"""What ingestion would store for one input, without a store: read -> parse -> clean."""

from __future__ import annotations

from collections.abc import Iterator

from newsweave.clean.document import clean_document
from newsweave.errors import InputError
from newsweave.ingest import InputRef, parse_record, read_input
from newsweave.ingest.url import Fetcher
from newsweave.model import Article

__all__ = ["extract_articles"]


def extract_articles(
    ref: InputRef, *, max_bytes: int, min_chars: int, fetcher: Fetcher | None = None
) -> Iterator[Article | InputError]:
    """Each record of `ref` as the Article ingestion would store, or the InputError that
    would quarantine it (a feed or JSON Lines input gives one item per entry or line).

    Raises:
        InputError: the input as a whole cannot be read (missing bytes, blocked URL, ...).
    """
    for record in read_input(ref, max_bytes=max_bytes, fetcher=fetcher):
        try:
            yield clean_document(parse_record(record), min_chars=min_chars)
        except InputError as exc:
            yield exc
