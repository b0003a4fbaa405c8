"""Options shared by every command, defined once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from newsweave.config import Settings, load_settings
from newsweave.store import Store

__all__ = [
    "AllowPrivateOption",
    "DbOption",
    "JsonOption",
    "State",
    "StoryIdArgument",
    "StrictOption",
    "open_store",
    "require_paths",
    "state",
]

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or postgresql:// URL [env NEWSWEAVE_DB; default ./newsweave.db]",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private-urls",
        help="Let URLs reach private, loopback and link-local addresses (refused by default).",
    ),
]
StrictOption = Annotated[
    bool,
    typer.Option("--strict", help="Stop on a stage bug instead of quarantining the input."),
]
StoryIdArgument = Annotated[str | None, typer.Argument(help="A story id; all stories if omitted.")]


def require_paths(paths: list[str]) -> None:
    """Refuse before reading anything when a named file or folder is missing ('-' is stdin)."""
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise typer.BadParameter(
            f"no such file or folder: {', '.join(missing)}", param_hint="PATHS"
        )


class State:
    """Global options, set by the app callback before any command runs."""

    def __init__(self) -> None:
        self.config: str | None = None
        self.overrides: list[str] = []
        self.debug = False
        self.quiet = False

    def settings(self, db: str | None = None, *, overrides: list[str] | None = None) -> Settings:
        """Settings with the global --set overrides, then `overrides`, then --db."""
        overrides = [*self.overrides, *(overrides or [])]
        if db is not None:
            overrides.append(f"store.db={db}")
        return load_settings(path=self.config, env=os.environ, overrides=overrides)


state = State()


@contextmanager
def open_store(settings: Settings) -> Iterator[Store]:
    store = Store.open(settings.store.db)
    store.related.exact_below = settings.store.exact_search_below
    try:
        yield store
    finally:
        store.close()
