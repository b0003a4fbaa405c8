"""`newsweave quarantine`: the inputs that could not be read, and why."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsweave.cli.app import app
from newsweave.cli.options import DbOption, JsonOption, open_store, state

__all__ = ["quarantine_app"]

quarantine_app = typer.Typer(
    help="Inputs that could not be read, with their reasons.", no_args_is_help=True
)
app.add_typer(quarantine_app, name="quarantine")


@quarantine_app.command("list")
def list_quarantine(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List quarantined inputs: source, stage, error code and message."""
    with open_store(state.settings(db)) as store:
        entries = store.quarantine_entries()
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "source": e.rejection.source,
                        "stage": e.rejection.stage,
                        "code": e.rejection.code,
                        "message": e.rejection.message,
                        "sha256": e.rejection.sha256,
                        "path": e.rejection.path,
                        "has_payload": e.rejection.payload is not None,
                        "created_at": e.created_at,
                    }
                    for e in entries
                ],
                ensure_ascii=False,
            )
        )
        return
    table = Table("id", "code", "stage", "source", "message", box=None, header_style="bold")
    for e in entries:
        r = e.rejection
        table.add_row(str(e.id), r.code, r.stage, escape(r.source), escape(r.message))
    Console().print(table)
