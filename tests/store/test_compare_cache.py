"""A story's compare cache goes into the store and comes back exactly (both backends)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, update

from newsweave.compare.atomic import ClaimSpan
from newsweave.compare.values import Difference
from newsweave.compare.verdict import Judgement
from newsweave.model import Claim, DateMention, DateValue, QuantityMention
from newsweave.store import Store, audit_store
from newsweave.store.compare_cache import CompareCache, claim_shape
from newsweave.stories import IndexChanges


def _cache(version: str, score: float) -> CompareCache:
    return CompareCache(
        version,
        parsed={
            "Kim, who arrived on Monday, met Xi.": [
                ClaimSpan(0, 34, "Kim met Xi.", "met", is_part=False),
                ClaimSpan(5, 26, "Kim arrived on Monday.", "arrived", is_part=True),
            ],
            "Xi hosted Kim – in Beijing.": [],
        },
        judged={
            "a|b|0": Judgement(
                "conflicting", score, (Difference("quantity", "conflicting", "26", "24"),)
            ),
            "a|c|-": Judgement("unrelated", 0.125),
        },
    )


def test_compare_cache_round_trip(store_url: str) -> None:
    store = Store.open(store_url)
    assert store.compare_caches.load("st-1") is None
    for cache in (_cache("v1-a", 0.1 + 0.2), _cache("v1-b", 1 / 3)):
        with store.transaction() as connection:
            store.compare_caches.save(connection, "st-1", cache)
        loaded = store.compare_caches.load("st-1")
        assert loaded is not None
        assert (loaded.version, loaded.parsed, loaded.judged) == (
            cache.version,
            cache.parsed,
            cache.judged,
        )
    empty = CompareCache("v1-c", parsed={}, judged={})
    with store.transaction() as connection:
        store.compare_caches.save(connection, "st-2", empty)
    assert store.compare_caches.load("st-2") == empty
    # Neither story exists: the audit names both caches.
    assert audit_store(store) == [
        "compare cache of missing story st-1",
        "compare cache of missing story st-2",
    ]
    store.close()


def test_a_merged_story_hands_its_cache_to_the_story_that_absorbed_it(store_url: str) -> None:
    store = Store.open(store_url)
    first, second = _cache("v1-a", 0.5), _cache("v1-a", 0.25)
    second.parsed["Xi left."] = []
    second.judged["a|d|-"] = Judgement("unrelated", 0.0)
    with store.transaction() as connection:
        store.compare_caches.save(connection, "st-kept", first)
        store.compare_caches.save(connection, "st-gone", second)
        store.compare_caches.save(connection, "st-old", _cache("v0-z", 0.5))
    merges = {"st-gone": "st-kept", "st-old": "st-kept", "st-moved": "st-new"}
    with store.transaction() as connection:
        store.compare_caches.save(connection, "st-moved", second)
        store.write_index_changes(connection, IndexChanges((), {}, merges))
    kept = store.compare_caches.load("st-kept")
    assert kept is not None
    # The union (the absorbing story's entries win); a cache of another version is dropped.
    assert kept.version == "v1-a"
    assert kept.parsed == first.parsed | {"Xi left.": []}
    assert kept.judged == {**first.judged, "a|d|-": Judgement("unrelated", 0.0)}
    moved = store.compare_caches.load("st-new")
    assert moved is not None
    assert moved.judged == second.judged
    for gone in ("st-gone", "st-old", "st-moved"):
        assert store.compare_caches.load(gone) is None
    store.close()


def test_a_cache_row_with_vectors_still_loads(store_url: str) -> None:
    # Caches of format v1 kept encoder vectors in migration 805's `texts` and `vectors`
    # columns; the columns stay, written empty, and such a row loads without them.
    store = Store.open(store_url)
    with store.transaction() as connection:
        store.compare_caches.save(connection, "st-1", _cache("v1-a", 0.5))
    table = store.t["compare_caches"]
    with store.engine.connect() as c:
        assert c.execute(select(table.c.texts, table.c.vectors)).one() == ("[]", b"")
    with store.transaction() as connection:
        connection.execute(update(table).values(texts='["Kim met Xi."]', vectors=bytes(4 * 384)))
    assert store.compare_caches.load("st-1") == _cache("v1-a", 0.5)
    store.close()


def test_eviction_keeps_the_caches_saved_last(store_url: str) -> None:
    store = Store.open(store_url)
    for story_id in ("st-a", "st-b", "st-c", "st-d"):
        with store.transaction() as connection:
            store.compare_caches.save(connection, story_id, _cache("v1-a", 0.5))
    # Saving again makes a cache recent again.
    with store.transaction() as connection:
        store.compare_caches.save(connection, "st-a", _cache("v1-a", 0.25))
    assert store.compare_caches.evict(keep=2) == 2
    assert store.compare_caches.count() == 2
    assert store.compare_caches.load("st-b") is None
    assert store.compare_caches.load("st-c") is None
    assert store.compare_caches.load("st-a") == _cache("v1-a", 0.25)
    assert store.compare_caches.evict(keep=2) == 0
    assert store.compare_caches.evict(keep=0) == 2
    assert store.compare_caches.count() == 0
    store.close()


def test_a_claims_shape_reads_its_nested_dates_and_quantities_and_numbers_its_actors() -> None:
    text = "Kim met Xi on 3 September with 26 leaders."
    claim = Claim(
        id="a#0",
        article_id="a",
        origin="a",
        sentence=0,
        start=0,
        end=len(text),
        text=text,
        actors=frozenset({"kim", "xi"}),
        people=frozenset({"kim", "xi"}),
        dates=(DateMention("3 September", 14, 25, 0, DateValue(2024, 9, 3)),),
        quantities=(QuantityMention("26 leaders", 31, 41, 0, 26, 26, "leaders"),),
        names=(("kim", "Kim"), ("xi", "Xi")),
    )
    shape, ids = claim_shape(claim)
    assert ids == ("kim", "xi")
    renamed = replace(
        claim,
        actors=frozenset({"kim-jong-un", "xi"}),
        people=frozenset({"kim-jong-un", "xi"}),
        names=(("kim-jong-un", "Kim"), ("xi", "Xi")),
    )
    assert claim_shape(renamed)[0] == shape
    other_day = replace(claim.dates[0], value=DateValue(2024, 9, 4))
    other_unit = replace(claim.quantities[0], unit="people")
    assert claim_shape(replace(claim, dates=(other_day,)))[0] != shape
    assert claim_shape(replace(claim, quantities=(other_unit,)))[0] != shape
