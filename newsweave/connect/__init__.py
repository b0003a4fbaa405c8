"""Connect: actors, frames and their relations across stories -> actor graph, timelines."""

from newsweave.connect.actors import LinkedActors, actor_keys, link_actors
from newsweave.connect.events import EventMention, corefer_events
from newsweave.connect.graph import (
    ActorGraph,
    build_graph,
    edge_evidence,
    frame_evidence,
    graph_from_json,
    graph_to_json,
    read_graphml,
    write_graphml,
)
from newsweave.connect.timeline import TimelineEntry, build_timeline

__all__ = [
    "ActorGraph",
    "EventMention",
    "LinkedActors",
    "TimelineEntry",
    "actor_keys",
    "build_graph",
    "build_timeline",
    "corefer_events",
    "edge_evidence",
    "frame_evidence",
    "graph_from_json",
    "graph_to_json",
    "link_actors",
    "read_graphml",
    "write_graphml",
]
