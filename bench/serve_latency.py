"""Latency of the web UI's story list (/) and story page (/stories/ID) at scale.

For each store size and backend: synthesise the stored rows directly (articles, stories and
their reports, cut from the bundled seed reports with varied ids, outlets and dates), start
`newsweave serve` as a separate process on 127.0.0.1, and measure with a threaded load
generator on the same machine. Prints p50/p95 per page with one client (the latency of a
request alone) and with four concurrent clients (2 cores: queueing shows), and the rate.

With --while-ingesting, a writer posts real BASIL articles (three per request) to
POST /api/articles for as long as the readers run, and the rate it stored at is printed too.
Rate limits are off in the served process: the load generator is one client address.

    .venv/bin/python bench/serve_latency.py [--sizes 10000 100000] [--backends sqlite postgresql]
    .venv/bin/python bench/serve_latency.py --sizes 10000 --backends sqlite --while-ingesting

PostgreSQL runs on a throwaway cluster (tests/pgcluster.py, Debian's server binaries).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsweave.cli import main as newsweave_main  # noqa: E402
from newsweave.registry import COMPONENTS  # noqa: E402
from newsweave.store import Store  # noqa: E402
from newsweave.store.codec import vector_to_bytes  # noqa: E402
from tests.pgcluster import PostgresCluster, free_port  # noqa: E402

SEEDS = ROOT / "newsweave" / "data" / "seeds"
OUTLETS = ["Reuters", "AP", "BBC", "Le Monde", "Al Jazeera", "NHK", "Der Spiegel", "El País"]
ARTICLES_PER_STORY = 5
CHUNK = 2000


def seed_template() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The seed articles as stored rows, and their story's report (ingested once)."""
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "seed.db")
        if newsweave_main(["--quiet", "ingest", str(SEEDS), "--db", db]) != 0:
            raise SystemExit("could not ingest the seeds")
        store = Store.open(db)
        with store.engine.connect() as c:
            rows = [dict(r._mapping) for r in c.execute(store.t["articles"].select())]
        report = store.report(rows[0]["story_id"])
        store.close()
    assert report is not None
    return rows, report


def synthesise(target: str, n_articles: int, template: tuple[list[dict[str, Any]], Any]) -> None:
    """Write n_articles articles in stories of ARTICLES_PER_STORY, each story with a report."""
    rows, report = template
    store = Store.open(target)
    articles, stories, reports = (store.t[n] for n in ("articles", "stories", "story_reports"))
    rng = random.Random(7)  # noqa: S311 - synthetic data, not security
    centroid = vector_to_bytes(np.zeros(384, dtype=np.float32))
    start = datetime(2024, 1, 1, tzinfo=UTC)
    seed_ids = [r["id"] for r in rows]
    batch: dict[str, list[dict[str, Any]]] = {"a": [], "s": [], "r": []}

    def flush() -> None:
        with store.transaction() as c:
            for table, key in ((stories, "s"), (articles, "a"), (reports, "r")):
                if batch[key]:
                    c.execute(table.insert(), batch[key])
                    batch[key] = []

    for s in range(n_articles // ARTICLES_PER_STORY):
        story_id = f"st-bench-{s:07d}"
        when = start + timedelta(hours=s * 2)
        ids = [f"bench-{s:07d}-{k}" for k in range(ARTICLES_PER_STORY)]
        title = f"{rows[0]['title']} ({s})"
        for k, article_id in enumerate(ids):
            base = rows[k % len(rows)]
            batch["a"].append(
                {
                    **{c: base[c] for c in base if c not in {"seq"}},
                    "id": article_id,
                    "sha256": f"{s:032x}{k:032x}",
                    "content_hash": f"{k:032x}{s:032x}",
                    "outlet": rng.choice(OUTLETS),
                    "published": (when + timedelta(minutes=k * 30)).isoformat(),
                    "story_id": story_id,
                }
            )
        batch["s"].append(
            {
                "id": story_id,
                "component": COMPONENTS["stories"],
                "title": title,
                "has_headline": True,
                "n_articles": ARTICLES_PER_STORY,
                "centroid": centroid,
                "actors": json.dumps(["kim jong un", "vladimir putin", "xi jinping"]),
                "first_seen": when.isoformat(),
                "last_seen": (when + timedelta(hours=2)).isoformat(),
                "is_dirty": False,
                "updated_at": when.isoformat(),
            }
        )
        # The seed report, its two article ids mapped onto this story's first two.
        data = json.dumps(report).replace(seed_ids[0], ids[0]).replace(seed_ids[1], ids[1])
        data = data.replace(report["id"], story_id)
        batch["r"].append(
            {
                "story_id": story_id,
                "component": COMPONENTS["compare"],
                "data": data,
                "computed_at": when.isoformat(),
            }
        )
        if len(batch["a"]) >= CHUNK:
            flush()
    flush()
    store.close()


TOKEN = "bench-token"  # noqa: S105 - a token this benchmark configures


@contextmanager
def serving(target: str) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "NEWSWEAVE_API_TOKEN": TOKEN,
        "NEWSWEAVE_API_READS_PER_MINUTE": "0",
        "NEWSWEAVE_API_WRITES_PER_MINUTE": "0",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", "from newsweave.cli import _entry; _entry()", "--quiet",
         "serve", "--port", str(port), "--db", target],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/openapi.json", timeout=5)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("newsweave serve did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def load(base: str, paths: list[str], *, workers: int) -> tuple[list[float], float]:
    """Request every path once, `workers` at a time; per-request seconds and wall time."""
    latencies: list[float] = []
    lock = threading.Lock()
    queue = iter(paths)

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            while True:
                with lock:
                    path = next(queue, None)
                if path is None:
                    return
                began = time.perf_counter()
                response = client.get(path)
                took = time.perf_counter() - began
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code}")
                with lock:
                    latencies.append(took)

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - began


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def measure(base: str, n_stories: int, *, requests: int) -> dict[str, dict[str, float]]:
    """Per page kind: p50/p95 with one client (latency alone) and with four (under load)."""
    rng = random.Random(11)  # noqa: S311 - picking pages to load
    story_pages = [f"/stories/st-bench-{rng.randrange(n_stories):07d}" for _ in range(requests)]
    pages = {
        "story list /": ["/"] * requests,
        "story list, page 40": ["/?offset=975"] * requests,
        "story page": story_pages,
        "API story list": ["/api/stories"] * requests,
        "API story detail": [p.replace("/stories/", "/api/stories/") for p in story_pages],
    }
    load(base, story_pages[:20] + ["/"] * 20, workers=2)  # warm up
    results: dict[str, dict[str, float]] = {}
    for name, paths in pages.items():
        alone, _ = load(base, paths, workers=1)
        loaded, wall = load(base, paths, workers=4)
        results[name] = {
            "p50": 1000 * percentile(alone, 50),
            "p95": 1000 * percentile(alone, 95),
            "p50_4": 1000 * percentile(loaded, 50),
            "p95_4": 1000 * percentile(loaded, 95),
            "rps_4": len(loaded) / wall,
        }
    return results


