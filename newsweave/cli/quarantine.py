"""`newsweave quarantine`: the inputs that could not be read, and why."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsweave.cli.app import app
from newsweave.cli.options import AllowPrivateOption, DbOption, JsonOption, open_store, state
from newsweave.pipeline import Pipeline

__all__ = ["quarantine_app"]

_PREVIEW_BYTES = 2000

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


@quarantine_app.command("show")
def show_quarantine(
    entry_id: Annotated[int, typer.Argument(help="The id `quarantine list` shows.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one quarantined input: why it was refused, the fix, and what was kept of it."""
    with open_store(state.settings(db)) as store:
        entry = store.quarantine_entry(entry_id)
    r = entry.rejection
    fields: dict[str, Any] = {
        "id": entry.id,
        "source": r.source,
        "stage": r.stage,
        "code": r.code,
        "message": r.message,
        "sha256": r.sha256,
        "path": r.path,
        "format": r.format,
        "size": len(r.payload) if r.payload is not None else None,
        "version": entry.version,
        "created_at": entry.created_at,
    }
    if as_json:
        preview = (
            r.payload[:_PREVIEW_BYTES].decode("utf-8", errors="replace") if r.payload else None
        )
        typer.echo(json.dumps({**fields, "preview": preview}, ensure_ascii=False))
        return
    console = Console()
    for key, value in fields.items():
        if value is not None:
            console.print(f"[bold]{key:<10}[/] {escape(str(value))}", soft_wrap=True)
    if r.payload:
        console.print("[bold]kept bytes[/] (first 400):")
        console.print(escape(r.payload[:400].decode("utf-8", errors="replace")), soft_wrap=True)


@quarantine_app.command("retry")
def retry_quarantine(
    entry_ids: Annotated[list[int], typer.Argument(help="Ids from `quarantine list`.")],
    allow_private_urls: AllowPrivateOption = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read quarantined inputs again (after fixing them, or the settings); those that
    fail again go back to the quarantine with their new reason. Exits 3 if any did."""
    overrides = ["ingest.allow_private_urls=true"] if allow_private_urls else []
    settings = state.settings(db, overrides=overrides)
    results: list[dict[str, Any]] = []
    with open_store(settings) as store:
        pipeline = Pipeline(settings, store)
        for entry_id in entry_ids:
            summary = pipeline.retry(entry_id)
            results.append(
                {
                    "id": entry_id,
                    "stored": summary.stored,
                    "duplicate": summary.duplicate,
                    "quarantined": summary.quarantined,
                }
            )
    if as_json:
        typer.echo(json.dumps(results))
    else:
        for result in results:
            typer.echo(
                f"{result['id']}: stored {result['stored']} · duplicate {result['duplicate']} · "
                f"quarantined {sum(result['quarantined'].values())}"
            )
    if any(r["quarantined"] for r in results):
        raise typer.Exit(3)
