"""URL ingestion: a local HTTP server on 127.0.0.1, and every address policy refuses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsweave.errors import BlockedURL, FetchError, TooLarge
from newsweave.ingest.url import Fetcher, FetchPolicy
from tests.conftest import DATA, CliRunner
from tests.serving import Route, html_page, serve_pages

PAGE = (DATA / "pages" / "sciencealert_europa.html").read_bytes()
FEED = (DATA / "feeds" / "basil_veto.atom").read_bytes()
LOOPBACK_ONLY = FetchPolicy(min_interval=0.0, allowed_networks=("127.0.0.0/8",))


ROUTES: dict[str, Route] = {
    "/robots.txt": (200, {"content-type": "text/plain"}, b"User-agent: *\nDisallow: /private\n"),
    "/europa.html": html_page(PAGE),
    "/veto.atom": (200, {"content-type": "application/atom+xml"}, FEED),
    "/private/x.html": (200, {"content-type": "text/html"}, PAGE),
    "/to-europa": (302, {"location": "/europa.html"}, b""),
    "/to-metadata": (302, {"location": "http://169.254.169.254/latest/meta-data/"}, b""),
    "/to-intranet": (301, {"location": "http://10.0.0.1/admin"}, b""),
    "/loop": (302, {"location": "/loop"}, b""),
    "/gone": (404, {"content-type": "text/plain"}, b"not here"),
    "/big.html": (200, {"content-type": "text/html"}, b"<p>" + b"x" * 200_000),
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages(ROUTES) as base:
        yield base


def test_url_page_is_fetched_through_a_redirect(site: str) -> None:
    fetched = Fetcher(LOOPBACK_ONLY).fetch(f"{site}/to-europa")
    assert fetched.url == f"{site}/europa.html"
    assert fetched.payload == PAGE


def test_url_loopback_is_refused_by_default(site: str) -> None:
    with pytest.raises(BlockedURL, match="non-public address"):
        Fetcher(FetchPolicy(min_interval=0.0)).fetch(f"{site}/europa.html")


@pytest.mark.parametrize("path", ["/to-metadata", "/to-intranet"])
def test_url_redirect_to_a_private_address_is_refused(site: str, path: str) -> None:
    with pytest.raises(BlockedURL, match=r"169\.254\.169\.254|10\.0\.0\.1"):
        Fetcher(LOOPBACK_ONLY).fetch(site + path)


def test_url_host_resolving_to_a_private_address_is_refused() -> None:
    def resolve(host: str, port: int) -> list[tuple[Any, ...]]:
        assert host == "news.example"
        return [(2, 1, 6, "", ("10.1.2.3", port))]

    with pytest.raises(BlockedURL, match=r"news\.example resolves to 10\.1\.2\.3"):
        Fetcher(FetchPolicy(min_interval=0.0), resolve=resolve).fetch("http://news.example/a")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://169.254.169.254/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "file:///etc/passwd",
        "gopher://example.org/",
    ],
)
def test_url_hostile_targets_are_refused_before_any_connection(url: str) -> None:
    with pytest.raises(BlockedURL):
        Fetcher(FetchPolicy(min_interval=0.0)).fetch(url)


def test_url_limits(site: str) -> None:
    fetcher = Fetcher(
        FetchPolicy(
            min_interval=0.0, max_bytes=100_000, max_redirects=3, allowed_networks=("127.0.0.0/8",)
        )
    )
    with pytest.raises(TooLarge, match="100,000-byte cap"):
        fetcher.fetch(f"{site}/big.html")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.fetch(f"{site}/loop")
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch(f"{site}/gone")
    with pytest.raises(BlockedURL, match=r"robots\.txt"):
        fetcher.fetch(f"{site}/private/x.html")


def test_ingest_urls_with_allow_private(site: str, db: str, cli: CliRunner) -> None:
    result = cli(
        "--set",
        "ingest.min_fetch_interval=0",
        "ingest",
        "--url",
        f"{site}/europa.html",
        "--url",
        f"{site}/veto.atom",
        "--allow-private-urls",
        "--json",
        "--db",
        db,
    )
    assert result.exit_code == 0, result.stderr
    assert result.json()["stored"] == 3  # the page and the feed's two entries
    again = cli(
        "--set",
        "ingest.min_fetch_interval=0",
        "ingest",
        "--url",
        f"{site}/europa.html",
        "--allow-private-urls",
        "--json",
        "--db",
        db,
    ).json()
    assert (again["stored"], again["duplicate"]) == (0, 1)


def test_ingest_urls_refused_without_the_flag_are_quarantined(
    site: str, db: str, cli: CliRunner, tmp_path: Any
) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# a list\n{site}/europa.html\nhttp://169.254.169.254/\nfile:///etc/passwd\n")
    result = cli("ingest", "--urls", str(urls), "--json", "--db", db)
    assert result.exit_code == 3
    assert result.json()["quarantined"] == {"NW108": 3}
    entries = cli("quarantine", "list", "--json", "--db", db).json()
    assert all(e["sha256"] for e in entries)
    assert any("--allow-private-urls" in e["message"] for e in entries)
    loopback = next(e for e in entries if e["source"].endswith("/europa.html"))
    retried = cli(
        "--set",
        "ingest.min_fetch_interval=0",
        "quarantine",
        "retry",
        str(loopback["id"]),
        "--allow-private-urls",
        "--db",
        db,
    )
    assert retried.exit_code == 0, retried.stderr
    assert len(cli("quarantine", "list", "--json", "--db", db).json()) == 2


def test_extract_url(site: str, cli: CliRunner) -> None:
    result = cli("extract", f"{site}/europa.html", "--allow-private-urls", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["outlet"] == "ScienceAlert"
    refused = cli("extract", f"{site}/europa.html")
    assert refused.exit_code == 2
    assert "error [NW108]" in refused.stderr
