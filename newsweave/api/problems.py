"""One JSON error shape for every failure: {ok, error, code, status, hint}.

`code` is the stable code of the newsweave error class (newsweave/errors.py), so clients
can branch on it; `status` repeats the HTTP status.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from newsweave.errors import (
    InputError,
    InvalidRequest,
    NewsweaveError,
    NotFound,
    RequestError,
    StageError,
    TooLarge,
)

__all__ = ["error_response", "install_error_handlers", "status_of"]

log = logging.getLogger(__name__)


def status_of(error: NewsweaveError) -> int:
    """The HTTP status an error answers with."""
    if isinstance(error, RequestError):
        return error.status
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, TooLarge):
        return 413
    if isinstance(error, InputError):
        return 422
    return 500


def error_response(
    status: int, code: str, message: str, *, hint: str | None = None
) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "error": message, "code": code, "status": status, "hint": hint},
        status_code=status,
    )


def _from_newsweave(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NewsweaveError)  # noqa: S101 - registered for this class only
    status = status_of(exc)
    if status >= 500:
        log.error("request failed: %s", exc)
    return error_response(status, exc.code, exc.message, hint=exc.hint)


def _from_validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # noqa: S101 - registered for this class only
    problems = [
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
        for e in exc.errors()
    ]
    return error_response(
        InvalidRequest.status,
        InvalidRequest.code,
        "invalid request: " + "; ".join(problems),
        hint="see /openapi.json for every parameter and its type",
    )


def _from_http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)  # noqa: S101 - registered for this class only
    code = NotFound.code if exc.status_code == 404 else InvalidRequest.code
    response = error_response(exc.status_code, code, str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def _from_bug(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(
        500,
        StageError.code,
        f"internal error: {type(exc).__name__}",
        hint="this is a newsweave bug; the server log has the traceback",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NewsweaveError, _from_newsweave)
    app.add_exception_handler(RequestValidationError, _from_validation)
    app.add_exception_handler(HTTPException, _from_http)
    app.add_exception_handler(Exception, _from_bug)
