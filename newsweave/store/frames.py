"""Stored event frames (tables of migration 602), one set per story, by corpus-wide actor."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, select

from newsweave.model import DateValue, Frame, FrameMention, Participant

__all__ = ["FrameStore", "date_from_iso", "frame_as_dict"]

_ISO = re.compile(r"^(?:(?P<y>\d{4})|-)(?:-(?P<m>\d\d))?(?:-(?P<d>\d\d))?$")


class FrameStore:
    """Frame tables of a store: `store.frames`."""

    def __init__(self, engine: Engine, tables: dict[str, Table]) -> None:
        self.engine = engine
        self.t = tables

    def save_story(
        self,
        connection: Connection,
        story_id: str,
        frames: Sequence[Frame],
        actor_ids: Mapping[str, str],
    ) -> list[Frame]:
        """Replace a story's frames; `actor_ids` maps its actor ids to corpus-wide ones.

        Returns the frames as stored (story-qualified ids, corpus-wide actor ids).
        """
        f, p = self.t["frames"], self.t["frame_participants"]
        old = select(f.c.id).where(f.c.story_id == story_id)
        connection.execute(delete(p).where(p.c.frame_id.in_(old)))
        connection.execute(delete(f).where(f.c.story_id == story_id))
        saved = []
        frame_rows: list[dict[str, Any]] = []
        participant_rows: list[dict[str, Any]] = []
        for frame in frames:
            frame_id = f"{story_id}-{frame.id}"
            participants = tuple(
                replace(x, actor_id=actor_ids.get(x.actor_id, x.actor_id))
                for x in frame.participants
            )
            stored = replace(frame, id=frame_id, participants=participants)
            saved.append(stored)
            frame_rows.append(
                {
                    "id": frame_id,
                    "story_id": story_id,
                    "type": frame.type,
                    "event": frame.event,
                    "date": frame.date.iso() if frame.date else None,
                    "date_is_inferred": bool(frame.date and frame.date.is_inferred),
                    "place": frame.place,
                    "data": json.dumps(_data(stored), ensure_ascii=False),
                }
            )
            participant_rows.extend(
                {"frame_id": frame_id, "actor_id": x.actor_id, "role": x.role} for x in participants
            )
        # One statement per table, rows in the order they were inserted one by one before.
        if frame_rows:
            connection.execute(f.insert(), frame_rows)
        if participant_rows:
            connection.execute(p.insert(), participant_rows)
        return saved

    def of_story(self, story_id: str | None = None) -> list[tuple[str, Frame]]:
        """(story id, frame) of one story, or of every story, in stored order."""
        f = self.t["frames"]
        query = select(f)
        if story_id is not None:
            query = query.where(f.c.story_id == story_id)
        with self.engine.connect() as c:
            rows = c.execute(query).all()
        return [(r.story_id, _frame(r)) for r in sorted(rows, key=_order)]

    def of_actor(self, actor_id: str) -> list[tuple[str, Frame]]:
        """(story id, frame) of every frame an actor takes part in."""
        f, p = self.t["frames"], self.t["frame_participants"]
        ids = select(p.c.frame_id).where(p.c.actor_id == actor_id)
        with self.engine.connect() as c:
            rows = c.execute(select(f).where(f.c.id.in_(ids))).all()
        return [(r.story_id, _frame(r)) for r in sorted(rows, key=_order)]


def frame_as_dict(frame: Frame, story_id: str | None = None) -> dict[str, Any]:
    """The JSON shape of a frame (`newsweave frames --json`)."""
    document: dict[str, Any] = {"id": frame.id}
    if story_id is not None:
        document["story"] = story_id
    document.update(
        type=frame.type,
        event=frame.event,
        date=frame.date.iso() if frame.date else None,
        date_is_inferred=bool(frame.date and frame.date.is_inferred),
        place=frame.place,
        participants=[
            {"name": x.name, "role": x.role, "country": x.country, "actor": x.actor_id}
            for x in frame.participants
        ],
        mentions=[{"article": m.article_id, "text": m.text} for m in frame.mentions],
    )
    return document


def date_from_iso(text: str | None, *, is_inferred: bool = False) -> DateValue | None:
    """Read back DateValue.iso(): "2019", "2019-01-05", "--09-03"."""
    if not text:
        return None
    match = _ISO.match(text)
    if match is None:
        return None
    return DateValue(
        year=int(match["y"]) if match["y"] else None,
        month=int(match["m"]) if match["m"] else None,
        day=int(match["d"]) if match["d"] else None,
        is_inferred=is_inferred,
    )


def _data(frame: Frame) -> dict[str, Any]:
    return {
        "participants": [
            {"actor": x.actor_id, "name": x.name, "role": x.role, "country": x.country}
            for x in frame.participants
        ],
        "mentions": [
            {
                "article": m.article_id,
                "sentence": m.sentence,
                "start": m.start,
                "end": m.end,
                "text": m.text,
            }
            for m in frame.mentions
        ],
    }


def _frame(row: Any) -> Frame:
    data = json.loads(row.data)
    return Frame(
        id=row.id,
        type=row.type,
        participants=tuple(
            Participant(x["actor"], x["name"], x["role"], x["country"])
            for x in data["participants"]
        ),
        mentions=tuple(
            FrameMention(m["article"], m["sentence"], m["start"], m["end"], m["text"])
            for m in data["mentions"]
        ),
        date=date_from_iso(row.date, is_inferred=bool(row.date_is_inferred)),
        place=row.place,
        event=row.event,
    )


def _order(row: Any) -> tuple[int, str, str]:
    # Dated frames first in date order; a date without a year ("--09-03") after those.
    rank = 2 if not row.date else (1 if row.date.startswith("-") else 0)
    return (rank, row.date or "", row.id)
