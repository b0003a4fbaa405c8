"""Fetch a URL safely: http(s) only, public addresses only, bounded in time, size and hops.

Every hop is checked after DNS resolution and then fetched from the very address that was
checked (the connection is pinned to it), so neither a redirect nor a DNS answer that
changes between check and connect can reach a private, loopback or link-local address.
robots.txt and a per-host pause between requests are respected.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsweave.config import IngestSettings
from newsweave.errors import BlockedURL, FetchError, TooLarge
from newsweave.version import __version__

__all__ = ["FetchPolicy", "Fetched", "Fetcher", "is_url", "url_sha256"]

log = logging.getLogger(__name__)

STAGE = "fetch"
USER_AGENT = f"newsweave/{__version__}"
_SCHEMES = {"http", "https"}
_ROBOTS_MAX_BYTES = 512_000

Resolver = Callable[..., Sequence[tuple[Any, ...]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_url(text: str) -> bool:
    """True when `text` names a URL (any scheme), not a file path."""
    scheme = urlsplit(text).scheme
    return len(scheme) > 1 and "://" in text


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits of URL ingestion.

    Attributes:
        allow_private: fetch private, loopback and link-local addresses too.
        allowed_networks: networks fetched even when `allow_private` is off (an intranet).
    """

    max_bytes: int = 20_000_000
    timeout: float = 15.0
    max_redirects: int = 5
    min_interval: float = 1.0
    respect_robots: bool = True
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: IngestSettings) -> FetchPolicy:
        return cls(
            max_bytes=settings.max_bytes,
            timeout=settings.fetch_timeout,
            max_redirects=settings.max_redirects,
            min_interval=settings.min_fetch_interval,
            respect_robots=settings.respect_robots,
            allow_private=settings.allow_private_urls,
        )


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    payload: bytes
    content_type: str


