"""Walk the inputs a user names (files, folders, "-" for standard input) and cut records."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsweave.errors import EmptyInput, TooLarge, UnreadableInput
from newsweave.ingest.feeds import read_feed
from newsweave.ingest.sniff import is_binary, sniff_format
from newsweave.ingest.url import Fetcher, FetchPolicy
from newsweave.model import RawRecord

__all__ = ["InputRef", "file_sha256", "iter_inputs", "read_input"]

STAGE = "read"

# Editor droppings and OS metadata that are never articles.
_SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input: a file, a URL, or a stream such as standard input (read as JSON Lines)."""

    source: str
    path: Path | None = None
    stream: BinaryIO | None = None
    url: str | None = None


def iter_inputs(
    paths: Iterable[str | Path], *, stdin: BinaryIO | None = None
) -> Iterator[InputRef]:
    """Yield every input under `paths` in a stable order: folders recursively, sorted by name.

    Raises:
        FileNotFoundError: a named path does not exist (a usage error, not an input to keep).
    """
    for raw in paths:
        if str(raw) == "-":
            yield InputRef(source="<stdin>", stream=stdin or sys.stdin.buffer)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name not in _SKIPPED_NAMES and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    yield InputRef(source=str(child), path=child)
        elif path.exists():
            yield InputRef(source=str(path), path=path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_input(
    ref: InputRef, *, max_bytes: int, fetcher: Fetcher | None = None
) -> Iterator[RawRecord]:
    """Cut one input into records: a JSON Lines input gives one per line, a feed one per
    entry, other files and pages one.

    Raises:
        TooLarge, EmptyInput, UnreadableInput, FeedError: for the input as a whole; records
            already yielded stand on their own.
        BlockedURL, FetchError: a URL that policy refuses or that could not be fetched.
    """
    if ref.stream is not None:
        yield from _read_jsonl_lines(ref.stream, source=ref.source, max_bytes=max_bytes)
        return
    if ref.url is not None:
        yield from _read_url(ref, fetcher or Fetcher(FetchPolicy(max_bytes=max_bytes)))
        return
    assert ref.path is not None  # noqa: S101 - an InputRef has a stream, a URL or a path
    path = ref.path
    size = path.stat().st_size
    suffix = path.suffix
    if suffix.lower() in {".jsonl", ".ndjson"}:
        with path.open("rb") as handle:
            yield from _read_jsonl_lines(handle, source=ref.source, max_bytes=max_bytes)
        return
    if size > max_bytes:
        raise TooLarge(
            f"{ref.source} is {size:,} bytes, over the {max_bytes:,}-byte cap",
            source=ref.source,
            stage=STAGE,
            hint="split the file, or raise ingest.max_bytes (--set ingest.max_bytes=N)",
        )
    payload = path.read_bytes()
    _check_text(payload, source=ref.source)
    fmt = sniff_format(payload, suffix=suffix)
    if fmt == "feed":
        yield from read_feed(payload, source=ref.source)
        return
    yield RawRecord(
        source=ref.source,
        payload=payload,
        format=fmt,
        path=str(path),
        default_id=path.stem,
    )


def _read_url(ref: InputRef, fetcher: Fetcher) -> Iterator[RawRecord]:
    assert ref.url is not None  # noqa: S101 - called for URL inputs only
    fetched = fetcher.fetch(ref.url)
    _check_text(fetched.payload, source=ref.source)
    suffix = ".html" if "html" in fetched.content_type else ""
    if "rss" in fetched.content_type or "atom" in fetched.content_type:
        suffix = ".rss"
    fmt = sniff_format(fetched.payload, suffix=suffix)
    if fmt == "feed":
        yield from read_feed(fetched.payload, source=ref.source, url=fetched.url)
        return
    yield RawRecord(
        source=ref.source,
        payload=fetched.payload,
        format=fmt,
        url=fetched.url,
    )


def _check_text(payload: bytes, *, source: str) -> None:
    if not payload.strip():
        raise EmptyInput(
            f"{source} is empty",
            source=source,
            stage=STAGE,
            hint="remove the file or give it the article's text",
        )
    if is_binary(payload):
        raise UnreadableInput(
            f"{source} looks binary (control bytes), not text, HTML, a feed or JSON Lines",
            source=source,
            stage=STAGE,
            hint="convert it to text or HTML first (e.g. PDF -> text)",
        )


def _read_jsonl_lines(handle: BinaryIO, *, source: str, max_bytes: int) -> Iterator[RawRecord]:
    # readline with a limit keeps a single huge line from being loaded whole.
    line_no = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        line_no += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            digest = hashlib.sha256(line)
            _skip_rest_of_line(handle, digest)
            yield RawRecord(
                source=f"{source}:{line_no}",
                payload=b"",
                format="jsonl-oversize",
                sha256=digest.hexdigest(),
            )
            continue
        if not line.strip():
            continue
        yield RawRecord(source=f"{source}:{line_no}", payload=line, format="jsonl")


def _skip_rest_of_line(handle: BinaryIO, digest: hashlib._Hash) -> None:
    while True:
        chunk = handle.readline(1 << 20)
        digest.update(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return
