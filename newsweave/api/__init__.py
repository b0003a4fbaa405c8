"""The HTTP API: `create_app(settings, store)` serves /api/... and /openapi.json."""

from newsweave.api.app import create_app

__all__ = ["create_app"]
