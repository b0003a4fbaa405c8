"""Drive a batch run: read in order, clean and annotate on workers, store in order.

    driver: read records -> partitions ─┐                         ┌─> admit (dedup), in order
    workers:                            └─> clean_partition ──────┘        │
    workers:                                annotate_partition <───────────┘
    driver: assign stories + write, partition by partition, in order -> compare dirty stories

A bounded number of partitions is in flight, so memory stays flat however long the input.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from newsweave.batch.tasks import NlpOptions, annotate_partition, clean_partition
from newsweave.ingest import InputRef
from newsweave.model import RawRecord, Rejection, RunSummary
from newsweave.pipeline import Ingestion, Pipeline, Progress, read_records

__all__ = ["BatchOptions", "run_batch"]


def _ignore(_event: str, _n: int) -> None:
    return None


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How a batch run cuts and schedules its work.

    Args:
        partition_size: records per task (hundreds amortise Dask's ~2 ms per task).
        in_flight: partitions being annotated at once; default two per worker.
        sentence_vectors: embed every sentence on the workers, so comparing stories in the
            driver needs no encoder time.
    """

    partition_size: int = 128
    in_flight: int | None = None
    sentence_vectors: bool = True


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
        with_sentence_vectors=options.sentence_vectors,
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
        done = annotating.popleft().result()
        run.store_batch(done.outcomes)
        # A separate transaction: vectors lost to a crash here are recomputed when compared.
        pipeline.store.save_sentence_vectors(done.sentence_vectors)

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
    pipeline.refresh_reports(progress=progress)
    return run.summary()


def _partitions(
    items: Iterator[RawRecord | Rejection], size: int
) -> Iterator[list[RawRecord | Rejection]]:
    while part := list(islice(items, size)):
        yield part
