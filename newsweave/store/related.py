"""Related-story search over the store: a vector index of story centroids kept beside it.

The index (connect.vectors) is persisted in `vector_indexes` (migration 801) with a
watermark, the newest story `updated_at` it has seen. Every search first replays the story
rows written since (`updated_at >= watermark`: timestamps have one-second resolution), so
after a crash or another process's writes the index is caught up from the store, never
silently stale. Stories deleted by a merge may linger in the index; hits are checked against
the stories table. The snapshot is rewritten when the replayed tail grows past a tenth of
the index, and rebuilt (exact or IVF, by size) when it outgrows its kind.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import Connection, Engine, Table, delete, insert, select

from newsweave.connect.related import RelatedStory, rank_related
from newsweave.connect.vectors import IndexKind, VectorIndex
from newsweave.errors import NotFound
from newsweave.nlp.embeddings import DIM
from newsweave.store.codec import vector_from_bytes
from newsweave.store.story_index import resolve_alias

__all__ = ["RelatedStories"]

_NAME = "story_centroids"


class RelatedStories:
    """Stories like a given one: `store.related`."""

    def __init__(
        self, engine: Engine, tables: Mapping[str, Table], *, exact_below: int = 100_000
    ) -> None:
        self.engine = engine
        self.t = tables
        self.exact_below = exact_below  # setting store.exact_search_below
        self._index: VectorIndex | None = None
        self._watermark = ""
        self._replayed = 0
        self._lock = threading.Lock()

    def find(self, story_id: str, *, k: int = 5) -> list[RelatedStory]:
        """Up to `k` stories related to `story_id`, most similar first.

        Raises:
            NotFound: no story has that id (merged ids resolve to their story).
        """
        s = self.t["stories"]
        with self.engine.connect() as c:
            row = c.execute(
                select(s.c.seq, s.c.centroid, s.c.actors).where(s.c.id == story_id)
            ).first()
        if row is None:
            merged_into = resolve_alias(self.engine, self.t, story_id)
            if merged_into is not None and merged_into != story_id:
                return self.find(merged_into, k=k)
            raise NotFound(f"no story {story_id!r}", hint="list them with `newsweave stories`")
        with self._lock:
            index = self._synced()
            hits = dict(index.search(vector_from_bytes(row.centroid), k=k + 10))
        hits.pop(row.seq, None)
        own = set(json.loads(row.actors))
        with self.engine.connect() as c:
            rows = c.execute(
                select(
                    s.c.seq, s.c.id, s.c.title, s.c.n_articles, s.c.first_seen, s.c.last_seen,
                    s.c.actors,
                ).where(s.c.seq.in_(list(hits)))
            ).all()  # fmt: skip
        candidates = [
            RelatedStory(
                id=r.id,
                title=r.title,
                n_articles=r.n_articles,
                first_seen=r.first_seen,
                last_seen=r.last_seen,
                similarity=hits[r.seq],
                shared_actors=tuple(sorted(own & set(json.loads(r.actors)))),
            )
            for r in rows
        ]
        return rank_related(candidates, k=k)

    def index_kind(self) -> IndexKind:
        """The kind of index searches use now (after catching up with the store)."""
        with self._lock:
            return self._synced().kind

    def _synced(self) -> VectorIndex:
        if self._index is None:
            self._load()
        seqs, vectors, newest = self._changed_since(self._watermark)
        index = self._index
        total = (len(index) if index is not None else 0) + len(seqs)
        outgrown = index is not None and index.kind == "exact" and total >= self.exact_below
        if index is None or outgrown:
            seqs, vectors, newest = self._changed_since("")
            index = VectorIndex.build(seqs, vectors, dim=DIM, exact_below=self.exact_below)
            self._index, self._watermark, self._replayed = index, newest, 0
            self._save()
            return index
        if len(seqs):
            index.upsert(seqs, vectors)
            # Rows of the watermark's own second come back every time: count only newer ones.
            self._replayed += int(newest > self._watermark) * len(seqs)
            self._watermark = max(self._watermark, newest)
            if self._replayed > max(1000, len(index) // 10):
                self._replayed = 0
                self._save()
        return index

    def _changed_since(self, watermark: str) -> tuple[np.ndarray, np.ndarray, str]:
        s = self.t["stories"]
        query = select(s.c.seq, s.c.centroid, s.c.updated_at).where(s.c.updated_at >= watermark)
        seqs, vectors, newest = [], [], watermark
        with self.engine.connect() as c:
            for r in c.execute(query):
                seqs.append(r.seq)
                vectors.append(vector_from_bytes(r.centroid))
                newest = max(newest, r.updated_at)
        matrix = np.vstack(vectors) if vectors else np.zeros((0, DIM), dtype=np.float32)
        return np.array(seqs, dtype=np.int64), matrix, newest

    def _load(self) -> None:
        v = self.t["vector_indexes"]
        with self.engine.connect() as c:
            row = c.execute(select(v).where(v.c.name == _NAME)).first()
        if row is not None and row.dim == DIM:
            self._index = VectorIndex.from_bytes(row.data, row.kind)
            self._watermark = row.watermark

    def _save(self) -> None:
        assert self._index is not None  # noqa: S101 - saved only once built
        v = self.t["vector_indexes"]
        row = {
            "name": _NAME,
            "kind": self._index.kind,
            "dim": DIM,
            "n_vectors": len(self._index),
            "watermark": self._watermark,
            "data": self._index.to_bytes(),
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        with self.engine.begin() as c:
            _replace(c, v, row)


def _replace(connection: Connection, table: Table, row: dict[str, object]) -> None:
    connection.execute(delete(table).where(table.c.name == row["name"]))
    connection.execute(insert(table).values(**row))
