"""`newsweave serve` as a user runs it: a real process on 127.0.0.1, stopped by its PID."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.pgcluster import free_port

ENTRY = "from newsweave.cli import _entry; _entry()"


def test_serve_answers_the_ui_and_the_api(seeded_db: str, tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWEAVE_")}
    log = (tmp_path / "serve.log").open("w+b")
    process = subprocess.Popen(
        [sys.executable, "-c", ENTRY, "serve", "--port", str(port), "--db", seeded_db],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                front = httpx.get(base + "/", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None, "serve exited early"
                assert time.monotonic() < deadline, "serve did not answer within 60 s"
                time.sleep(0.2)
        assert front.status_code == 200
        assert "Putin, Kim Jong Un to attend victory celebration in China" in front.text
        assert httpx.get(base + "/openapi.json").json()["info"]["title"] == "newsweave"
        refused = httpx.post(base + "/api/articles", json={"articles": [{"text": "x"}]})
        assert refused.json()["code"] == "NW603"
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.seek(0)
        output = log.read().decode()
        log.close()
    assert "no API token configured" in output
