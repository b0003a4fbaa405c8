"""`newsweave actors` and `newsweave actor show NAME`: who the corpus talks about."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsweave.cli.app import app
from newsweave.cli.options import DbOption, JsonOption, open_store, state
from newsweave.model import Actor
from newsweave.store.connections import ActorSummary, StoredMention

__all__ = ["actor_show", "actors"]

actor_app = typer.Typer(help="One actor: `newsweave actor show NAME`.", no_args_is_help=True)
app.add_typer(actor_app, name="actor")


@app.command()
def actors(
    db: DbOption = None,
    as_json: JsonOption = False,
    type_: Annotated[
        str | None,
        typer.Option("--type", help="Only this type: person, country, organisation, place..."),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
) -> None:
    """List the corpus's canonical actors, most widely reported first."""
    with open_store(state.settings(db)) as store:
        found = store.actors.summaries(type=type_, limit=limit)
    if as_json:
        typer.echo(json.dumps({"actors": [_summary_json(s) for s in found]}, ensure_ascii=False))
        return
    table = Table("id", "type", "articles", "mentions", "name", "role", box=None)
    for s in found:
        role = ", ".join(x for x in (s.actor.role, s.actor.affiliation) if x)
        table.add_row(
            s.actor.id,
            s.actor.type,
            str(s.n_articles),
            str(s.n_mentions),
            escape(s.actor.name),
            escape(role),
        )
    Console().print(table)


@actor_app.command("show")
def actor_show(
    name: Annotated[str, typer.Argument(help='An actor id, name or alias ("Mr Kim").')],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one actor: names, role, affiliation and where the corpus mentions it."""
    with open_store(state.settings(db)) as store:
        actor = store.actors.find(name)
        mentions = store.actors.mentions(actor.id)
    if as_json:
        document = _actor_json(actor)
        document["mentions"] = [_mention_json(m) for m in mentions]
        typer.echo(json.dumps(document, ensure_ascii=False))
        return
    console = Console()
    console.print(f"[bold]{escape(actor.name)}[/bold] ({actor.type}, id {actor.id})")
    if actor.role or actor.affiliation:
        console.print("  " + escape(", ".join(x for x in (actor.role, actor.affiliation) if x)))
    if actor.aliases:
        console.print("  also: " + escape("; ".join(actor.aliases)))
    console.print(f"  {len(actor.article_ids)} articles, {len(mentions)} mentions")
    for m in mentions[:20]:
        console.print(f"  • {escape(m.mention.text)} [{m.mention.article_id}]")


def _actor_json(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "role": actor.role,
        "affiliation": actor.affiliation,
        "aliases": list(actor.aliases),
        "articles": list(actor.article_ids),
    }


def _summary_json(summary: ActorSummary) -> dict[str, Any]:
    document = _actor_json(summary.actor)
    document.update(
        n_mentions=summary.n_mentions,
        n_articles=summary.n_articles,
        n_stories=summary.n_stories,
    )
    return document


def _mention_json(stored: StoredMention) -> dict[str, Any]:
    m = stored.mention
    return {
        "story": stored.story_id,
        "article": m.article_id,
        "sentence": m.sentence,
        "start": m.start,
        "end": m.end,
        "text": m.text,
    }
