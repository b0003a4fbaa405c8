"""The issue's bad-input corpus in one run: every input gets a clear error, nothing is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DATA, CliRunner

TEXT = "Der Bundestag hat am Mittwoch über das neue Gesetz abgestimmt, sagte die Sprecherin."


def _corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "zero.html").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with (folder / "huge.html").open("wb") as handle:
        handle.write(b"<html><body>" + b"<p>news</p>" * (50 * 1024 * 1024 // 11))
    (folder / "broken_utf8.txt").write_bytes(TEXT.encode() + b"\n\n\xc3\x28 \xff and more")
    (folder / "utf16.txt").write_bytes(("Schlagzeile\n\n" + TEXT).encode("utf-16"))
    (folder / "malformed.rss").write_text('<?xml version="1.0"?><rss><channel><<title>', "utf-8")
    shutil.copy(DATA / "feeds" / "basil_fox_one_broken_entry.rss", folder / "one_broken.rss")
    (folder / "no_article.html").write_text(
        "<html><head><title>Front page</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/world'>World</a></nav></body></html>",
        "utf-8",
    )


def test_bad_input_corpus(cli: CliRunner, db: str, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    _corpus(folder)
    hostile = [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/1",
    ]
    args = [a for url in hostile for a in ("--url", url)]
    result = cli("ingest", str(folder), *args, "--json", "--db", db)
    assert result.exit_code == 3
    summary = result.json()
    # utf16.txt and the two good feed entries are stored; everything else is quarantined.
    assert summary["stored"] == 3
    assert summary["read"] == summary["stored"] + summary["duplicate"] + sum(
        summary["quarantined"].values()
    )
    entries = cli("quarantine", "list", "--json", "--db", db).json()
    codes = {
        Path(e["source"]).name if "://" not in e["source"] else e["source"]: e["code"]
        for e in entries
    }
    assert codes == {
        "zero.html": "NW103",
        "binary.html": "NW101",
        "huge.html": "NW104",
        "broken_utf8.txt": "NW102",
        "malformed.rss": "NW107",
        "one_broken.rss#2": "NW107",
        "no_article.html": "NW103",
        **dict.fromkeys(hostile, "NW108"),
    }
    for entry in entries:
        assert entry["sha256"]
        assert entry["message"]
        assert "(hint: " in entry["message"]
        assert entry["path"] or entry["has_payload"] or "://" in entry["source"]
