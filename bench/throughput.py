"""End-to-end ingest throughput: one process vs a local Dask cluster, with peak memory.

    .venv/bin/python bench/throughput.py --sizes 200 --modes single dask2 --max-stories 20

Each run ingests a fresh BASIL-derived stream (bench/articles.py) into a new SQLite store:
read, clean, annotate, embed, link copies, assign stories and write (the ingest phase),
then compare every changed story (the compare phase; `--max-stories` stops it early and
reports its rate). Peak memory is the largest summed RSS of this process and its children
(the Dask workers), sampled every 0.2 s; CPU seconds include the workers', which keeps runs
comparable on a busy machine. The ingest phase also prints its cost per article as the
store grows.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

import psutil
from articles import write_stream

from newsweave.batch import BatchOptions, connect, run_batch
from newsweave.config import load_settings
from newsweave.ingest import iter_inputs
from newsweave.pipeline import Pipeline
from newsweave.store import Store


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
    """Progress callback timing the ingest phase, its cost curve, and the compare phase."""

    def __init__(self, step: int, max_stories: int | None) -> None:
        self.step, self.max_stories = step, max_stories
        self.records = self.stories = 0
        self.started = self.last = time.perf_counter()
        self.cpu_started = tree_cpu()
        self.ingest_end: float | None = None
        self.ingest_cpu = 0.0
        self.curve: list[tuple[int, float]] = []

    def __call__(self, event: str, n: int) -> None:
        now = time.perf_counter()
        if event == "record":
            self.records += n
            if self.records % self.step == 0:
                self.curve.append((self.records, (now - self.last) / self.step * 1000))
                self.last = now
            return
        if self.ingest_end is None:
            self.ingest_end, self.ingest_cpu = now, tree_cpu() - self.cpu_started
        self.stories += n
        if self.max_stories is not None and self.stories >= self.max_stories:
            raise EnoughStories


def run(mode: str, n: int, folder: Path, *, n_workers: int, max_stories: int | None) -> None:
    stream = write_stream(folder / f"stream-{n}.jsonl", n)
    db = folder / f"{mode}-{n}.db"
    store = Store.open(str(db))
    pipeline = Pipeline(load_settings(overrides=[f"store.db={db}"]), store)
    phases = Phases(step=max(50, n // 10), max_stories=max_stories)
    with PeakMemory() as memory:
        try:
            if mode == "single":
                pipeline.ingest(iter_inputs([stream]), progress=phases)
            else:
                with connect(n_local=n_workers) as client:
                    # Model loading on the workers counts: it is part of a batch run.
                    run_batch(
                        pipeline,
                        client,
                        iter_inputs([stream]),
                        options=BatchOptions(),
                        progress=phases,
                    )
        except EnoughStories:
            pass
    ended = time.perf_counter()
    ingest_end = phases.ingest_end or ended
    ingest_s = ingest_end - phases.started
    stored = store.count_articles()
    store.close()
    per_story = (ended - ingest_end) / phases.stories if phases.stories else float("nan")
    print(
        f"| {mode} | {n:,} | {stored:,} | {ingest_s:,.0f} | {n / ingest_s:.2f} "
        f"| {phases.ingest_cpu:,.0f} | {n / phases.ingest_cpu:.2f} "
        f"| {phases.stories} | {per_story:.1f} | {memory.peak / 2**20:,.0f} |",
        flush=True,
    )
    cost = ", ".join(f"{k:,}: {ms:.0f}" for k, ms in phases.curve)
    print(f"  ms per article read, by articles read so far: {cost}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--modes", nargs="+", default=["single", "dask2"])
    parser.add_argument("--max-stories", type=int, default=None)
    args = parser.parse_args()
    print(
        "| mode | articles | stored | ingest s | articles/s | ingest CPU s | articles/CPU-s "
        "| stories compared | s/story | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="nw-bench-") as tmp:
        for n in args.sizes:
            for mode in args.modes:
                workers = int(mode.removeprefix("dask")) if mode.startswith("dask") else 0
                run(mode, n, Path(tmp), n_workers=workers, max_stories=args.max_stories)


if __name__ == "__main__":
    main()
