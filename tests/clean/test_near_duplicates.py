"""Copies (exact and near) are linked to their origin; distinct reports are not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsweave.clean.near_duplicates import NearDuplicateIndex, compare_paragraphs, shingles
from newsweave.store import Store
from tests.conftest import DATA, CliRunner


def _basil() -> dict[str, dict[str, Any]]:
    lines = (DATA / "basil_two_events.jsonl").read_text("utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _rewrite(row: dict[str, Any], *, outlet: str, lede: str, keep: int) -> dict[str, Any]:
    """A republication: another outlet, a new headline, an added lede, a trimmed tail."""
    body = [lede, *_paragraphs(row["text"])[:keep]]
    return {
        **row,
        "id": f"{row['id']}-{outlet.split()[0].lower()}",
        "outlet": outlet,
        "url": None,
        "title": "Lawmakers defy Obama on 9/11 bill",
        "text": "\n\n".join(body),
    }


def test_near_duplicate_containment_separates_copies_from_distinct_reports() -> None:
    rows = _basil()
    nyt = rows["basil-veto-nyt"]["text"]
    copy = _rewrite(
        rows["basil-veto-nyt"], outlet="Daily Planet", lede="Our editors add this.", keep=6
    )["text"]
    index = NearDuplicateIndex()
    assert index.confirm(copy, nyt) >= index.threshold
    for other in ("basil-veto-hpo", "basil-veto-fox"):  # same event, other reporting
        assert index.confirm(rows[other]["text"], nyt) < 0.2


def test_near_duplicate_index_finds_candidates() -> None:
    rows = _basil()
    index = NearDuplicateIndex()
    for key, row in rows.items():
        index.add(key, index.sketch(row["text"]))
    copy = _rewrite(rows["basil-orlando-nyt"], outlet="X", lede="A new opening line.", keep=7)
    assert "basil-orlando-nyt" in index.candidates(index.sketch(copy["text"]))
    restored = index.from_bytes(index.to_bytes(index.sketch(copy["text"])))
    assert restored.jaccard(index.sketch(copy["text"])) == pytest.approx(1.0)


def test_compare_paragraphs_reports_added_and_cut() -> None:
    added, cut = compare_paragraphs(
        "New lede.\n\nShared one.\n\nShared two.", "Shared one.\n\nShared two.\n\nDropped tail."
    )
    assert added == ("New lede.",)
    assert cut == ("Dropped tail.",)
    assert shingles("a b", size=5) == {"a b"}


def test_copies_are_linked_and_reports_count_origins(
    cli: CliRunner, db: str, tmp_path: Path
) -> None:
    rows = _basil()
    origin = {
        **rows["basil-veto-nyt"],
        "text": "WASHINGTON (Reuters) - " + rows["basil-veto-nyt"]["text"],
    }
    exact = {**origin, "id": "veto-exact-copy", "outlet": "Wire Mirror", "url": None}
    near = _rewrite(origin, outlet="Daily Planet", lede="Editors' note: updated at noon.", keep=5)
    distinct = rows["basil-veto-hpo"]
    feed = tmp_path / "copies.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in (origin, exact, near, distinct)) + "\n")
    first = cli("ingest", str(feed), "--json", "--db", db).json()
    assert first["stored"] == 4  # copies are kept, linked, not dropped
    again = cli("ingest", str(feed), "--json", "--db", db).json()
    assert (again["stored"], again["duplicate"]) == (0, 4)
    store = Store.open(db)
    try:
        stored = {a.id: a for a in store.articles([r["id"] for r in (origin, exact, near)])}
    finally:
        store.close()
    assert stored[origin["id"]].copy is None
    assert stored["veto-exact-copy"].copy is not None
    assert stored["veto-exact-copy"].copy.containment == 1.0
    near_copy = stored[near["id"]].copy
    assert near_copy is not None
    assert near_copy.origin_id == origin["id"]
    assert near_copy.added == ("Editors' note: updated at noon.",)
    assert len(near_copy.cut) == len(_paragraphs(origin["text"])) - 5
    report = cli("report", "--json", "--db", db).json()
    veto = next(s for s in report["stories"] if len(s["articles"]) >= 3)
    by_id = {a["id"]: a for a in veto["articles"]}
    assert by_id[near["id"]]["copy_of"] == origin["id"]
    assert by_id[origin["id"]]["wire"] == ["Reuters"]
    assert {by_id[i]["origin"] for i in (origin["id"], near["id"], "veto-exact-copy")} == {
        "wire:reuters"
    }
    assert veto["n_origins"] == len({a["origin"] for a in veto["articles"]})
    assert veto["n_origins"] < len(veto["articles"])
