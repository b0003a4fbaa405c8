"""Reach a Dask cluster: an existing scheduler by address, or a local one started here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from newsweave.errors import ConfigError

__all__ = ["connect"]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(
            "batch mode needs Dask distributed, which is not installed",
            hint="pip install 'newsweave[batch]'",
        ) from exc
    return distributed


@contextmanager
def connect(*, scheduler: str | None = None, n_local: int | None = None) -> Iterator[Any]:
    """A `distributed.Client` for the run, closed (and a local cluster stopped) afterwards.

    Args:
        scheduler: address of a running scheduler, e.g. "tcp://127.0.0.1:8786".
        n_local: start a cluster of this many single-threaded worker processes on 127.0.0.1.

    Raises:
        ConfigError: neither or both given, Dask is missing, or the scheduler is unreachable.
    """
    if (scheduler is None) == (n_local is None):
        raise ConfigError(
            "batch mode needs exactly one of a scheduler address and a local worker count",
            hint="pass --scheduler tcp://HOST:PORT or --local N",
        )
    distributed = _distributed()
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout="20s")
        except OSError as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                hint="start one with `dask scheduler` or use --local N",
            ) from exc
        with client:
            yield client
        return
    if n_local is None or n_local < 1:
        raise ConfigError(f"--local needs at least one worker, not {n_local}", hint="--local 2")
    # One thread per worker: spaCy and ONNX Runtime each get a whole process, and nothing
    # listens beyond loopback (no dashboard).
    cluster = distributed.LocalCluster(
        n_workers=n_local,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        memory_limit=0,
    )
    with cluster, distributed.Client(cluster) as client:
        yield client
