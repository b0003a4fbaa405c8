"""The web UI: server-rendered pages (Jinja, autoescaped) with a little JavaScript."""

from newsweave.web.pages import add_web

__all__ = ["add_web"]
