"""A story in one line: the event (its first lead sentence), its time span, its main actors."""

from __future__ import annotations

from datetime import datetime

from newsweave.stories.profile import StoryState

__all__ = ["format_span", "summarize_story"]

_EVENT_CHARS = 140


def summarize_story(state: StoryState) -> str:
    """One line, e.g. "Senate overrides Obama's veto of 9/11 bill. — 28–29 Sep 2016 —
    Obama, Senate, Saudi Arabia — 3 articles, 3 outlets"."""
    parts = [_shorten(state.lead or state.title, _EVENT_CHARS)]
    span = format_span(state.first_seen, state.last_seen)
    if span:
        parts.append(span)
    actors = state.main_actors(3)
    if actors:
        parts.append(", ".join(actors))
    count = f"{state.n_articles} article" + ("s" if state.n_articles != 1 else "")
    if state.outlets:
        n = len(state.outlets)
        count += f", {n} outlet" + ("s" if n != 1 else "")
    parts.append(count)
    return " — ".join(parts)


def format_span(first: datetime | None, last: datetime | None) -> str:
    """ "3 Sep 2025", "3–5 Sep 2025", "28 Sep – 2 Oct 2016", or "" when undated."""
    if first is None or last is None:
        return ""
    a, b = first.date(), last.date()
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
