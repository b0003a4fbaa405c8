"""Readable terminal views of newsweave's results (rich on stdout)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

__all__ = ["print_report", "print_summary"]

_STATUS_TITLES = {
    "corroborated": ("Corroborated", "green"),
    "more_specific": ("More specific in one source", "cyan"),
    "conflicting": ("Conflicting", "red"),
    "unique": ("Reported by one source only", "yellow"),
}


def print_report(console: Console, report: dict[str, Any]) -> None:
    """Each story: its sources, its brief with citations, its claims grouped by status."""
    for story in report["stories"]:
        labels = {a["id"]: a["outlet"] or a["id"] for a in story["articles"]}
        console.rule(f"[bold]{escape(story['title'])}[/] [dim]{story['id']}[/]")
        sources = Table(show_header=True, header_style="bold", box=None)
        for name in ("source", "title", "published", "wire"):
            sources.add_column(name)
        for a in story["articles"]:
            sources.add_row(
                escape(labels[a["id"]]),
                escape(a["title"] or "-"),
                a["published"] or "-",
                ", ".join(a["wire"]) or "-",
            )
        console.print(sources)
        if story["brief"]:
            lines = []
            for i, sentence in enumerate(story["brief"], 1):
                cited = "; ".join(escape(labels[x]) for x in sentence["articles"])
                mark = " [yellow](one source)[/]" if sentence["status"] == "unique" else ""
                lines.append(f"{i}. {escape(sentence['text'])} [dim]\\[{cited}][/]{mark}")
            console.print(Panel("\n".join(lines), title="Brief", expand=True))
        for status, (title, colour) in _STATUS_TITLES.items():
            claims = [c for c in story["claims"] if c["status"] == status]
            if not claims:
                continue
            console.print(f"\n[bold {colour}]{title} ({len(claims)})[/]")
            for claim in claims:
                cited = ", ".join(
                    dict.fromkeys(escape(labels[m["article"]]) for m in claim["mentions"])
                )
                console.print(f"  • {_claim_line(claim)} [dim]\\[{cited}][/]")
                if claim["detail"]:
                    console.print(f"    [{colour}]{escape(claim['detail'])}[/]")
        actors = [e for e in story["entities"] if e["type"] == "person"][:12]
        if actors:
            console.print("\n[bold]People[/]")
            for actor in actors:
                aliases = ", ".join(escape(a) for a in actor["aliases"][:6])
                console.print(
                    f"  {escape(actor['name'])}" + (f" [dim]({aliases})[/]" if aliases else "")
                )
        console.print()


def _claim_line(claim: dict[str, Any]) -> str:
    """A claim's text; a part cut out of a sentence reads as its statement, span after."""
    if claim.get("part") and claim.get("statement"):
        return f"{escape(claim['statement'])} [dim](“{escape(claim['text'])}”)[/]"
    return escape(claim["text"])


def print_summary(console: Console, summary: Any) -> None:
    parts = [
        f"read {summary.read}",
        f"stored {summary.stored}",
        f"duplicate {summary.duplicate}",
        f"quarantined {summary.n_quarantined}",
    ]
    if summary.quarantined:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(summary.quarantined.items()))
        parts[-1] += f" ({codes})"
    console.print(" · ".join(parts))
