"""Batch mode: the pipeline's stages spread over a Dask cluster (extra `newsweave[batch]`).

Workers read nothing from the store: they parse, clean, annotate and embed partitions of
records. The driver keeps everything whose result depends on order - deduplication, story
assignment, writing and comparison - so a batch run stores what `Pipeline.ingest` would.
"""

from newsweave.batch.cluster import connect
from newsweave.batch.runner import BatchOptions, run_batch

__all__ = ["BatchOptions", "connect", "run_batch"]
