"""POST /api/articles: ingest articles sent as JSON, HTML or plain text (token required)."""

from __future__ import annotations

import io
import json
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from newsweave.api.auth import check_token
from newsweave.api.schemas import ArticleIn, ErrorOut, IngestOut, IngestRequest
from newsweave.config import Settings
from newsweave.errors import InvalidRequest
from newsweave.ingest import InputRef
from newsweave.pipeline import Pipeline

__all__ = ["Ingester", "router"]

router = APIRouter(prefix="/api", tags=["articles"])

# Written out rather than generated: pydantic would put ArticleIn under $defs, which an
# OpenAPI requestBody given by hand cannot refer to.
_BODY_SCHEMA = {
    "type": "object",
    "properties": {
        "articles": {"type": "array", "maxItems": 1000, "items": ArticleIn.model_json_schema()},
        "urls": {
            "type": "array",
            "maxItems": 100,
            "items": {"type": "string", "minLength": 1, "maxLength": 2000},
            "description": "pages or feeds to fetch (public addresses only, unless "
            "ingest.allow_private_urls)",
        },
    },
}
_OPENAPI_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _BODY_SCHEMA},
            "text/html": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
        },
    }
}
Meta = Annotated[str | None, Query(max_length=300, pattern=r"^[^\x00]*$")]


class Ingester:
    """The app's one pipeline, built on the first write; ingests run one at a time."""

    def __init__(self, settings: Settings, store: Any) -> None:
        self.settings = settings
        self.store = store
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def ingest(self, articles: list[ArticleIn], urls: list[str]) -> IngestOut:
        lines = (
            json.dumps(a.model_dump(exclude_none=True), ensure_ascii=False) + "\n" for a in articles
        )
        refs = [InputRef(source=url, url=url) for url in urls]
        if articles:
            payload = "".join(lines).encode("utf-8")
            refs.insert(0, InputRef(source="api", stream=io.BytesIO(payload)))
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.settings, self.store)
            summary = self._pipeline.ingest(refs)
        return IngestOut(
            read=summary.read,
            stored=summary.stored,
            duplicate=summary.duplicate,
            quarantined=summary.quarantined,
            stories=list(summary.story_ids),
        )


def _request_from(body: bytes, content_type: str, meta: dict[str, str | None]) -> IngestRequest:
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            return IngestRequest.model_validate_json(body)
        except ValidationError as exc:
            raise InvalidRequest(
                f"invalid JSON body: {exc.error_count()} problem(s): "
                + "; ".join(e["msg"] for e in exc.errors()[:5]),
                hint='send {"articles": [{"text": "...", "title": "..."}]} or {"urls": [...]}',
            ) from exc
    if kind in {"text/html", "text/plain"}:
        try:
            content = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidRequest("the body is not UTF-8", hint="send UTF-8 text") from exc
        field = "html" if kind == "text/html" else "text"
        return IngestRequest(articles=[ArticleIn.model_validate({field: content, **meta})])
    raise InvalidRequest(
        f"unsupported content type {kind or '(none)'}",
        hint="send application/json, text/html or text/plain",
    )


@router.post(
    "/articles",
    response_model=IngestOut,
    openapi_extra=_OPENAPI_BODY,
    responses={
        401: {"model": ErrorOut},
        403: {"model": ErrorOut},
        413: {"model": ErrorOut},
        422: {"model": ErrorOut},
    },
)
async def post_articles(
    request: Request,
    id: Meta = None,
    title: Meta = None,
    outlet: Meta = None,
    url: Meta = None,
    published: Meta = None,
) -> IngestOut:
    """Ingest articles; needs `Authorization: Bearer <token>`.

    The body is `{"articles": [...], "urls": [...]}` (application/json; URLs of pages or
    feeds are fetched under the ingest URL policy), or one article as text/html or
    text/plain with its metadata in the query string. Inputs that cannot be read are
    quarantined and counted by error code, as with `newsweave ingest`.
    """
    settings: Settings = request.app.state.settings
    check_token(request, settings.api, is_write=True)
    meta = {"id": id, "title": title, "outlet": outlet, "url": url, "published": published}
    body = _request_from(await request.body(), request.headers.get("content-type", ""), meta)
    ingester: Ingester = request.app.state.ingester
    return await run_in_threadpool(ingester.ingest, body.articles, body.urls)
