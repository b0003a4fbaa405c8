"""Per-client rate limits: a token bucket per client address, one for reads, one for writes.

A bucket holds a quarter of the minute's budget (at least 5 requests), so a page load's burst
passes while a client hammering the server is slowed to its budget. Buckets are kept for the
most recently seen clients only, so many addresses cannot grow memory without bound.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from newsweave.api.problems import error_response
from newsweave.errors import RateLimited

__all__ = ["RateLimit", "TokenBuckets"]

_MAX_CLIENTS = 10_000
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class TokenBuckets:
    """Token buckets keyed by client, refilled at `per_minute / 60` tokens a second.

    Example:
        >>> now = [0.0]
        >>> buckets = TokenBuckets(per_minute=60, clock=lambda: now[0])
        >>> [buckets.take("a") for _ in range(16)][-2:]
        [0.0, 1.0]
        >>> now[0] = 2.0
        >>> buckets.take("a"), buckets.take("b")
        (0.0, 0.0)
    """

    def __init__(self, *, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.capacity = max(5.0, per_minute / 4.0)
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Take one token for `client`: 0 if granted, else seconds until one is free."""
        now = self.clock()
        with self._lock:
            tokens, seen = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - seen) * self.rate)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate
            if wait == 0.0:
                tokens -= 1.0
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > _MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return wait


class RateLimit:
    """Answer 429 (code NW604, with Retry-After) to a client over its budget."""

    def __init__(self, app: ASGIApp, *, reads_per_minute: int, writes_per_minute: int) -> None:
        self.app = app
        self.reads = TokenBuckets(per_minute=reads_per_minute) if reads_per_minute else None
        self.writes = TokenBuckets(per_minute=writes_per_minute) if writes_per_minute else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_write = scope.get("method", "GET") in _WRITE_METHODS
        buckets = self.writes if is_write else self.reads
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = buckets.take(client) if buckets is not None else 0.0
        if wait == 0.0:
            await self.app(scope, receive, send)
            return
        budget = "writes" if is_write else "reads"
        response = error_response(
            RateLimited.status,
            RateLimited.code,
            f"too many {budget} from {client}; retry in {math.ceil(wait)} s",
            hint=f"slow down, or raise api.{budget}_per_minute",
        )
        response.headers["Retry-After"] = str(math.ceil(wait))
        await response(scope, receive, send)
