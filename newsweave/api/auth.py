"""Bearer-token checks: writes always need the configured token; reads only if configured."""

from __future__ import annotations

import hmac

from fastapi import Request

from newsweave.config import ApiSettings
from newsweave.errors import Unauthorized, WritesDisabled

__all__ = ["check_token"]


def check_token(request: Request, settings: ApiSettings, *, is_write: bool) -> None:
    """Raise unless the request may go on.

    Raises:
        WritesDisabled: a write, and no token is configured (there is no default token).
        Unauthorized: the Authorization header is missing or names another token.
    """
    if not settings.token:
        if is_write:
            raise WritesDisabled(
                "writes are disabled: no API token is configured",
                hint="set NEWSWEAVE_API_TOKEN (or api.token in newsweave.toml) and restart",
            )
        return
    if not is_write and not settings.protect_reads:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), settings.token.encode()
    ):
        raise Unauthorized(
            "missing or wrong bearer token",
            hint="send the header `Authorization: Bearer <token>` with the configured token",
        )
