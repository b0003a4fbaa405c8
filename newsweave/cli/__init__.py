"""The command-line interface: `newsweave COMMAND --help` for each command."""

from __future__ import annotations

import sys
import traceback

from newsweave.cli import (  # noqa: F401 - importing a command module registers it
    actors,
    batch,
    compare_cmd,
    config_cmd,
    connections,
    demo,
    extract,
    frames,
    ingest,
    quarantine,
    serve,
    stories,
)
from newsweave.cli.app import app, err
from newsweave.cli.options import state
from newsweave.errors import NewsweaveError, StageError

__all__ = ["EXIT_BUG", "EXIT_INPUT", "main"]

EXIT_BUG = 1
EXIT_INPUT = 2


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 bug, 2 usage/input, 3 quarantined)."""
    try:
        # Standalone mode: Typer prints usage errors itself and ends with SystemExit.
        app(args=argv, prog_name="newsweave")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_BUG)
    except NewsweaveError as exc:
        if state.debug:
            traceback.print_exc()
        err(f"error [{exc.code}]: {exc.message}")
        if exc.hint:
            err(f"hint: {exc.hint}")
        return EXIT_BUG if isinstance(exc, StageError) else EXIT_INPUT
    except Exception as exc:
        if state.debug:
            traceback.print_exc()
        err(f"internal error: {type(exc).__name__}: {exc}")
        err("hint: this is a newsweave bug; re-run with --debug for the traceback and report it")
        return EXIT_BUG
    return 0


def _entry() -> None:
    sys.exit(main())
