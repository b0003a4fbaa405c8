"""`newsweave stories [rebuild]`, `story show ID`, `report`: what the store knows, by story."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsweave.cli.app import app
from newsweave.cli.options import DbOption, JsonOption, StoryIdArgument, open_store, state
from newsweave.cli.render import print_report
from newsweave.pipeline import Pipeline
from newsweave.stories import StoryState, format_span, summarize_story

__all__ = ["rebuild", "related", "report", "show", "stories"]


stories_app = typer.Typer(
    help="List stories (with --json: id, title, summary, span, actors, articles); rebuild them.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(stories_app, name="stories")
story_app = typer.Typer(
    help="One story: `newsweave story show ID`, `newsweave story related ID`.",
    no_args_is_help=True,
)
app.add_typer(story_app, name="story")


@stories_app.callback()
def stories(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List stories with their articles, oldest first."""
    if ctx.invoked_subcommand is not None:
        return
    with open_store(state.settings(db)) as store:
        found = store.stories()
        states = {s.id: s for s in store.story_states()}
    if as_json:
        rows = [_story_json(s.id, s.article_ids, states.get(s.id), s.title) for s in found]
        typer.echo(json.dumps({"stories": rows}, ensure_ascii=False))
        return
    table = Table("id", "articles", "span", "title", box=None, header_style="bold")
    for story in found:
        st = states.get(story.id)
        span = format_span(st.first_seen, st.last_seen) if st else ""
        table.add_row(story.id, str(len(story.article_ids)), span, escape(story.title))
    Console().print(table)


@stories_app.command("rebuild")
def rebuild(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Re-group every stored article in batch with the current settings.

    Ids of stories that stay together are kept; a story merged into another keeps
    resolving (`newsweave story show OLD_ID`), and only changed stories' reports are redone.
    """
    settings = state.settings(db)
    with open_store(settings) as store:
        result = Pipeline(settings, store).rebuild_stories()
    summary = {
        "articles": len(result.assignments),
        "stories": len(result.snapshot.states),
        "merged_or_renamed": dict(result.aliases),
    }
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False))
    else:
        typer.echo(
            f"rebuilt {summary['stories']} stories from {summary['articles']} articles; "
            f"{len(result.aliases)} old ids now point to other stories"
        )


@story_app.command("show")
def show(
    story_id: Annotated[str, typer.Argument(help="A story id (see `newsweave stories`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One story: its summary, time span, main actors and articles."""
    with open_store(state.settings(db)) as store:
        story = store.story(story_id)
        found = next((s for s in store.story_states() if s.id == story.id), None)
        articles = store.articles(story.article_ids)
    doc = _story_json(story.id, story.article_ids, found, story.title)
    doc["articles"] = [
        {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published.isoformat() if a.published else None,
            "url": a.url,
        }
        for a in articles
    ]
    if as_json:
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(f"[bold]{escape(doc['title'])}[/bold]  ({doc['id']})")
    console.print(escape(doc["summary"]))
    for a in doc["articles"]:
        when = (a["published"] or "")[:10]
        console.print(
            f"  • {a['id']}  {when}  {escape(a['outlet'] or '')}  {escape(a['title'] or '')}"
        )


@story_app.command("related")
def related(
    story_id: Annotated[str, typer.Argument(help="A story id (see `newsweave stories`).")],
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="Most stories to list.")] = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Other stories whose articles read alike (centroid cosine), with the actors they share."""
    with open_store(state.settings(db)) as store:
        story = store.story(story_id)
        found = store.related.find(story.id, k=k)
        kind = store.related.index_kind()
    if as_json:
        doc = {"story": story.id, "index": kind, "related": [asdict(r) for r in found]}
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(f"[bold]{escape(story.title)}[/bold]  ({story.id})")
    if not found:
        console.print("  no related story")
    for r in found:
        shared = f"  shares {escape(', '.join(r.shared_actors))}" if r.shared_actors else ""
        console.print(f"  {r.similarity:.2f}  {r.id}  {escape(r.title)}{shared}")


def _story_json(
    story_id: str, article_ids: tuple[str, ...], found: StoryState | None, title: str
) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": story_id, "title": title, "articles": list(article_ids)}
    if found is None:
        return doc
    doc.update(
        summary=summarize_story(found),
        n_articles=len(article_ids),
        first_seen=found.first_seen.isoformat() if found.first_seen else None,
        last_seen=found.last_seen.isoformat() if found.last_seen else None,
        actors=found.main_actors(5),
        outlets=sorted(found.outlets),
    )
    return doc


@app.command()
def report(
    story_id: StoryIdArgument = None,
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
