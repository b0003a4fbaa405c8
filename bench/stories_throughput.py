"""Story index throughput and memory: assignment alone at 1k/10k/100k articles.

The stream is every annotated article of ECB+, BASIL and NeuS (about 2.6k, in date order,
the undated ECB+ last), repeated with light perturbation to reach the size, as a feed that
goes on in time: each copy's publication dates move past the previous copy's (by the
pool's span plus 30 days; undated ECB+ copies stay undated), a tenth of its terms are
dropped and its lead vector gets noise. Changes are taken every 500 articles, as the
pipeline's batch writes do. `--dense` squeezes each copy's dates into 30 days (a steady
feed of about 60 dated articles a day, so about 1,200 are within two windows).
Each size runs in a fresh process so its peak RSS is its own.
Speed is CPU seconds of `assign_features` alone (the machine is
shared, so wall clock would measure the other work too); cost per article is given for the
first and the last tenth of the stream, so growth with corpus size shows directly.
Whole ingest (read, clean, spaCy, MiniLM, stories, SQLite) runs only when asked, on N
BASIL and NeuS records (`--ingest N`); bench/throughput.py measures the whole pipeline.

    .venv/bin/python bench/stories_throughput.py                   # 1k and 10k
    .venv/bin/python bench/stories_throughput.py 1000 10000 100000
    .venv/bin/python bench/stories_throughput.py --dense 1000 10000 100000   # 30 days a copy
    .venv/bin/python bench/stories_throughput.py --ingest 200
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
from story_data import annotated

from newsweave.config import load_settings
from newsweave.ingest.sources import iter_inputs
from newsweave.pipeline import Pipeline
from newsweave.store import Store
from newsweave.stories import ArticleFeatures, StoryIndex, extract_features

CORPORA = ("basil", "ecbplus", "neus")


def perturbed_stream(
    pool: list[ArticleFeatures], n: int, *, shift: timedelta, seed: int = 0
) -> Iterator[ArticleFeatures]:
    rng = random.Random(seed)  # noqa: S311 - reproducible perturbation, not a secret
    noise = np.random.default_rng(seed)
    for i in range(n):
        copy, base = divmod(i, len(pool))
        f = pool[base]
        if copy == 0:
            yield f
            continue
        terms = {t: w for t, w in f.terms.items() if rng.random() > 0.1}
        vector = f.vector + noise.normal(0, 0.02, f.vector.shape).astype(np.float32)
        when = f.published + shift * copy if f.published else None
        yield replace(
            f,
            id=f"{f.id}~{copy}",
            terms=terms,
            vector=(vector / np.linalg.norm(vector)).astype(np.float32),
            published=when,
        )


def squeezed(pool: list[ArticleFeatures], days: float) -> list[ArticleFeatures]:
    """The pool with its publication dates squeezed, in order, into `days` days."""
    dates = [f.published for f in pool if f.published]
    start, scale = min(dates), timedelta(days=days) / (max(dates) - min(dates))
    return [
        replace(f, published=start + (f.published - start) * scale) if f.published else f
        for f in pool
    ]


def assignment(n: int, squeeze_days: float | None = None) -> dict[str, float]:
    """Assign n articles (features made beforehand, not timed): CPU cost and peak RSS."""
    items = [a for c in CORPORA for a, _ in annotated(c)]
    started = time.process_time()
    pool = [extract_features(a) for a in items]
    feature_rate = len(pool) / (time.process_time() - started)
    pool.sort(key=lambda f: (f.published is None, f.published or 0, f.id))  # type: ignore[arg-type]
    del items
    if squeeze_days:
        pool = squeezed(pool, squeeze_days)
    dates = [f.published for f in pool if f.published]
    # The next copy starts a day after this one ends when squeezed (a dense, steady feed),
    # else 30 days after (the corpora's own density).
    shift = max(dates) - min(dates) + timedelta(days=1 if squeeze_days else 30)
    index = StoryIndex(threshold=load_settings(overrides=[]).stories.threshold)
    tenth = max(n // 10, 1)
    spent, first_tenth, last_tenth, n_stories = 0.0, 0.0, 0.0, 0
    # The tenths hold different parts of the pool at different sizes; whole copies of it
    # compare like with like: the first copy against the last complete one.
    n_copies = n // len(pool)
    per_copy = [0.0] * max(n_copies, 1)
    for i, features in enumerate(perturbed_stream(pool, n, shift=shift)):
        started = time.process_time()
        assigned = index.assign_features(features)
        if i % 500 == 499:
            index.take_changes()
        cost = time.process_time() - started
        n_stories += assigned.is_new_story
        if i // len(pool) < n_copies:
            per_copy[i // len(pool)] += cost
        spent += cost
        if i < tenth:
            first_tenth += cost
        elif i >= n - tenth:
            last_tenth += cost
    return {
        "articles": n,
        "stories": n_stories,
        "live": len(index.stories_),
        "postings": sum(map(len, index.postings_.values())),
        "assign_per_cpu_s": n / spent,
        "first_tenth_us": first_tenth / tenth * 1e6,
        "last_tenth_us": last_tenth / tenth * 1e6,
        "features_per_cpu_s": feature_rate,
        "first_copy_us": per_copy[0] / len(pool) * 1e6 if n_copies else 0.0,
        "last_copy_us": per_copy[-1] / len(pool) * 1e6 if n_copies else 0.0,
        "pool": len(pool),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def whole_ingest(n: int) -> dict[str, float]:
    """The CLI's pipeline on n BASIL + NeuS records into a fresh SQLite file."""
    rows = [(a, g) for c in ("basil", "neus") for a, g in annotated(c)][:n]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stream.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for a, _ in rows:
                record = {
                    "id": a.article.id,
                    "title": a.article.title,
                    "text": a.article.text,
                    "outlet": a.article.outlet,
                    "published": a.article.published.isoformat() if a.article.published else None,
                }
                f.write(json.dumps(record) + "\n")
        settings = load_settings(overrides=[f"store.db={folder}/bench.db"])
        store = Store.open(settings.store.db)
        pipeline = Pipeline(settings, store)
        started = time.perf_counter()
        pipeline.ingest(iter_inputs([path]))
        ingest_s = time.perf_counter() - started
        store.close()
    return {
        "articles": len(rows),
        "ingest_per_s": len(rows) / ingest_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--assign":
        squeeze = float(sys.argv[3]) if len(sys.argv) == 4 else None
        print(json.dumps(assignment(int(sys.argv[2]), squeeze)))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--ingest":
        r = whole_ingest(int(sys.argv[2]))
        print(
            f"whole ingest (read, clean, spaCy, MiniLM, stories, SQLite): {r['articles']:,} "
            f"articles at {r['ingest_per_s']:.1f} articles/s; peak RSS {r['peak_rss_mb']:,.0f} MB"
        )
        return
    dense = "--dense" in sys.argv
    sizes = [int(x) for x in sys.argv[1:] if x != "--dense"] or [1000, 10000]
    print(
        "assignment alone (features precomputed; perturbed copies of ECB+/BASIL/NeuS"
        f"{', each copy squeezed into 30 days' if dense else ''}), "
        f"CPU time; load average {os.getloadavg()[0]:.1f}:"
    )
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--assign", str(n), *(["30"] if dense else [])],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout)
        print(
            f"  {r['articles']:>7,} articles -> {r['stories']:>6,} stories "
            f"({r['live']:,} live at the end, {r['postings']:,} posting entries): "
            f"{r['assign_per_cpu_s']:,.0f} articles per CPU-second; "
            f"{r['first_tenth_us']:,.0f} us/article over the first tenth, "
            f"{r['last_tenth_us']:,.0f} over the last; peak RSS {r['peak_rss_mb']:,.0f} MB "
            f"(feature extraction {r['features_per_cpu_s']:,.0f} articles per CPU-second)"
        )
        if r["first_copy_us"]:
            print(
                f"      whole copies of the {r['pool']:,}-article pool: {r['first_copy_us']:,.0f} "
                f"us/article over the first, {r['last_copy_us']:,.0f} over the last"
            )


if __name__ == "__main__":
    main()
