"""Options shared by every command, defined once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from newsweave.config import Settings, load_settings
from newsweave.store import Store

__all__ = ["AllowPrivateOption", "DbOption", "JsonOption", "State", "open_store", "state"]

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
