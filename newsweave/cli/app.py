"""The `newsweave` command: a Typer app whose commands are thin wrappers over the library."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from newsweave.cli.options import state

__all__ = ["app", "err"]

app = typer.Typer(
    name="newsweave",
    help="Read many outlets' reports of one event side by side, claim by claim.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def err(message: str) -> None:
    """A line for the user on stderr."""
    typer.echo(message, err=True)


@app.callback()
def _global_options(
    config: Annotated[
        str | None,
        typer.Option("--config", help="Settings file (default ./newsweave.toml if present)."),
    ] = None,
    overrides: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a setting: --set section.key=value (repeatable)."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bars or info logs.")
    ] = False,
) -> None:
    state.config = config
    state.overrides = list(overrides or [])
    state.debug = debug
    state.quiet = quiet
    level = logging.DEBUG if debug else (logging.ERROR if quiet else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
