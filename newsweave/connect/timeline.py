"""Timelines: a story's or an actor's event frames in date order, each citing its sentences.

Dates keep the precision they were written with; a year-only date sorts at the start of its
year, a date without a year ("--09-03") after every dated entry, undated entries last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsweave.model import Frame

__all__ = ["TimelineEntry", "build_timeline", "timeline_as_dict", "timeline_from_dict"]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated event: `summary` reads "attend parade in Beijing: Xi Jinping (host), ..."."""

    date: str | None
    is_inferred: bool
    type: str
    summary: str
    story_id: str
    frame_id: str
    citations: tuple[tuple[str, str], ...]  # (article id, sentence text)


def build_timeline(frames: Iterable[tuple[str, Frame]]) -> list[TimelineEntry]:
    """Entries for (story id, frame) pairs, in date order."""
    entries = [
        TimelineEntry(
            date=frame.date.iso() if frame.date else None,
            is_inferred=bool(frame.date and frame.date.is_inferred),
            type=frame.type,
            summary=summarise(frame),
            story_id=story_id,
            frame_id=frame.id,
            citations=tuple((m.article_id, m.text) for m in frame.mentions),
        )
        for story_id, frame in frames
    ]
    return sorted(entries, key=_order)


def summarise(frame: Frame) -> str:
    what = frame.type + (f" {frame.event}" if frame.event else "")
    where = f" in {frame.place}" if frame.place else ""
    who = ", ".join(f"{p.name} ({p.role})" for p in frame.participants[:8])
    more = len(frame.participants) - 8
    return f"{what}{where}: {who}" + (f" and {more} more" if more > 0 else "")


def timeline_as_dict(entries: Iterable[TimelineEntry]) -> list[dict[str, Any]]:
    return [
        {
            "date": e.date,
            "date_is_inferred": e.is_inferred,
            "type": e.type,
            "summary": e.summary,
            "story": e.story_id,
            "frame": e.frame_id,
            "mentions": [{"article": a, "text": t} for a, t in e.citations],
        }
        for e in entries
    ]


def timeline_from_dict(items: Iterable[dict[str, Any]]) -> list[TimelineEntry]:
    """Read back `timeline_as_dict` output."""
    return [
        TimelineEntry(
            date=item["date"],
            is_inferred=bool(item["date_is_inferred"]),
            type=item["type"],
            summary=item["summary"],
            story_id=item["story"],
            frame_id=item["frame"],
            citations=tuple((m["article"], m["text"]) for m in item["mentions"]),
        )
        for item in items
    ]


def _order(entry: TimelineEntry) -> tuple[int, str, str]:
    if entry.date is None:
        return (2, "", entry.frame_id)
    return (1 if entry.date.startswith("-") else 0, entry.date, entry.frame_id)
