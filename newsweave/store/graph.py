"""Stored actor-graph evidence (table of migration 603) and the graph built from it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine, Table, delete, or_, select

from newsweave.connect.graph import ActorGraph, EdgeEvidence, GraphNode, build_graph
from newsweave.store.in_lists import in_slices

__all__ = ["GraphStore"]


class GraphStore:
    """Graph evidence of a store: `store.graph`."""

    def __init__(self, engine: Engine, tables: dict[str, Table]) -> None:
        self.engine = engine
        self.t = tables

    def save_story(
        self, connection: Connection, story_id: str, evidence: Sequence[EdgeEvidence]
    ) -> None:
        """Replace a story's evidence."""
        e = self.t["actor_edges"]
        connection.execute(delete(e).where(e.c.story_id == story_id))
        if evidence:
            connection.execute(
                e.insert(),
                [
                    {
                        "story_id": story_id,
                        "source": x.source,
                        "target": x.target,
                        "type": x.type,
                        "date": x.date,
                        "article_id": x.article_id,
                        "sentence": x.sentence,
                        "text": x.text,
                    }
                    for x in evidence
                ],
            )

    def evidence(self, actor_id: str | None = None) -> list[EdgeEvidence]:
        """Every sentence linking two actors (touching `actor_id`, when given)."""
        e = self.t["actor_edges"]
        query = select(e).order_by(e.c.id)
        if actor_id is not None:
            query = query.where(or_(e.c.source == actor_id, e.c.target == actor_id))
        with self.engine.connect() as c:
            rows = c.execute(query).all()
        return [
            EdgeEvidence(r.source, r.target, r.type, r.article_id, r.sentence, r.text, r.date)
            for r in rows
        ]

    def graph(self, actor_id: str | None = None) -> ActorGraph:
        """The actor graph of the corpus (or an actor's neighbourhood)."""
        evidence = self.evidence(actor_id)
        ids = {x.source for x in evidence} | {x.target for x in evidence}
        if actor_id is not None:
            ids.add(actor_id)
        a = self.t["actors"]
        nodes = []
        with self.engine.connect() as c:
            wanted = sorted(ids)
            for chunk in in_slices(wanted):
                rows = c.execute(select(a).where(a.c.id.in_(chunk)))
                for r in rows:
                    country = r.name if r.type == "country" else r.affiliation
                    nodes.append(GraphNode(r.id, r.name, r.type, country))
        return build_graph(nodes, evidence)
