"""Drive a batch run: read in order, clean, annotate and compare on workers, store in order.

    driver: read records -> partitions ─┐                         ┌─> admit (dedup), in order
    workers:                            └─> clean_partition ──────┘        │
    workers:                                annotate_partition <───────────┘
    driver: assign stories + write, partition by partition, in order
    workers: compare_story_task, one task per changed story
    driver: store each report, then its actors and frames, in story order

A bounded number of partitions (and of stories) is in flight, so memory stays flat however
long the input.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from newsweave.batch.tasks import (
    NlpOptions,
    annotate_partition,
    clean_partition,
    compare_story_task,
)
from newsweave.ingest import InputRef
from newsweave.model import AnnotatedArticle, RawRecord, Rejection, RunSummary
from newsweave.pipeline import Ingestion, Pipeline, Progress, read_records
from newsweave.story_reports import ReportOptions

__all__ = ["BatchOptions", "compare_stories", "run_batch"]


def _ignore(_event: str, _n: int) -> None:
    return None


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How a batch run cuts and schedules its work.

    Args:
        partition_size: records per task: tens amortise Dask's ~2 ms per task (an
            article takes ~0.3 CPU-s to annotate) and keep every worker busy.
        in_flight: partitions being annotated (or stories compared) at once; default two
            per worker.
    """

    partition_size: int = 32
    in_flight: int | None = None


def run_batch(
    pipeline: Pipeline,
    client: Any,
    inputs: Iterable[InputRef],
    *,
    options: BatchOptions | None = None,
    progress: Progress = _ignore,
) -> RunSummary:
    """Ingest `inputs` into `pipeline.store` with the workers of a `distributed.Client`.

    Returns:
        The same summary, and leaves the same store, as `pipeline.ingest(inputs)`.
    """
    options = options or BatchOptions()
    settings = pipeline.settings
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = options.in_flight or 2 * n_workers
    nlp = NlpOptions(
        batch_size=settings.nlp.batch_size,
        n_threads=settings.nlp.n_threads,
        strict=pipeline.strict,
    )
    run = Ingestion(pipeline, progress=progress)
    cleaning: deque[Any] = deque()
    annotating: deque[Any] = deque()

    def promote() -> None:
        # Deduplicate the oldest cleaned partition in input order, then annotate what is new.
        fresh = [a for a in (run.admit(o) for o in cleaning.popleft().result()) if a is not None]
        if fresh:
            annotating.append(client.submit(annotate_partition, fresh, nlp, pure=False))

    def store_oldest() -> None:
        run.store_batch(annotating.popleft().result())

    records = read_records(
        inputs,
        max_bytes=settings.ingest.max_bytes,
        fetcher=pipeline.fetcher,
        strict=pipeline.strict,
    )
    for part in _partitions(records, options.partition_size):
        cleaning.append(
            client.submit(
                clean_partition,
                part,
                min_chars=settings.ingest.min_chars,
                strict=pipeline.strict,
                pure=False,
            )
        )
        # Keep one cleaned partition ahead, and at most `limit` being annotated.
        if len(cleaning) > 1:
            promote()
        while len(annotating) > limit:
            store_oldest()
    while cleaning:
        promote()
    while annotating:
        store_oldest()
    compare_stories(pipeline, client, in_flight=limit, progress=progress)
    return run.summary()


def compare_stories(
    pipeline: Pipeline, client: Any, *, in_flight: int, progress: Progress = _ignore
) -> list[str]:
    """Refresh the changed stories' reports, comparing them on the workers.

    The driver reads each story's inputs and saves its result in story order, as
    `Pipeline.refresh_reports` does, so the store ends the same.
    """
    options = ReportOptions.from_settings(pipeline.settings)
    ids = pipeline.store.dirty_story_ids()
    pending: deque[tuple[list[AnnotatedArticle], Any]] = deque()

    def save_oldest() -> None:
        annotated, future = pending.popleft()
        pipeline.save_story_update(future.result(), annotated)
        progress("story", 1)

    for story_id in ids:
        story, annotated = pipeline.story_inputs(story_id)
        cache = pipeline.store.compare_caches.load(story_id)
        future = client.submit(compare_story_task, story, annotated, options, cache, pure=False)
        pending.append((annotated, future))
        while len(pending) > in_flight:
            save_oldest()
    while pending:
        save_oldest()
    pipeline.evict_compare_caches()
    return ids


def _partitions(
    items: Iterator[RawRecord | Rejection], size: int
) -> Iterator[list[RawRecord | Rejection]]:
    while part := list(islice(items, size)):
        yield part
