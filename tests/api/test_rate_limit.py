"""Rate limits over HTTP: a client over its budget gets 429 with Retry-After; reads and writes
have separate budgets, and clients do not share one."""

from __future__ import annotations

import httpx

from newsweave.api.ratelimit import TokenBuckets
from tests.api.test_read import assert_error
from tests.serving import serve_store


def test_reads_over_budget_get_429_and_writes_keep_their_own(seeded_db: str) -> None:
    with (
        serve_store(seeded_db, "api.reads_per_minute=20", "api.writes_per_minute=20") as base,
        httpx.Client(base_url=base, timeout=30) as client,
    ):
        statuses = [client.get("/api/stories").status_code for _ in range(12)]
        # A burst of a quarter of the minute's budget passes; the next requests wait.
        assert statuses[:5] == [200] * 5
        assert 429 in statuses
        refused = client.get("/api/stories")
        assert_error(refused, 429, "NW604")
        assert 1 <= int(refused.headers["Retry-After"]) <= 3
        assert "api.reads_per_minute" in refused.json()["hint"]
        assert refused.headers["X-Content-Type-Options"] == "nosniff"
        # Writes draw on another bucket: this one is refused for want of a token, not a budget.
        write = client.post("/api/articles", json={"articles": []})
        assert write.json()["code"] == "NW603"


def test_no_limit_when_set_to_zero(seeded_db: str) -> None:
    with (
        serve_store(seeded_db, "api.reads_per_minute=0") as base,
        httpx.Client(base_url=base, timeout=30) as client,
    ):
        assert {client.get("/api/actors").status_code for _ in range(30)} == {200}


def test_buckets_refill_per_client_and_stay_bounded() -> None:
    now = [0.0]
    buckets = TokenBuckets(per_minute=120, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(30)] == [0.0] * 30
    assert buckets.take("a") == 0.5  # 2 tokens a second: half a second to the next
    assert buckets.take("b") == 0.0
    now[0] = 0.5
    assert buckets.take("a") == 0.0
    for n in range(10_050):
        buckets.take(f"client-{n}")
    assert len(buckets._buckets) == 10_000
