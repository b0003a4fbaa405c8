"""`newsweave extract`: what ingestion would store, printed, nothing stored."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DATA, CliRunner

KEYS = ["title", "outlet", "url", "published", "byline", "language", "text"]


def test_extract_json_has_exactly_the_documented_keys(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("extract", str(DATA / "pages" / "sciencealert_europa.html"), "--json")
    assert result.exit_code == 0, result.stderr
    fields = result.json()
    assert list(fields) == KEYS
    assert fields["outlet"] == "ScienceAlert"
    assert fields["published"].startswith("2019-11-18")
    assert fields["language"] == "en"
    assert "Hubble" in fields["text"] or "water vapor" in fields["text"]
    assert not list(tmp_path.iterdir())  # nothing stored anywhere


def test_extract_readable_view(cli: CliRunner) -> None:
    result = cli("extract", str(DATA / "pages" / "sciencealert_europa.html"))
    assert result.exit_code == 0
    assert "outlet    ScienceAlert" in result.stdout


def test_extract_feed_gives_one_object_per_entry(cli: CliRunner) -> None:
    result = cli("extract", str(DATA / "feeds" / "basil_veto.atom"), "--json")
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) == 2
    assert '"outlet": "Veto override coverage"' in lines[0]


def test_extract_page_without_article_is_an_input_error(cli: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "front.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    result = cli("extract", str(page), "--json")
    assert result.exit_code == 2
    assert "error [NW103]" in result.stderr
    assert "hint:" in result.stderr


def test_extract_binary_file_is_refused(cli: CliRunner, tmp_path: Path) -> None:
    blob = tmp_path / "photo.html"
    blob.write_bytes(bytes(range(256)) * 10)
    result = cli("extract", str(blob))
    assert result.exit_code == 2
    assert "error [NW101]" in result.stderr


def test_extract_refuses_file_and_gopher_urls(cli: CliRunner) -> None:
    for url in ("file:///etc/passwd", "gopher://127.0.0.1/1"):
        result = cli("extract", url)
        assert result.exit_code == 2
        assert "error [NW108]" in result.stderr
        assert "scheme is not fetched" in result.stderr