class Fetcher:
    """Fetch URLs under a FetchPolicy, remembering robots.txt and request times per host.

    Args:
        policy: the limits.
        resolve: DNS resolution, `socket.getaddrinfo`-compatible (tests pass a fake).
        transport: an httpx transport (tests may pass a mock one).
    """

    def __init__(
        self,
        policy: FetchPolicy,
        *,
        resolve: Resolver = socket.getaddrinfo,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.policy = policy
        self.resolve = resolve
        self.transport = transport
        self.robots_: dict[str, RobotFileParser | None] = {}
        self.last_request_: dict[str, float] = {}

    def fetch(self, url: str) -> Fetched:
        """Fetch `url`, following at most `max_redirects` redirects, each one checked.

        Raises:
            BlockedURL: a scheme other than http(s), a non-public address, or robots.txt.
            FetchError: a network error, a timeout, an HTTP error status, too many redirects.
            TooLarge: the body is over `max_bytes`.
        """
        with self._client() as client:
            current = url
            for _hop in range(self.policy.max_redirects + 1):
                _parse_url(current, source=url)  # a malformed URL or redirect is refused first
                self._check_robots(client, current, source=url)
                response = self._get(client, current, source=url, limit=self.policy.max_bytes)
                if response is None:
                    raise FetchError(
                        f"{url}: no response", source=url, stage=STAGE, hint="retry later"
                    )
                status, headers, body = response
                location = headers.get("location")
                if 300 <= status < 400 and location:
                    current = urljoin(current, location)
                    continue
                if status >= 400:
                    raise FetchError(
                        f"{url}: the server answered HTTP {status}",
                        source=url,
                        stage=STAGE,
                        hint="check the URL; retry later with `newsweave quarantine retry`",
                    )
                return Fetched(current, body, headers.get("content-type", ""))
        raise FetchError(
            f"{url}: more than {self.policy.max_redirects} redirects",
            source=url,
            stage=STAGE,
            hint="give the final URL directly",
        )

    # --- one request ------------------------------------------------------------------------

    def _client(self) -> httpx.Client:
        return httpx.Client(
            transport=self.transport,
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,
            headers={"user-agent": USER_AGENT},
            trust_env=False,
        )

    def _get(
        self, client: httpx.Client, url: str, *, source: str, limit: int
    ) -> tuple[int, httpx.Headers, bytes] | None:
        parts, port, target = _parse_url(url, source=source)
        host = self._checked_host(parts.scheme, parts.hostname, url=url, source=source)
        address = self._checked_address(host, port, scheme=parts.scheme, source=source)
        self._pause(host)
        pinned = target.copy_with(host=str(address))
        try:
            with client.stream(
                "GET",
                pinned,
                # ASCII (IDNA) forms: a host like "é.example" goes on the wire as xn--9ca.example.
                headers={"host": target.netloc.decode("ascii")},
                extensions={"sni_hostname": target.raw_host.decode("ascii")},
            ) as response:
                return (
                    response.status_code,
                    response.headers,
                    _read_capped(response, limit=limit, source=source),
                )
        except httpx.HTTPError as exc:
            raise FetchError(
                f"{source}: {type(exc).__name__} fetching {url}: {exc}",
                source=source,
                stage=STAGE,
                hint="check the URL and the network; retry with `newsweave quarantine retry`",
            ) from exc

    def _checked_host(self, scheme: str, host: str | None, *, url: str, source: str) -> str:
        if scheme not in _SCHEMES:
            raise BlockedURL(
                f"{source}: the {scheme or 'missing'} scheme is not fetched ({url})",
                source=source,
                stage=STAGE,
                hint="give an http:// or https:// URL; read local files by path",
            )
        if not host:
            raise BlockedURL(
                f"{source}: no host in {url}", source=source, stage=STAGE, hint="give a full URL"
            )
        return host

    def _checked_address(
        self, host: str, port: int | None, *, scheme: str, source: str
    ) -> IPAddress:
        """The first address `host` resolves to, once every address is known to be allowed."""
        try:
            infos = self.resolve(host, port or (443 if scheme == "https" else 80))
        except (OSError, UnicodeError) as exc:
            raise FetchError(
                f"{source}: cannot resolve {host} ({exc})",
                source=source,
                stage=STAGE,
                hint="check the host name and the network",
            ) from exc
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        if not addresses:
            raise FetchError(
                f"{source}: {host} has no address", source=source, stage=STAGE, hint="check it"
            )
        for address in addresses:
            if not self._is_allowed(address):
                raise BlockedURL(
                    f"{source}: {host} resolves to {address}, a non-public address",
                    source=source,
                    stage=STAGE,
                    hint="newsweave fetches public addresses only; pass --allow-private-urls "
                    "(or --set ingest.allow_private_urls=true) to fetch from your own network",
                )
        return addresses[0]

    def _is_allowed(self, address: IPAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            return self._is_allowed(address.ipv4_mapped)
        if address.is_global and not address.is_multicast:
            return True
        if self.policy.allow_private:
            return not address.is_multicast and not address.is_unspecified
        return any(address in ipaddress.ip_network(n) for n in self.policy.allowed_networks)

    def _pause(self, host: str) -> None:
        """Wait so that one host gets at most one request per `min_interval` seconds."""
        interval = max(self.policy.min_interval, self._crawl_delay(host))
        last = self.last_request_.get(host)
        if last is not None:
            wait = last + interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self.last_request_[host] = time.monotonic()

    # --- robots.txt -------------------------------------------------------------------------

    def _check_robots(self, client: httpx.Client, url: str, *, source: str) -> None:
        if not self.policy.respect_robots:
            return
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots_:
            self.robots_[origin] = self._read_robots(client, origin, source=source)
        rules = self.robots_[origin]
        if rules is not None and not rules.can_fetch(USER_AGENT, url):
            raise BlockedURL(
                f"{source}: robots.txt of {origin} disallows {url}",
                source=source,
                stage=STAGE,
                hint="respect the site's wishes, or ingest a saved copy of the page",
            )

    def _read_robots(
        self, client: httpx.Client, origin: str, *, source: str
    ) -> RobotFileParser | None:
        try:
            response = self._get(
                client, origin + "/robots.txt", source=source, limit=_ROBOTS_MAX_BYTES
            )
        except (FetchError, TooLarge) as exc:
            log.info("no robots.txt from %s (%s): fetching allowed", origin, exc)
            return None
        rules = RobotFileParser()
        if response is None:
            return None
        status, _headers, body = response
        if status in {401, 403}:
            rules.parse(["User-agent: *", "Disallow: /"])
        elif status == 200:
            rules.parse(body.decode("utf-8", errors="replace").splitlines())
        else:
            return None
        return rules

    def _crawl_delay(self, host: str) -> float:
        for origin, rules in self.robots_.items():
            if rules is not None and urlsplit(origin).hostname == host:
                delay = rules.crawl_delay(USER_AGENT)
                return float(delay) if delay else 0.0
        return 0.0


def _parse_url(url: str, *, source: str) -> tuple[SplitResult, int | None, httpx.URL]:
    """Split `url`, its port and its httpx form, or refuse it as malformed.

    Raises:
        BlockedURL: a bad port, an unbalanced IPv6 bracket, a host IDNA cannot encode, ...
    """
    try:
        parts = urlsplit(url)
        return parts, parts.port, httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:  # UnicodeError and IDNAError are ValueErrors
        raise BlockedURL(
            f"{source}: {url!r} is not a valid URL ({exc})",
            source=source,
            stage=STAGE,
            hint="check the URL (host, port, brackets around IPv6 addresses)",
        ) from exc


def _read_capped(response: httpx.Response, *, limit: int, source: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(source, limit, f"{int(declared):,} bytes announced")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise _too_large(source, limit, "the body kept going")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(source: str, limit: int, detail: str) -> TooLarge:
    return TooLarge(
        f"{source} is over the {limit:,}-byte cap ({detail})",
        source=source,
        stage=STAGE,
        hint="raise ingest.max_bytes (--set ingest.max_bytes=N) if the page is really that big",
    )


def url_sha256(url: str) -> str:
    """Digest recorded for a URL that produced no bytes (blocked, unreachable)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()
