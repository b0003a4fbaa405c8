"""`newsweave timeline [ACTOR|STORY]` and `newsweave graph export`: connections across stories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from newsweave.cli.app import app
from newsweave.cli.options import DbOption, JsonOption, open_store, state
from newsweave.connect import build_timeline, graph_to_json, write_graphml
from newsweave.connect.timeline import timeline_as_dict
from newsweave.errors import ConfigError, NotFound

__all__ = ["graph_export", "timeline"]

graph_app = typer.Typer(help="The actor graph: `newsweave graph export`.", no_args_is_help=True)
app.add_typer(graph_app, name="graph")


@app.command()
def timeline(
    subject: Annotated[
        str | None,
        typer.Argument(help="A story id, or an actor's id, name or alias; everything if omitted."),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Events in date order, for one story, one actor or the whole corpus, with citations."""
    with open_store(state.settings(db)) as store:
        if subject is None:
            frames = store.frames.of_story(None)
        else:
            try:
                frames = store.frames.of_story(store.story(subject).id)
            except NotFound:
                frames = store.frames.of_actor(store.actors.find(subject).id)
    entries = build_timeline(frames)
    if as_json:
        typer.echo(json.dumps(timeline_as_dict(entries), ensure_ascii=False, indent=2))
        return
    console = Console()
    for e in entries:
        when = (e.date or "undated") + (" (inferred)" if e.is_inferred else "")
        console.print(f"[bold]{when}[/bold]  {escape(e.summary)}")
        for article_id, text in e.citations[:2]:
            console.print(f"    • {escape(text)} [{article_id}]")


@graph_app.command("export")
def graph_export(
    fmt: Annotated[str, typer.Option("--format", help="graphml or json.")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (default stdout).")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only this actor's neighbourhood.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export the actor graph: typed, weighted, dated edges, each citing its sentences."""
    if fmt not in {"graphml", "json"}:
        raise ConfigError(f"unknown graph format {fmt!r}", hint="use --format graphml or json")
    with open_store(state.settings(db)) as store:
        actor_id = store.actors.find(actor).id if actor else None
        graph = store.graph.graph(actor_id)
    if fmt == "json":
        text = json.dumps(graph_to_json(graph), ensure_ascii=False, indent=2)
    else:
        text = write_graphml(graph)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
