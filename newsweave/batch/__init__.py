"""Batch mode: the pipeline's stages spread over a Dask cluster (extra `newsweave[batch]`).

Workers read nothing from the store: they parse, clean and annotate partitions of records,
then compare changed stories, one task per story. The driver keeps everything whose result
depends on order - deduplication, story assignment, writing, and saving reports, actors and
frames in story order - so a batch run stores what `Pipeline.ingest` would.
"""

from newsweave.batch.cluster import connect
from newsweave.batch.runner import BatchOptions, run_batch

__all__ = ["BatchOptions", "connect", "run_batch"]
