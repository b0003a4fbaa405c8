"""`newsweave stories` and `newsweave report`: what the store knows, story by story."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsweave.cli.app import app
from newsweave.cli.options import DbOption, JsonOption, open_store, state
from newsweave.cli.render import print_report
from newsweave.pipeline import Pipeline

__all__ = ["report", "stories"]


@app.command()
def stories(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List stories with their articles, oldest first."""
    with open_store(state.settings(db)) as store:
        found = store.stories()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "stories": [
                        {"id": s.id, "title": s.title, "articles": list(s.article_ids)}
                        for s in found
                    ]
                },
                ensure_ascii=False,
            )
        )
        return
    table = Table("id", "articles", "title", box=None, header_style="bold")
    for story in found:
        table.add_row(story.id, str(len(story.article_ids)), escape(story.title))
    Console().print(table)


@app.command()
def report(
    story_id: Annotated[
        str | None, typer.Argument(help="A story id; all stories if omitted.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compare each story's sources claim by claim, with a cited brief.

    `--json` prints the newsweave.report/1 document; otherwise claims are grouped by status
    with their sources.
    """
    settings = state.settings(db)
    with open_store(settings) as store:
        document = Pipeline(settings, store).report(story_id)
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print_report(Console(), document)
