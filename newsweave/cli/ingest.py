"""`newsweave ingest`: read inputs into the store."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsweave.cli.app import app
from newsweave.cli.options import (
    AllowPrivateOption,
    DbOption,
    JsonOption,
    StrictOption,
    open_store,
    require_paths,
    state,
)
from newsweave.cli.render import print_summary
from newsweave.ingest import InputRef, iter_inputs
from newsweave.model import RunSummary
from newsweave.pipeline import Pipeline

__all__ = [
    "EXIT_QUARANTINED",
    "echo_summary",
    "ingest",
    "progress_bar",
    "run_ingest",
    "with_progress",
]

EXIT_QUARANTINED = 3


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders to read; '-' reads JSON Lines from standard input."),
    ] = None,
    urls: Annotated[
        list[str] | None,
        typer.Option("--url", help="A page or feed URL to fetch (repeatable)."),
    ] = None,
    url_lists: Annotated[
        list[Path] | None,
        typer.Option("--urls", help="A file of URLs, one a line ('#' starts a comment)."),
    ] = None,
    allow_private_urls: AllowPrivateOption = False,
    db: DbOption = None,
    as_json: JsonOption = False,
    strict: StrictOption = False,
) -> None:
    """Ingest articles: text, HTML, feed and JSON Lines files, folders, stdin, or URLs.

    Prints read / stored / duplicate / quarantined. Exits 0 when every input was stored or
    was a duplicate, 3 when some were quarantined (see `newsweave quarantine list`).
    """
    paths = paths or []
    named = [*paths, *(str(f) for f in url_lists or [])]
    require_paths(named)
    all_urls = [*(urls or []), *(u for f in url_lists or [] for u in _read_url_list(f))]
    if not paths and not all_urls:
        raise typer.BadParameter("give files, folders, '-' or --url", param_hint="PATHS")
    overrides = ["ingest.allow_private_urls=true"] if allow_private_urls else []
    summary = run_ingest(paths, db=db, strict=strict, urls=all_urls, overrides=overrides)
    echo_summary(summary, as_json=as_json)


def echo_summary(summary: RunSummary, *, as_json: bool) -> None:
    """Print a run's counts (JSON or a line); exit 3 when some inputs were quarantined."""
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


def run_ingest(
    paths: list[str],
    *,
    db: str | None,
    strict: bool = False,
    urls: list[str] | None = None,
    overrides: list[str] | None = None,
) -> RunSummary:
    settings = state.settings(db, overrides=overrides)
    refs: list[InputRef] = list(iter_inputs(paths, stdin=sys.stdin.buffer))
    refs.extend(InputRef(source=url, url=url) for url in urls or [])
    with open_store(settings) as store:
        pipeline = Pipeline(settings, store, strict=strict)
        return with_progress(lambda advance: pipeline.ingest(refs, progress=advance))


def _read_url_list(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def with_progress(work: Callable[[Callable[[str, int], None]], RunSummary]) -> RunSummary:
    """Run `work(progress)` under progress bars for records read and stories compared."""
    with progress_bar() as bar:
        records = bar.add_task("reading", total=None)
        stories = bar.add_task("comparing", total=None, visible=False)

        def advance(event: str, n: int) -> None:
            task = records if event == "record" else stories
            bar.update(task, advance=n, visible=True)

        return work(advance)


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=state.quiet,
        transient=True,
    )
