"""numpy's BLAS held to one thread while newsweave multiplies matrices.

spaCy's products (`nlp.spacy_pipeline` runs them on numpy's BLAS) are a few milliseconds of
work each, and comparing claims multiplies thousands of far smaller matrices (one claim's
token vectors by another's). OpenBLAS hands each product above about 1,000 output cells to
a second thread, whose wake-up and spin-wait cost more CPU than it saves: 2-14x the CPU of
the product on one thread, on this project's 2-core machines, where a batch runs one
process per core anyway. One thread also makes a product's last bits the same whatever the
machine's core count.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from threadpoolctl import ThreadpoolController

__all__ = ["one_blas_thread"]


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Hold numpy's BLAS to one thread for the block.

    The limit is the process's: two blocks at once in one process (a batch worker's
    threads) may leave it at one thread after both, which changes no result.
    """
    with _blas().limit(limits=1, user_api="blas"):
        yield


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()
