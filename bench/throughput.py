"""End-to-end ingest throughput: one process vs a local Dask cluster, with peak memory.

    .venv/bin/python bench/throughput.py --sizes 1000 10000 --modes single dask2

Each run ingests a fresh BASIL-derived stream (bench/articles.py) into a new SQLite store:
read, clean, annotate, embed, assign stories, write, then compare every story. Peak memory
is the largest summed RSS of this process and its children (the Dask workers), sampled
every 0.2 s; CPU seconds include the workers', which makes runs comparable on a busy
machine. The single-process run also prints its cost per article as the store grows.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import threading
import time
from pathlib import Path

import psutil
from articles import write_stream

from newsweave.batch import BatchOptions, connect, run_batch
from newsweave.config import load_settings
from newsweave.ingest import iter_inputs
from newsweave.model import RunSummary
from newsweave.pipeline import Pipeline
from newsweave.store import Store


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


class Curve:
    """Seconds per `step` records as the store grows."""

    def __init__(self, step: int) -> None:
        self.step, self.count, self.points = step, 0, []
        self.last = time.perf_counter()

    def __call__(self, event: str, n: int) -> None:
        if event != "record":
            return
        self.count += n
        if self.count % self.step == 0:
            now = time.perf_counter()
            self.points.append((self.count, (now - self.last) / self.step * 1000))
            self.last = now


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (a local cluster's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(mode: str, n: int, folder: Path, n_workers: int) -> None:
    stream = write_stream(folder / f"stream-{n}.jsonl", n)
    db = folder / f"{mode}-{n}.db"
    settings = load_settings(overrides=[f"store.db={db}"])
    store = Store.open(str(db))
    curve = Curve(step=max(100, n // 10))
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    with PeakMemory() as memory:
        pipeline = Pipeline(settings, store)
        if mode == "single":
            summary: RunSummary = pipeline.ingest(iter_inputs([stream]), progress=curve)
        else:
            with connect(n_local=n_workers) as client:
                summary = run_batch(pipeline, client, iter_inputs([stream]), options=BatchOptions())
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    n_stories = len(store.stories())
    store.close()
    print(
        f"| {mode} | {n:,} | {summary.stored:,} | {n_stories:,} | {seconds:,.0f} "
        f"| {n / seconds:.2f} | {cpu:,.0f} | {n / cpu:.2f} | {memory.peak / 2**20:,.0f} |",
        flush=True,
    )
    if curve.points:
        cost = ", ".join(f"{k:,}: {ms:.0f} ms" for k, ms in curve.points)
        print(f"  ms per article read, by articles stored so far: {cost}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--modes", nargs="+", default=["single", "dask2"])
    args = parser.parse_args()
    print(
        "| mode | articles | stored | stories | wall s | articles/s | CPU s | articles/CPU-s "
        "| peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="nw-bench-") as tmp:
        for n in args.sizes:
            for mode in args.modes:
                workers = int(mode.removeprefix("dask")) if mode.startswith("dask") else 0
                run(mode, n, Path(tmp), workers)


if __name__ == "__main__":
    main()
