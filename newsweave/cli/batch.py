"""`newsweave batch`: ingest on a Dask cluster, with the same result as `newsweave ingest`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from newsweave.batch import BatchOptions, connect, run_batch
from newsweave.cli.app import app
from newsweave.cli.ingest import echo_summary, with_progress
from newsweave.cli.options import (
    DbOption,
    JsonOption,
    StrictOption,
    open_store,
    require_paths,
    state,
)
from newsweave.ingest import iter_inputs
from newsweave.pipeline import Pipeline

__all__ = ["batch"]


@app.command()
def batch(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or folders to read; '-' reads JSON Lines from standard input."),
    ],
    db: DbOption = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://HOST:PORT)."),
    ] = None,
    local: Annotated[
        int | None,
        typer.Option("--local", help="Start a local cluster of N worker processes on 127.0.0.1."),
    ] = None,
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="Records per worker task.")
    ] = 32,
    as_json: JsonOption = False,
    strict: StrictOption = False,
) -> None:
    """Ingest like `newsweave ingest`, cleaning, annotating and comparing on Dask workers.

    Workers parse, clean and annotate partitions of records, then compare the changed
    stories, one task per story (models load once per worker); this process deduplicates,
    assigns stories and writes, in input order, so the store ends as a single-process
    ingest would leave it. Exits like ingest.
    """
    require_paths(paths)
    settings = state.settings(db)
    refs = list(iter_inputs(paths, stdin=sys.stdin.buffer))
    options = BatchOptions(partition_size=partition_size)
    with connect(scheduler=scheduler, n_local=local) as client, open_store(settings) as store:
        pipeline = Pipeline(settings, store, strict=strict)
        summary = with_progress(
            lambda advance: run_batch(pipeline, client, refs, options=options, progress=advance)
        )
    echo_summary(summary, as_json=as_json)
