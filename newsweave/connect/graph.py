"""The actor graph: actors as nodes, typed, weighted, dated edges that cite their sentences.

Edges come from two kinds of evidence, each one sentence of one article:

- frames: an event frame links its agent to its patient under the frame's type
  (supporter -> supported is "support", attendee -> host is "attend"; "meet" and "agree"
  link every pair of participants);
- co-occurrence: two actors named in the same sentence ("co-occurs", undirected).

An edge's weight is its number of citing sentences; its dates span the dates of its
evidence. The graph is written as GraphML or as node-link JSON, and read back from both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any
from xml.etree import ElementTree as ET

from newsweave.errors import UnsupportedFormat
from newsweave.model import ActorMention, AnnotatedArticle, Frame

__all__ = [
    "CO_OCCURS",
    "ActorGraph",
    "Edge",
    "EdgeEvidence",
    "GraphNode",
    "build_graph",
    "edge_evidence",
    "frame_evidence",
    "graph_from_json",
    "graph_to_json",
    "read_graphml",
    "write_graphml",
]

CO_OCCURS = "co-occurs"
_SYMMETRIC = {"meet", "agree"}
_AGENTS = {
    "attend": ("attendee", "reviewer"),
    "visit": ("visitor",),
    "sanction": ("sanctioner",),
    "accuse": ("accuser",),
    "threaten": ("threatener",),
    "support": ("supporter",),
    "protest": ("protester",),
    "attack": ("attacker",),
}
_NODE_TYPES = frozenset({"person", "country", "organisation", "group"})
_MAX_CITATIONS = 20
_NS = "http://graphml.graphdrawing.org/xmlns"


@dataclass(frozen=True, slots=True)
class EdgeEvidence:
    """One sentence linking two actors. `date` is an ISO 8601 date, possibly partial."""

    source: str
    target: str
    type: str
    article_id: str
    sentence: int
    text: str
    date: str | None = None


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str
    name: str
    type: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """All evidence for one (source, target, type): its weight, dates and citations."""

    source: str
    target: str
    type: str
    weight: int
    first_date: str | None
    last_date: str | None
    citations: tuple[tuple[str, str], ...]  # (article id, sentence text), at most 20


@dataclass(frozen=True, slots=True)
class ActorGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[Edge, ...]


def edge_evidence(
    article: AnnotatedArticle,
    mentions: Sequence[ActorMention],
    types: dict[str, str],
) -> list[EdgeEvidence]:
    """Co-occurrence evidence of one article; `types` maps actor id -> actor type."""
    by_sentence: dict[int, dict[str, None]] = {}
    for m in mentions:
        if m.article_id == article.article.id and types.get(m.actor_id) in _NODE_TYPES:
            by_sentence.setdefault(m.sentence, {})[m.actor_id] = None
    published = article.article.published.date().isoformat() if article.article.published else None
    found = []
    for index, ids in sorted(by_sentence.items()):
        dates = [d.value.iso() for d in article.dates if d.sentence == index and d.value]
        sentence = article.sentences[index]
        for a, b in combinations(sorted(ids), 2):
            found.append(
                EdgeEvidence(
                    a,
                    b,
                    CO_OCCURS,
                    article.article.id,
                    index,
                    sentence.text,
                    dates[0] if dates else published,
                )
            )
    return found


def frame_evidence(frame: Frame) -> list[EdgeEvidence]:
    """Typed evidence from one frame: agent -> patient, for each sentence citing it."""
    date = frame.date.iso() if frame.date else None
    pairs: list[tuple[str, str]] = []
    ids = [p.actor_id for p in frame.participants]
    if frame.type in _SYMMETRIC:
        pairs = [tuple(sorted(p)) for p in combinations(dict.fromkeys(ids), 2)]  # type: ignore[misc]
    else:
        agent_roles = _AGENTS.get(frame.type, ())
        agents = [p.actor_id for p in frame.participants if p.role in agent_roles]
        patients = [p.actor_id for p in frame.participants if p.role not in agent_roles]
        pairs = [(a, b) for a in agents for b in patients if a != b]
    return [
        EdgeEvidence(a, b, frame.type, m.article_id, m.sentence, m.text, date)
        for a, b in dict.fromkeys(pairs)
        for m in frame.mentions
    ]


def build_graph(nodes: Iterable[GraphNode], evidence: Iterable[EdgeEvidence]) -> ActorGraph:
    """Aggregate evidence into edges; nodes without an edge are kept."""
    grouped: dict[tuple[str, str, str], list[EdgeEvidence]] = {}
    for e in evidence:
        grouped.setdefault((e.source, e.target, e.type), []).append(e)
    edges = []
    for (source, target, kind), items in sorted(grouped.items()):
        cited = dict.fromkeys((e.article_id, e.text) for e in items)
        dates = sorted(_sortable(e.date) for e in items if e.date)
        edges.append(
            Edge(
                source=source,
                target=target,
                type=kind,
                weight=len(cited),
                first_date=dates[0][1] if dates else None,
                last_date=dates[-1][1] if dates else None,
                citations=tuple(list(cited)[:_MAX_CITATIONS]),
            )
        )
    return ActorGraph(nodes=tuple(sorted(nodes, key=lambda n: n.id)), edges=tuple(edges))


def _sortable(iso: str | None) -> tuple[str, str]:
    # "--09-03" (no year) sorts after every dated value.
    return ("~" + (iso or "") if not iso or iso.startswith("-") else iso, iso or "")


# --- formats -----------------------------------------------------------------------------


def graph_to_json(graph: ActorGraph) -> dict[str, Any]:
    """Node-link JSON: {"nodes": [...], "edges": [...]}, with citations on each edge."""
    return {
        "nodes": [
            {"id": n.id, "name": n.name, "type": n.type, "country": n.country} for n in graph.nodes
        ],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "type": e.type,
                "weight": e.weight,
                "first_date": e.first_date,
                "last_date": e.last_date,
                "citations": [{"article": a, "text": t} for a, t in e.citations],
            }
            for e in graph.edges
        ],
    }


def graph_from_json(document: dict[str, Any]) -> ActorGraph:
    nodes = tuple(
        GraphNode(n["id"], n["name"], n["type"], n.get("country")) for n in document["nodes"]
    )
    edges = tuple(
        Edge(
            source=e["source"],
            target=e["target"],
            type=e["type"],
            weight=int(e["weight"]),
            first_date=e.get("first_date"),
            last_date=e.get("last_date"),
            citations=tuple((c["article"], c["text"]) for c in e.get("citations", [])),
        )
        for e in document["edges"]
    )
    return ActorGraph(nodes=nodes, edges=edges)


_NODE_KEYS = [("name", "string"), ("type", "string"), ("country", "string")]
_EDGE_KEYS = [
    ("type", "string"),
    ("weight", "int"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("citations", "string"),  # JSON list of {"article", "text"}
]


def write_graphml(graph: ActorGraph) -> str:
    """GraphML text (directed; co-occurrence edges carry type "co-occurs")."""
    root = ET.Element("graphml", xmlns=_NS)
    for scope, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(
                root,
                "key",
                id=f"{scope}_{name}",
                attrib={"for": scope, "attr.name": name, "attr.type": kind},
            )
    body = ET.SubElement(root, "graph", id="actors", edgedefault="directed")
    for n in graph.nodes:
        node = ET.SubElement(body, "node", id=n.id)
        _data(node, "node", {"name": n.name, "type": n.type, "country": n.country})
    for i, e in enumerate(graph.edges):
        edge = ET.SubElement(body, "edge", id=f"e{i}", source=e.source, target=e.target)
        citations = json.dumps(
            [{"article": a, "text": t} for a, t in e.citations], ensure_ascii=False
        )
        _data(
            edge,
            "edge",
            {
                "type": e.type,
                "weight": str(e.weight),
                "first_date": e.first_date,
                "last_date": e.last_date,
                "citations": citations,
            },
        )
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def read_graphml(text: str) -> ActorGraph:
    """Read a graph written by `write_graphml`."""
    root = ET.fromstring(text)  # noqa: S314 - our own export, read back in tests and tools
    graph = root.find(f"{{{_NS}}}graph")
    if graph is None:
        raise UnsupportedFormat(
            "not a GraphML document: no <graph> element",
            source="graphml",
            stage="connect",
            hint="pass a file written by `newsweave graph export --format graphml`",
        )
    nodes = []
    for node in graph.iter(f"{{{_NS}}}node"):
        data = _read_data(node, "node")
        nodes.append(
            GraphNode(
                node.attrib["id"], data["name"] or "", data["type"] or "", data.get("country")
            )
        )
    edges = []
    for edge in graph.iter(f"{{{_NS}}}edge"):
        data = _read_data(edge, "edge")
        citations = json.loads(data.get("citations") or "[]")
        edges.append(
            Edge(
                source=edge.attrib["source"],
                target=edge.attrib["target"],
                type=data["type"] or "",
                weight=int(data["weight"] or 0),
                first_date=data.get("first_date"),
                last_date=data.get("last_date"),
                citations=tuple((c["article"], c["text"]) for c in citations),
            )
        )
    return ActorGraph(nodes=tuple(nodes), edges=tuple(edges))


def _data(element: ET.Element, scope: str, values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is not None:
            ET.SubElement(element, "data", key=f"{scope}_{name}").text = value


def _read_data(element: ET.Element, scope: str) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for data in element.findall(f"{{{_NS}}}data"):
        values[data.attrib["key"].removeprefix(f"{scope}_")] = data.text or ""
    return {name: values.get(name) for name, _ in (_NODE_KEYS if scope == "node" else _EDGE_KEYS)}
