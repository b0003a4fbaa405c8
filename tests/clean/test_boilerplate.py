"""The cleaner removes page furniture by general rules, on reports that are not the seeds."""

from __future__ import annotations

from pathlib import Path

from newsweave.clean import clean_document
from newsweave.clean.boilerplate import remove_boilerplate
from newsweave.ingest import iter_inputs, parse_record, read_input
from newsweave.model import RawDocument


def _clean_file(path: Path) -> tuple[str | None, str, tuple[str, ...]]:
    (ref,) = iter_inputs([path])
    (record,) = read_input(ref, max_bytes=10**6)
    article = clean_document(parse_record(record))
    return article.title, article.text, article.removed


def test_wrapped_report_keeps_every_body_paragraph(data_dir: Path) -> None:
    title, text, _ = _clean_file(data_dir / "wrapped_report.txt")
    assert title == (
        "BREAKING: Lawan moves motion for Senate's adjournment over Nzeribe, Adedoyin's deaths"
    )
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith("Senator representing Yobe North, Ahmad Lawan")
    assert paragraphs[-1].startswith("The details of the Senate's plenary session")
    assert len(paragraphs) == 5
    assert text.count("resolved to observe a minute of silence") == 1


def test_wrapped_report_removes_the_furniture(data_dir: Path) -> None:
    _, text, removed = _clean_file(data_dir / "wrapped_report.txt")
    for furniture in (
        "Advertisement",
        "Share this article",
        "Getty Images",
        "WhatsApp",
        "Related:",
        "Most Popular",
        "Copyright",
        "reads letters in the chamber",
    ):
        assert furniture not in text
        assert any(furniture in r for r in removed)


def test_short_sentence_mentioning_a_newsletter_is_kept() -> None:
    paragraphs = [
        "The minister said the bank would subscribe to the new bond issue.",
        "Subscribe to our newsletter",
    ]
    cleaned = remove_boilerplate(paragraphs)
    assert cleaned.paragraphs == (paragraphs[0],)


def test_trailing_wire_credit_is_recorded_not_kept() -> None:
    cleaned = remove_boilerplate(["Talks resumed on Monday in Geneva. AFP"])
    assert cleaned.paragraphs == ("Talks resumed on Monday in Geneva.",)
    assert cleaned.wire == ("AFP",)


def test_photo_agencies_are_not_the_wire_source() -> None:
    cleaned = remove_boilerplate(
        ["A crowd gathers.", "PHOTO: AFP", "The rally drew thousands of people to the square."]
    )
    assert cleaned.wire == ()
    assert cleaned.paragraphs == ("The rally drew thousands of people to the square.",)


def test_bullet_markers_are_stripped() -> None:
    cleaned = remove_boilerplate(["- The president will attend the summit on Friday."])
    assert cleaned.paragraphs == ("The president will attend the summit on Friday.",)


def test_unicode_is_normalised_without_changing_words() -> None:
    document = RawDocument(
        id="x",
        source="x",
        format="text",
        sha256="0",
        text="Cafe\u0301 owners\u00a0met\u200b in Zürich on Tuesday to talk.",
    )
    article = clean_document(document)
    assert article.text == "Café owners met in Zürich on Tuesday to talk."
