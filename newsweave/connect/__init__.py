"""Connect: actors, frames and their relations across stories -> actor graph, timelines."""

from newsweave.connect.actors import LinkedActors, actor_keys, link_actors

__all__ = ["LinkedActors", "actor_keys", "link_actors"]
