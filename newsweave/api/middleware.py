"""ASGI middleware: refuse oversized bodies with 413, and set security headers."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave.api.problems import error_response
from newsweave.errors import TooLarge

__all__ = ["BodyLimit", "SecurityHeaders"]


class BodyLimit:
    """A body over `max_bytes`, declared or streamed, gets the 413 error instead of a reply.

    A declared Content-Length is checked before anything is read; a chunked body is counted
    as it arrives. On overflow the app is told the client went away, whatever it answers is
    dropped, and the 413 goes out instead.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        overflow = False

        async def counted() -> Message:
            nonlocal seen, overflow
            if overflow:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    overflow = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if not overflow:
                await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not overflow:
                raise
        if overflow:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413,
            TooLarge.code,
            f"request body over the {self.max_bytes:,}-byte limit",
            hint="send fewer articles per request, or raise api.max_body_bytes",
        )
        await response(scope, receive, send)


# JSON needs nothing from a browser; pages that do (the web UI) set their own policy.
_DEFAULT_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class SecurityHeaders:
    """Add the default security headers to every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _DEFAULT_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)
