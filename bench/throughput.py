"""End-to-end ingest throughput: one process vs local Dask clusters, per stage, with memory.

    .venv/bin/python bench/throughput.py --sizes 300 1000 --modes single dask2 dask4

Each run ingests a fresh BASIL-derived stream (bench/articles.py: BASIL's 300 articles
round after round, lightly perturbed, each round a new set of 3-outlet stories) into a new
SQLite store, end to end: read, clean, annotate (spaCy NER + sentences, dates, quantities,
lead vector), link copies, assign stories and write (the ingest phase), then compare every
changed story: atomic claims, static vectors, alignment, brief, actors and frames (the
compare phase). `--max-stories` stops the compare phase early and reports its rate.

Printed per run: articles/s end to end (wall clock), CPU seconds per article (this process
and its children, i.e. the Dask workers too), the two phases' wall and CPU time, peak
memory (largest summed RSS of this process and its children, sampled every 0.2 s) and the
load average, since the machine is shared. A single-process run also splits its CPU time
by stage (CPU seconds per article); stages nest as indented (spaCy's NER and sentences are
annotate's remainder). The cost curve is the wall time per article read, by articles read
so far, as the store grows.
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import psutil
from articles import write_stream

import newsweave.compare.report
import newsweave.nlp.assemble
import newsweave.pipeline
import newsweave.story_reports
from newsweave.batch import BatchOptions, connect, run_batch
from newsweave.compare.scoring import PairScorer
from newsweave.config import load_settings
from newsweave.ingest import iter_inputs
from newsweave.nlp.embeddings import SentenceEncoder
from newsweave.pipeline import Ingestion, Pipeline
from newsweave.store import Store

# (label, owner, attribute): the functions a single-process run is timed by, outer first.
STAGES = [
    ("clean (parse + clean)", newsweave.pipeline, "clean_record"),
    ("admit (dedup + copy links)", Ingestion, "admit"),
    ("annotate (spaCy NER + lead vector + dates)", newsweave.pipeline, "annotate_articles"),
    ("  lead vector (MiniLM)", SentenceEncoder, "encode"),
    ("  dates + quantities", newsweave.nlp.assemble, "_finish"),
    ("assign stories + write", Ingestion, "store_batch"),
    ("compare a story", newsweave.pipeline, "report_story"),
    ("  resolve actors", newsweave.story_reports, "resolve_actors"),
    ("  compare_story", newsweave.story_reports, "compare_story"),
    ("    atomic claims (dependency parse)", newsweave.compare.report, "claims_of"),
    ("    alignment (encode claims, judge pairs)", newsweave.compare.report, "align_claims"),
    ("      static vectors (claims, cores, values swapped in)", PairScorer, "encode"),
    ("save report, actors, frames", Pipeline, "save_story_update"),
]


class StageClock:
    """Accumulates CPU seconds per stage by wrapping the functions in STAGES (or others)."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)

    @contextmanager
    def installed(self, targets: list[tuple[str, Any, str]] = STAGES) -> Iterator[None]:
        saved = [(owner, name, getattr(owner, name)) for _, owner, name in targets]
        for label, owner, name in targets:
            setattr(owner, name, self._timed(label, getattr(owner, name)))
        try:
            yield
        finally:
            for owner, name, original in saved:
                setattr(owner, name, original)

    def _timed(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.cpu[label] += time.process_time() - start

        return timed


def tree_cpu() -> float:
    """CPU seconds of this process and its live children (a local cluster's workers)."""
    total = 0.0
    for process in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


class PeakMemory:
    """Largest RSS of this process plus its children, sampled in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)


class EnoughStories(Exception):
    """Raised from the progress callback to end the compare phase early."""


class Phases:
    """Progress callback timing the ingest phase, its cost curve, and the compare phase.

    Worker CPU is sampled at the phase boundary too: children that exit earlier (none do
    before the run ends) would be missed.
    """

    def __init__(self, step: int, max_stories: int | None) -> None:
        self.step, self.max_stories = step, max_stories
        self.records = self.stories = 0
        self.started = self.last = time.perf_counter()
        self.cpu_started = tree_cpu()
        self.ingest_end: float | None = None
        self.ingest_cpu = self.total_cpu = 0.0
        self.ended: float | None = None
        self.curve: list[tuple[int, float]] = []

    def __call__(self, event: str, n: int) -> None:
        now = time.perf_counter()
        if event == "record":
            self.records += n
            if self.records % self.step == 0:
                self.curve.append((self.records, (now - self.last) / self.step * 1000))
                self.last = now
            return
        self.end_ingest(now)
        self.stories += n
        if self.max_stories is not None and self.stories >= self.max_stories:
            self.finish()
            raise EnoughStories

    def end_ingest(self, now: float) -> None:
        if self.ingest_end is None:
            self.ingest_end, self.ingest_cpu = now, tree_cpu() - self.cpu_started

    def finish(self) -> None:
        """End the run's clocks (inside the cluster's lifetime, to count its workers)."""
        now = time.perf_counter()
        self.end_ingest(now)
        if self.ended is None:
            self.ended, self.total_cpu = now, tree_cpu() - self.cpu_started


def ingest(mode: str, pipeline: Pipeline, stream: Path, phases: Phases) -> None:
    if mode == "single":
        pipeline.ingest(iter_inputs([stream]), progress=phases)
        phases.finish()
        return
    # Starting the cluster and loading models on the workers is part of the run.
    with connect(n_local=int(mode.removeprefix("dask"))) as client:
        run_batch(pipeline, client, iter_inputs([stream]), options=BatchOptions(), progress=phases)
        phases.finish()


def run(mode: str, n: int, folder: Path, *, max_stories: int | None) -> None:
    stream = write_stream(folder / f"stream-{n}.jsonl", n)
    db = folder / f"{mode}-{n}.db"
    store = Store.open(str(db))
    pipeline = Pipeline(load_settings(overrides=[f"store.db={db}"]), store)
    phases = Phases(step=max(50, n // 10), max_stories=max_stories)
    clock = StageClock()
    load_before = os.getloadavg()[0]
    with PeakMemory() as memory, clock.installed(), suppress(EnoughStories):
        ingest(mode, pipeline, stream, phases)
    assert phases.ended is not None
    assert phases.ingest_end is not None
    stored = store.count_articles()
    store.close()
    wall = phases.ended - phases.started
    ingest_s = phases.ingest_end - phases.started
    compare_s = phases.ended - phases.ingest_end
    compare_cpu = phases.total_cpu - phases.ingest_cpu
    done = "all" if max_stories is None or phases.stories < max_stories else "first"
    print(
        f"| {mode} | {n:,} | {stored:,} | {n / wall:.2f} | {phases.total_cpu / n:.2f} "
        f"| {ingest_s:,.0f} s, {phases.ingest_cpu / n:.2f} CPU-s/article "
        f"| {done} {phases.stories:,} stories: {compare_s:,.0f} s, "
        f"{compare_cpu / max(1, phases.stories):.2f} CPU-s/story "
        f"| {memory.peak / 2**20:,.0f} | {load_before:.1f}-{os.getloadavg()[0]:.1f} |",
        flush=True,
    )
    where = "this process" if mode == "single" else "the driver alone"
    print(f"  CPU-s per article by stage ({where}):", flush=True)
    for label, _, _ in STAGES:
        if label in clock.cpu:
            print(f"    {label:<52} {clock.cpu[label] / n:.3f}", flush=True)
    cost = ", ".join(f"{k:,}: {ms:.0f}" for k, ms in phases.curve)
    print(f"  ms per article read (ingest phase), by articles read so far: {cost}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--modes", nargs="+", default=["single", "dask2"])
    parser.add_argument("--max-stories", type=int, default=None)
    args = parser.parse_args()
    print(
        f"{os.cpu_count()} cores; "
        "| mode | articles | stored | articles/s end to end | CPU-s/article "
        "| ingest phase | compare phase | peak MB | load avg (start-end) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="nw-bench-") as tmp:
        for n in args.sizes:
            for mode in args.modes:
                run(mode, n, Path(tmp), max_stories=args.max_stories)


if __name__ == "__main__":
    main()
