"""`newsweave frames [STORY_ID]`: who did what to whom, when and where, with citations."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.markup import escape

from newsweave.cli.app import app
from newsweave.cli.options import DbOption, JsonOption, StoryIdArgument, open_store, state
from newsweave.store.frames import frame_as_dict

__all__ = ["frames"]


@app.command()
def frames(
    story_id: StoryIdArgument = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List event frames (attend, visit, meet, sanction...) with participants and citations.

    `--json` prints a list of frames, each with type, date (ISO 8601, "--09-03" when the
    year is unknown), place, participants [{name, role, country}] and mentions [{article, text}].
    """
    with open_store(state.settings(db)) as store:
        if story_id is not None:
            store.story(story_id)  # NotFound with a hint for an unknown story
        found = store.frames.of_story(story_id)
    if as_json:
        typer.echo(
            json.dumps([frame_as_dict(f, s) for s, f in found], ensure_ascii=False, indent=2)
        )
        return
    console = Console()
    for _, frame in found:
        when = frame.date.iso() if frame.date else "undated"
        where = f" in {frame.place}" if frame.place else ""
        what = f" {frame.event}" if frame.event else ""
        console.print(f"[bold]{frame.type}{escape(what)}[/bold] {when}{escape(where)}")
        for p in frame.participants:
            country = f" ({p.country})" if p.country and p.country != p.name else ""
            console.print(f"  {p.role}: {escape(p.name)}{escape(country)}")
        for m in frame.mentions[:3]:
            console.print(f"  • {escape(m.text)} [{m.article_id}]")
