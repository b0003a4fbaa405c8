"""`newsweave ingest`: read inputs into the store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsweave.cli.app import app
from newsweave.cli.options import DbOption, JsonOption, open_store, state
from newsweave.cli.render import print_summary
from newsweave.ingest import InputRef, iter_inputs
from newsweave.model import RunSummary
from newsweave.pipeline import Pipeline

__all__ = ["EXIT_QUARANTINED", "ingest", "run_ingest"]

EXIT_QUARANTINED = 3


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or folders to read; '-' reads JSON Lines from standard input."),
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Stop on a stage bug instead of quarantining the input."),
    ] = False,
) -> None:
    """Ingest articles: plain text, HTML and JSON Lines files, folders, or stdin.

    Prints read / stored / duplicate / quarantined. Exits 0 when every input was stored or
    was a duplicate, 3 when some were quarantined (see `newsweave quarantine list`).
    """
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise typer.BadParameter(
            f"no such file or folder: {', '.join(missing)}", param_hint="PATHS"
        )
    summary = run_ingest(paths, db=db, strict=strict)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "read": summary.read,
                    "stored": summary.stored,
                    "duplicate": summary.duplicate,
                    "quarantined": summary.quarantined,
                    "stories": list(summary.story_ids),
                }
            )
        )
    else:
        print_summary(Console(), summary)
    if summary.n_quarantined:
        raise typer.Exit(EXIT_QUARANTINED)


def run_ingest(paths: list[str], *, db: str | None, strict: bool = False) -> RunSummary:
    settings = state.settings(db)
    refs: list[InputRef] = list(iter_inputs(paths, stdin=sys.stdin.buffer))
    with open_store(settings) as store:
        pipeline = Pipeline(settings, store, strict=strict)
        with _progress() as bar:
            records = bar.add_task("reading", total=None)
            stories = bar.add_task("comparing", total=None, visible=False)

            def advance(event: str, n: int) -> None:
                task = records if event == "record" else stories
                bar.update(task, advance=n, visible=True)

            return pipeline.ingest(refs, progress=advance)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=state.quiet,
        transient=True,
    )
