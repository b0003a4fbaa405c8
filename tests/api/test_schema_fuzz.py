"""Schemathesis against the published OpenAPI document: no input makes the server fail.

Every operation (including authorised writes) gets generated valid and invalid requests;
any 5xx, or a response that breaks the documented schema, fails the test.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.schemas import OpenApiSchema

from newsweave.ingest.url import Fetcher
from tests.serving import serve_store

pytestmark = pytest.mark.slow

TOKEN = "fuzz-token"  # noqa: S105 - a token this test configures


@pytest.fixture(scope="module")
def api_schema(seeded_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copy(seeded_db, db)
    real_resolve = socket.getaddrinfo

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        # Generated `urls` must not send DNS queries out: any other name fails to resolve.
        if host not in {"127.0.0.1", "localhost", "::1"}:
            raise socket.gaierror(f"tests resolve no host but loopback ({host!r})")
        return real_resolve(host, *args, **kwargs)

    with (
        pytest.MonkeyPatch.context() as patch,
        # Rate limits off: hundreds of generated requests from one address would meet them.
        serve_store(
            str(db),
            f"api.token={TOKEN}",
            "api.max_body_bytes=20000",
            "api.reads_per_minute=0",
            "api.writes_per_minute=0",
        ) as base,
    ):
        # The fetcher binds its resolver as a keyword default: replace that default.
        patch.setattr(
            Fetcher.__init__, "__kwdefaults__", {"resolve": loopback_only, "transport": None}
        )
        yield schemathesis.openapi.from_url(base + "/openapi.json")


OPERATIONS = [
    ("GET", "/api/stories"),
    ("GET", "/api/stories/{story_id}"),
    ("GET", "/api/stories/{story_id}/timeline"),
    ("GET", "/api/stories/{story_id}/related"),
    ("GET", "/api/actors"),
    ("GET", "/api/actors/{name}"),
    ("GET", "/api/timeline"),
    ("POST", "/api/articles"),
]


def test_fuzzing_covers_every_operation(api_schema: OpenApiSchema) -> None:
    found = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_never_fails_on_generated_requests(
    api_schema: OpenApiSchema, method: str, path: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40 if method == "GET" else 15,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
        assert response.status_code < 500, f"{method} {case.formatted_path}: {response.text}"
        case.validate_response(response, checks=[schemathesis.checks.response_schema_conformance])

    check()
