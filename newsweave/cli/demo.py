"""`newsweave demo`: the bundled seed reports, ingested into a fresh database and compared."""

from __future__ import annotations

import tempfile
from importlib.resources import as_file, files
from pathlib import Path

from rich.console import Console

from newsweave.cli.app import app
from newsweave.cli.options import open_store, state
from newsweave.cli.render import print_report, print_summary
from newsweave.ingest import iter_inputs
from newsweave.pipeline import Pipeline

__all__ = ["demo"]


@app.command()
def demo() -> None:
    """Ingest the two bundled seed reports into a temporary database and print the report."""
    console = Console()
    with (
        tempfile.TemporaryDirectory(prefix="newsweave-demo-") as folder,
        as_file(files("newsweave") / "data" / "seeds") as seeds,
    ):
        settings = state.settings(str(Path(folder) / "demo.db"))
        with open_store(settings) as store:
            pipeline = Pipeline(settings, store)
            summary = pipeline.ingest(iter_inputs([seeds]))
            print_summary(Console(stderr=True), summary)
            print_report(console, pipeline.report())
