"""`newsweave extract`: what ingestion would store for one input, without storing it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from newsweave.clean import extract_articles
from newsweave.cli.app import app, err
from newsweave.cli.options import AllowPrivateOption, JsonOption, state
from newsweave.errors import InputError
from newsweave.ingest import InputRef
from newsweave.ingest.url import Fetcher, FetchPolicy, is_url
from newsweave.model import Article

__all__ = ["EXTRACT_KEYS", "article_fields", "extract"]

EXTRACT_KEYS = ("title", "outlet", "url", "published", "byline", "language", "text")


@app.command()
def extract(
    target: Annotated[str, typer.Argument(help="A file (HTML, text, feed, JSON Lines) or a URL.")],
    as_json: JsonOption = False,
    allow_private_urls: AllowPrivateOption = False,
) -> None:
    """Print what ingestion would store for one input: title, outlet, url, published,
    byline, language and text. Nothing is stored.

    With --json: one JSON object per article (a feed or JSON Lines file gives one per line).
    Exits 2 when the input, or any record of it, cannot be read.
    """
    settings = state.settings(
        overrides=["ingest.allow_private_urls=true"] if allow_private_urls else []
    )
    if is_url(target):
        ref = InputRef(source=target, url=target)
    elif Path(target).is_file():
        ref = InputRef(source=target, path=Path(target))
    else:
        raise typer.BadParameter(f"no such file: {target}", param_hint="TARGET")
    fetcher = Fetcher(FetchPolicy.from_settings(settings.ingest))
    n_failed = 0
    console = Console()
    for item in extract_articles(
        ref,
        max_bytes=settings.ingest.max_bytes,
        min_chars=settings.ingest.min_chars,
        fetcher=fetcher,
    ):
        if isinstance(item, InputError):
            n_failed += 1
            err(f"error [{item.code}]: {item.message}")
            if item.hint:
                err(f"hint: {item.hint}")
        elif as_json:
            typer.echo(json.dumps(article_fields(item), ensure_ascii=False))
        else:
            _print_article(console, item)
    if n_failed:
        raise typer.Exit(2)


def article_fields(article: Article) -> dict[str, Any]:
    """The fields `extract --json` prints, in order."""
    return {
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "byline": article.byline,
        "language": article.language,
        "text": article.text,
    }


def _print_article(console: Console, article: Article) -> None:
    fields = article_fields(article)
    for key in EXTRACT_KEYS[:-1]:
        console.print(f"[bold]{key:<9}[/] {escape(str(fields[key] or '-'))}", soft_wrap=True)
    if article.is_partial:
        console.print("[yellow]partial: the feed gave only a summary[/]")
    console.print()
    console.print(escape(article.text), soft_wrap=True)
    console.print()
