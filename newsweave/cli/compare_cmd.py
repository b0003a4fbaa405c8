"""`newsweave compare A B`: how one sentence relates to another."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer

from newsweave.cli.app import app
from newsweave.cli.options import JsonOption
from newsweave.compare import compare_sentences

__all__ = ["compare"]

_DATE_FORMATS = ["%Y-%m-%d"]


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="The first sentence.")],
    b: Annotated[str, typer.Argument(help="The second sentence.")],
    published_a: Annotated[
        datetime | None,
        typer.Option(
            "--published-a", formats=_DATE_FORMATS, help="When A was published (YYYY-MM-DD)."
        ),
    ] = None,
    published_b: Annotated[
        datetime | None,
        typer.Option(
            "--published-b", formats=_DATE_FORMATS, help="When B was published (YYYY-MM-DD)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Judge sentence A against B: same, more_specific, less_specific, conflicting, unrelated.

    Prints the relation, a score in [0, 1] (how likely the two state one fact) and, when
    values differ, the detail naming both values; --json prints {relation, score, detail,
    kind}.
    """
    verdict = compare_sentences(
        a,
        b,
        published_a=published_a.date() if published_a else None,
        published_b=published_b.date() if published_b else None,
    )
    document = {
        "relation": verdict.relation,
        "score": verdict.score,
        "detail": verdict.detail,
        "kind": verdict.kind,
    }
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False))
        return
    kind = f" ({verdict.kind})" if verdict.kind else ""
    typer.echo(f"{verdict.relation}{kind}  score {verdict.score:.2f}")
    if verdict.detail:
        typer.echo(verdict.detail)
