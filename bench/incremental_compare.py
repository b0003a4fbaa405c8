"""Cost of comparing a story again after one article joins it, with and without the cache.

    .venv/bin/python bench/incremental_compare.py [--triplets 10] [--sizes 3 10 20 30]

(`--sizes $(seq 1 30)` times every size both ways: the whole growth, about 10 minutes.)

A live story is compared again each time an article joins it. The story here is BASIL
triplets pooled in corpus order (Fox News, New York Times, HuffPost on one event, then the
next event's three...): BASIL has no event with 30 outlets, so it measures the cost of
comparing 30 articles, not the quality. Articles are annotated first (ingest's work,
untimed). Then the story grows by one article at a time through `report_story`, the call
the pipeline and batch workers make, keeping the story's compare cache between
comparisons. For each size k in --sizes, adding article k is timed both ways in this one
run: from scratch (main before the cache) and with the cache of the comparison at k-1. The
reports of both must be byte-identical (the run stops otherwise); the grown story is then
compared once more with nothing new (what the cache cannot spare). CPU seconds of this
process are the steady figure; the load average is printed beside them. Last, the final
cache is saved into a SQLite store and loaded back (what the pipeline adds per comparison).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from dataclasses import astuple
from pathlib import Path

from compare_speed import data_dir, triplets

from newsweave.config import load_settings
from newsweave.model import AnnotatedArticle, Story
from newsweave.nlp import Annotator
from newsweave.store import Store
from newsweave.store.compare_cache import CompareCache
from newsweave.story_reports import ReportOptions, StoryUpdate, report_story

OPTIONS = ReportOptions.from_settings(load_settings())


def compare(
    articles: list[AnnotatedArticle], cache: CompareCache | None
) -> tuple[StoryUpdate, float]:
    """One comparison of the story made of `articles`, and its CPU seconds."""
    story = Story(id="s", title="bench", article_ids=tuple(a.article.id for a in articles))
    cpu = time.process_time()
    update = report_story(story, articles, options=OPTIONS, cache=cache)
    return update, time.process_time() - cpu


def cache_bytes(cache: CompareCache | None) -> int:
    """About what the cache takes in the store (as JSON)."""
    if cache is None:
        return 0
    parsed = len(json.dumps({t: [astuple(s) for s in spans] for t, spans in cache.parsed.items()}))
    judged = sum(
        70 + sum(len(d.a_text) + len(d.b_text) for d in j.differences)
        for j in cache.judged.values()
    )
    return parsed + judged


def store_round_trip(cache: CompareCache) -> str:
    """What saving the largest cache into a SQLite store and loading it back costs."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(str(Path(folder) / "cache.db"))
        cpu = time.process_time()
        with store.transaction() as connection:
            store.compare_caches.save(connection, "s", cache)
        saved = time.process_time() - cpu
        cpu = time.process_time()
        store.compare_caches.load("s")
        loaded = time.process_time() - cpu
        store.close()
        size = (Path(folder) / "cache.db").stat().st_size
    return (
        f"its cache in SQLite: {size / 1e6:.1f} MB, saved in {saved:.2f} CPU-s, "
        f"loaded in {loaded:.2f} CPU-s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triplets", type=int, default=10, help="BASIL triplets pooled")
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[3, 10, 20, 30], help="story sizes k to time"
    )
    args = parser.parse_args()
    groups = triplets(data_dir() / "basil", args.triplets)
    articles = list(Annotator().pipe([a for g in groups[: args.triplets] for a in g]))
    print(f"load average {os.getloadavg()[0]:.1f}; {len(articles)} articles")
    cache: CompareCache | None = None
    total = 0.0
    sampled = {"full": 0.0, "cache": 0.0}
    print("| k (articles) | CPU-s without cache | CPU-s with cache | ratio | cache MB |")
    print("|---|---|---|---|---|")
    for k in range(1, len(articles) + 1):
        story = articles[:k]
        if k in args.sizes:
            plain, plain_cpu = compare(story, None)
        update, cpu = compare(story, cache)
        total += cpu
        if k in args.sizes:
            if json.dumps(plain.report) != json.dumps(update.report):
                raise SystemExit(f"reports differ at k={k}")
            sampled["full"] += plain_cpu
            sampled["cache"] += cpu
            print(
                f"| {k} | {plain_cpu:.2f} | {cpu:.2f} | {plain_cpu / max(cpu, 1e-9):.1f}x "
                f"| {cache_bytes(update.cache) / 1e6:.1f} |"
            )
        cache = update.cache
    print(f"growing the story to {len(articles)} articles with the cache: {total:.1f} CPU-s")
    print(
        f"summed over the sizes timed both ways: {sampled['full']:.1f} CPU-s in full, "
        f"{sampled['cache']:.1f} with the cache"
    )
    _, again = compare(articles, cache)
    print(f"comparing it again with nothing new, with the cache: {again:.2f} CPU-s")
    if cache is not None:
        print(store_round_trip(cache))
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
