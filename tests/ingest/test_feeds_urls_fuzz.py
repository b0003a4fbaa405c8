"""Fuzz feed and URL ingestion: hostile feeds and servers give records or an InputError.

No network: a fake resolver gives every host a public address and an httpx MockTransport
answers every request (robots.txt included) from the fuzzed responses.
"""

from __future__ import annotations

import itertools
from typing import Any
from xml.sax.saxutils import escape

import httpx
from hypothesis import given
from hypothesis import strategies as st

from newsweave.errors import InputError
from newsweave.ingest import InputRef, read_input
from newsweave.ingest.feeds import read_feed
from newsweave.ingest.url import Fetcher, FetchPolicy
from tests.ingest.test_parsers_fuzz import FUZZ, MAX_BYTES, check_record, html_pages, texts

_dates = st.sampled_from(
    ["Wed, 28 Sep 2016 14:00:00 GMT", "2016-09-28T14:00:00Z", "yesterday", "", "32 Foo 99999"]
) | st.text(max_size=20)
_entries = st.lists(
    st.fixed_dictionaries(
        {"title": texts, "body": texts | html_pages, "date": _dates, "link": st.text(max_size=30)}
    ),
    max_size=4,
)


def _rss(entries: list[dict[str, str]], escaped: bool) -> str:
    quote = escape if escaped else (lambda s: s)
    items = "".join(
        f"<item><title>{quote(e['title'])}</title><link>{quote(e['link'])}</link>"
        f"<pubDate>{quote(e['date'])}</pubDate><description>{quote(e['body'])}</description></item>"
        for e in entries
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    )


def _atom(entries: list[dict[str, str]], escaped: bool) -> str:
    quote = escape if escaped else (lambda s: s)
    items = "".join(
        f"<entry><title>{quote(e['title'])}</title><updated>{quote(e['date'])}</updated>"
        f'<content type="html">{quote(e["body"])}</content></entry>'
        for e in entries
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{items}</feed>'


feeds = st.builds(
    lambda make, entries, escaped, cut: make(entries, escaped).encode(errors="surrogatepass")[
        : cut or None
    ],
    st.sampled_from([_rss, _atom]),
    _entries,
    st.booleans(),
    st.integers(min_value=0, max_value=600),
)


def _read_all(ref: InputRef, fetcher: Fetcher | None = None) -> None:
    try:
        records = list(read_input(ref, max_bytes=MAX_BYTES, fetcher=fetcher))
    except InputError:
        return
    for record in records:
        check_record(record)


@FUZZ
@given(payload=feeds)
def test_feed_reader_survives_any_feed(payload: bytes) -> None:
    try:
        records = list(read_feed(payload, source="fuzz.rss"))
    except InputError:
        return
    for record in records:
        check_record(record)


_locations = st.sampled_from(
    [
        "/next",
        "//other.example/x",
        "http://[::1",
        "http://x:99999/",
        "file:///etc/passwd",
        "http://10.0.0.1/",
        "http://é.example/",
        "",
        "http://a/\x00",
    ]
) | st.text(max_size=30)
_responses = st.lists(
    st.tuples(
        st.sampled_from([200, 200, 301, 302, 403, 404, 500]),
        st.sampled_from(
            ["text/html", "application/rss+xml", "application/atom+xml", "text/plain", ""]
        ),
        _locations,
        feeds
        | html_pages.map(lambda p: p.encode(errors="surrogatepass"))
        | st.binary(max_size=500),
    ),
    min_size=1,
    max_size=4,
)


def _fetcher(responses: list[tuple[int, str, str, bytes]]) -> Fetcher:
    answers = itertools.cycle(responses)

    def handle(_request: httpx.Request) -> httpx.Response:
        status, content_type, location, body = next(answers)
        headers = {"content-type": content_type}
        if 300 <= status < 400:
            headers["location"] = location.encode("ascii", "ignore").decode()
        return httpx.Response(status, headers=headers, content=body)

    def resolve(_host: str, port: int, *_: Any) -> list[tuple[Any, ...]]:
        return [(2, 1, 6, "", ("93.184.216.34", port))]

    policy = FetchPolicy(min_interval=0.0, max_bytes=MAX_BYTES)
    return Fetcher(policy, resolve=resolve, transport=httpx.MockTransport(handle))


@FUZZ
@given(responses=_responses)
def test_url_reader_survives_any_server(responses: list[tuple[int, str, str, bytes]]) -> None:
    url = "https://news.example/story"
    _read_all(InputRef(source=url, url=url), _fetcher(responses))


@FUZZ
@given(
    url=st.builds(
        "{}://{}{}".format,
        st.sampled_from(["http", "https", "ftp", "file", "javascript"]),
        st.text(max_size=20) | st.sampled_from(["[::1", "x:99999", "é.example", "a b"]),
        st.text(max_size=20),
    )
)
def test_url_reader_survives_any_url(url: str) -> None:
    _read_all(InputRef(source=url, url=url), _fetcher([(200, "text/html", "", b"<p>x</p>")]))