class Writer(threading.Thread):
    """Posts BASIL articles, three per request, until told to stop; counts what was stored."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        from story_data import basil  # bench/ is on the path when run as a script

        self.base = base
        self.articles = [
            {
                "id": f"bench-live-{g.article.id}",
                "title": g.article.title,
                "outlet": g.article.outlet,
                "published": g.article.published.isoformat() if g.article.published else None,
                "text": g.article.text,
            }
            for g in basil()
        ]
        self.stop = threading.Event()
        self.stored = 0
        self.failed = 0
        self.seconds = 0.0

    def post(self, client: httpx.Client, batch: list[dict[str, Any]]) -> None:
        response = client.post(
            "/api/articles", json={"articles": batch}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        if response.status_code == 200:
            self.stored += response.json()["stored"]
        else:
            self.failed += 1

    def warm_up(self) -> None:
        """One write before timing: the server loads its models on the first."""
        with httpx.Client(base_url=self.base, timeout=600) as client:
            self.post(client, self.articles[:3])
        self.articles, self.stored = self.articles[3:], 0

    def run(self) -> None:
        began = time.perf_counter()
        with httpx.Client(base_url=self.base, timeout=600) as client:
            for start in range(0, len(self.articles), 3):
                if self.stop.is_set():
                    break
                self.post(client, self.articles[start : start + 3])
        self.seconds = time.perf_counter() - began


def measure_while_ingesting(
    base: str, n_stories: int, *, requests: int
) -> tuple[dict[str, dict[str, float]], Writer]:
    """Story pages read by one and by four clients while the writer ingests."""
    writer = Writer(base)
    writer.warm_up()
    writer.start()
    try:
        return measure(base, n_stories, requests=requests), writer
    finally:
        writer.stop.set()
        writer.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--requests", type=int, default=100, help="per page kind and load")
    parser.add_argument(
        "--while-ingesting", action="store_true", help="post real articles during the reads"
    )
    args = parser.parse_args()
    template = seed_template()
    print(
        "| articles | backend | page | p50 ms | p95 ms "
        "| p50 ms, 4 clients | p95 ms, 4 clients | req/s, 4 clients |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    for backend in args.backends:
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as folder:
                cluster = PostgresCluster().start() if backend == "postgresql" else None
                try:
                    target = cluster.database() if cluster else str(Path(folder) / "b.db")
                    began = time.perf_counter()
                    synthesise(target, size, template)
                    built = time.perf_counter() - began
                    print(f"<!-- {backend} {size}: rows written in {built:.0f} s -->", flush=True)
                    with serving(target) as base:
                        if args.while_ingesting:
                            results, writer = measure_while_ingesting(
                                base, size // ARTICLES_PER_STORY, requests=args.requests
                            )
                            print(
                                f"<!-- {backend} {size}: writer stored {writer.stored} articles "
                                f"in {writer.seconds:.0f} s "
                                f"({writer.stored / max(writer.seconds, 1e-9):.1f} articles/s), "
                                f"{writer.failed} failed requests -->",
                                flush=True,
                            )
                        else:
                            results = measure(
                                base, size // ARTICLES_PER_STORY, requests=args.requests
                            )
                finally:
                    if cluster:
                        cluster.stop()
            for page, r in results.items():
                print(
                    f"| {size:,} | {backend} | {page} | {r['p50']:.1f} | {r['p95']:.1f} "
                    f"| {r['p50_4']:.1f} | {r['p95_4']:.1f} | {r['rps_4']:.0f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
