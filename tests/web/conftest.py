"""A live server over the seeds plus one hostile article (script tags, javascript: links)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest

from tests.conftest import run_cli_captured
from tests.serving import serve_store

HOSTILE = {
    "id": "hostile-1",
    "title": "<script>alert('title')</script> Harbour strike ends",
    "outlet": "<b>Evil Outlet</b>",
    "url": "javascript:alert('url')",
    "published": "2025-11-05T10:00:00+00:00",
    "text": (
        "Dock workers ended a three-week strike at the harbour on Wednesday "
        "<script>alert('body')</script> after the port authority agreed to a 6 per cent "
        'raise. <a href="javascript:alert(1)">click</a> <img src=x onerror="alert(2)"> '
        "Ships queued outside the harbour began to unload on Thursday, the authority said."
    ),
}


@pytest.fixture(scope="session")
def web_db(seeded_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("web")
    db = folder / "web.db"
    shutil.copy(seeded_db, db)
    records = folder / "hostile.jsonl"
    records.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    result = run_cli_captured("ingest", str(records), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    return str(db)


@pytest.fixture(scope="session")
def web(web_db: str) -> Iterator[str]:
    with serve_store(web_db) as base:
        yield base
