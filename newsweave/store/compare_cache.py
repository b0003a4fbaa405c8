"""Stored comparison caches (table of migration 805), one per story.

Comparing a story again after an article joins it reuses what the last comparison
computed: the claim spans of each parsed sentence and the judgement of each claim pair.
Claims are encoded with static vectors, a table lookup cheaper than storing the vectors,
so the cache keeps none. Every entry is keyed by all it was computed from (a sentence's
text, both claims in full), and the whole cache by a version naming the code, models and
settings that made it, so an entry can be missing but never stale: a cache left by a
crash, or by a story since changed, gives the same values a fresh comparison would.

Caches are bounded by count: only the most recently saved ones are kept (`evict_caches`),
so the stories that stopped growing lose theirs first. A story compared again after losing
its cache is compared from scratch, to the same report.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

import newsweave
from newsweave.compare.atomic import ClaimSpan, load_parser
from newsweave.compare.values import Difference
from newsweave.compare.verdict import Judgement
from newsweave.model import Claim
from newsweave.nlp.static_embeddings import STATIC_MODEL
from newsweave.registry import COMPONENTS

__all__ = [
    "CompareCache",
    "CompareCacheStore",
    "JudgementMemo",
    "cache_version",
    "claim_shape",
    "evict_caches",
    "merge_cache",
    "pair_key",
    "read_cache",
    "write_cache",
]

# v2: no vectors (a v1 cache, which may hold some, is not used).
_CACHE_FORMAT = "newsweave.compare-cache.v2"


@dataclass(frozen=True, slots=True)
class CompareCache:
    """What one comparison of a story computed, for the next one to reuse.

    `parsed` holds claim spans by sentence text and `judged` judgements by claim pair
    (`pair_key`).
    """

    version: str
    parsed: dict[str, list[ClaimSpan]]
    judged: dict[str, Judgement]


def cache_version(*, align_threshold: float, scorer_model: str = "") -> str:
    """The version a cache made now carries: the newsweave code (every module and shipped
    model of the package, the static vector table among them), the static encoder's name,
    the parser, the alignment threshold and the pair scorer's models (`PairScorer.model`:
    whether the cross-encoder is on). A cache of any other version is not used.
    Nothing in it depends on where newsweave is installed, so workers of one release on
    other machines make caches of the same version."""
    parser = load_parser().meta
    parts = [
        _CACHE_FORMAT,
        COMPONENTS["compare"],
        _package_digest(),
        STATIC_MODEL,
        f"{parser.get('lang')}_{parser.get('name')}-{parser.get('version')}",
        repr(align_threshold),
        scorer_model,
    ]
    return "v1-" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:40]


@lru_cache(maxsize=1)
def _package_digest() -> str:
    """Digest of newsweave's modules and the models and data shipped beside them (read once;
    the web UI's files are left out)."""
    root = Path(newsweave.__file__).parent
    digest = hashlib.sha256()
    files = (
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix not in {".pyc", ".html", ".css", ".js", ".svg"}
    )
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pair_key(a: Claim, b: Claim) -> str:
    """What the judgement of claim a against claim b depends on.

    Everything both claims hold, except that actor ids are replaced by their order of
    appearance in each claim plus which actors the two share: an article joining a story
    can rename an actor ("obama" becomes "barack-obama"), and judging reads actor ids only
    to tell whether two are the same.
    """
    shape_a, ids_a = claim_shape(a)
    shape_b, ids_b = claim_shape(b)
    shared = ",".join(str(ids_b.index(i)) if i in ids_b else "-" for i in ids_a)
    return f"{shape_a}|{shape_b}|{shared}"


@lru_cache(maxsize=65536)
def claim_shape(claim: Claim) -> tuple[str, tuple[str, ...]]:
    """A digest of everything a claim holds with its actor ids numbered, and those ids."""
    ids = tuple(dict.fromkeys(actor for actor, _ in claim.names)) + tuple(
        sorted(claim.actors - {actor for actor, _ in claim.names})
    )
    number = {actor: k for k, actor in enumerate(ids)}
    # asdict(claim) field by field: only dates and quantities nest (a whole-claim asdict
    # deep-copies every field and was most of the cost).
    data: dict[str, Any] = {f.name: getattr(claim, f.name) for f in fields(claim)}
    data["dates"] = [asdict(d) for d in claim.dates]
    data["quantities"] = [asdict(q) for q in claim.quantities]
    for field in ("actors", "people", "places"):
        data[field] = sorted(number[actor] for actor in data[field])
    data["names"] = [(number[actor], text) for actor, text in claim.names]
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32], ids


class JudgementMemo:
    """Judgements of claim pairs by `pair_key`, for `align_claims(judged_before=)`.

    `used` collects the judgements this comparison read or made: the next cache. An
    unrelated pair is kept without its differences (alignment drops it unread).
    """

    def __init__(self, before: dict[str, Judgement]) -> None:
        self.before = before
        self.used: dict[str, Judgement] = {}
        # Alignment sets a pair right after a `get` that missed it: its key is kept.
        self._last: tuple[Claim, Claim, str] | None = None

    def get(self, key: tuple[Claim, Claim], /) -> Judgement | None:
        pair = self._key(key)
        found = self.used.get(pair) or self.before.get(pair)
        if found is not None:
            self.used[pair] = found
        return found

    def __setitem__(self, key: tuple[Claim, Claim], value: Judgement, /) -> None:
        if value.relation == "unrelated":
            value = Judgement("unrelated", value.score)
        self.used[self._key(key)] = value

    def _key(self, key: tuple[Claim, Claim]) -> str:
        a, b = key
        last = self._last
        if last is not None and last[0] is a and last[1] is b:
            return last[2]
        pair = pair_key(a, b)
        self._last = (a, b, pair)
        return pair


class CompareCacheStore:
    """The compare cache table of a store: `store.compare_caches`."""

    def __init__(self, engine: Engine, tables: dict[str, Table]) -> None:
        self.engine = engine
        self.t = tables

    def load(self, story_id: str) -> CompareCache | None:
        """The cache the story's last comparison left, or None."""
        with self.engine.connect() as c:
            return read_cache(c, self.t["compare_caches"], story_id)

    def save(self, connection: Connection, story_id: str, cache: CompareCache) -> None:
        """Replace the story's cache, inside the caller's transaction."""
        write_cache(connection, self.t["compare_caches"], story_id, cache)

    def evict(self, *, keep: int) -> int:
        """Drop all but the `keep` most recently saved caches; returns how many went."""
        with self.engine.begin() as connection:
            return evict_caches(connection, self.t["compare_caches"], keep=keep)

    def count(self) -> int:
        """How many stories have a cache."""
        with self.engine.connect() as c:
            table = self.t["compare_caches"]
            return int(c.execute(select(func.count()).select_from(table)).scalar_one())


def read_cache(connection: Connection, table: Table, story_id: str) -> CompareCache | None:
    """A story's stored cache, or None."""
    row = connection.execute(select(table).where(table.c.story_id == story_id)).first()
    if row is None:
        return None
    return CompareCache(
        version=row.version,
        parsed=_parsed_from_json(row.parsed),
        judged=_judged_from_json(row.judged),
    )


def write_cache(connection: Connection, table: Table, story_id: str, cache: CompareCache) -> None:
    """Replace a story's stored cache."""
    values = {
        "story_id": story_id,
        "version": cache.version,
        "parsed": json.dumps(_parsed_to_json(cache.parsed), ensure_ascii=False),
        # The cache keeps no vectors since format v2; migration 805's `texts` and `vectors`
        # columns stay (NOT NULL, so written empty) rather than being dropped by a migration:
        # the table keeps its shape for a newsweave of either format.
        "texts": "[]",
        "vectors": b"",
        "judged": json.dumps(_judged_to_json(cache.judged), ensure_ascii=False),
        # Fixed width, so the text orders as the time does (eviction sorts by it).
        "saved_at": datetime.now(UTC).isoformat(timespec="microseconds"),
    }
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table).values(**values)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["story_id"],
            set_={k: v for k, v in values.items() if k != "story_id"},
        )
    )


def evict_caches(connection: Connection, table: Table, *, keep: int) -> int:
    """Delete all but the `keep` caches saved last (ties by story id); returns how many went.

    Reads only the (saved_at, story_id) index of migration 806, never the cached data.
    """
    older = (
        select(table.c.story_id)
        .order_by(table.c.saved_at.desc(), table.c.story_id.desc())
        .offset(max(0, keep))
    )
    gone = list(connection.execute(older).scalars())
    if gone:
        connection.execute(delete(table).where(table.c.story_id.in_(gone)))
    return len(gone)


def merge_cache(connection: Connection, table: Table, old: str, new: str) -> None:
    """Fold the cache of story `old` into that of story `new`, which absorbed it.

    Entries are keyed by what they were computed from, so two caches of one version make
    one by union. Of two versions, the absorbing story's cache is kept.
    """
    absorbed = read_cache(connection, table, old)
    if absorbed is None:
        return
    connection.execute(delete(table).where(table.c.story_id == old))
    kept = read_cache(connection, table, new)
    if kept is not None and kept.version != absorbed.version:
        return
    if kept is not None:
        absorbed = CompareCache(
            kept.version,
            parsed=absorbed.parsed | kept.parsed,
            judged=absorbed.judged | kept.judged,
        )
    write_cache(connection, table, new, absorbed)


def _parsed_to_json(parsed: dict[str, list[ClaimSpan]]) -> dict[str, list[list[Any]]]:
    return {
        text: [[s.start, s.end, s.statement, s.predicate, s.is_part] for s in spans]
        for text, spans in parsed.items()
    }


def _parsed_from_json(data: str) -> dict[str, list[ClaimSpan]]:
    return {
        text: [
            ClaimSpan(s, e, statement, predicate, is_part=part)
            for s, e, statement, predicate, part in spans
        ]
        for text, spans in json.loads(data).items()
    }


def _judged_to_json(judged: dict[str, Judgement]) -> list[list[Any]]:
    # A float's JSON form reads back to the same float, so scores survive exactly.
    return [
        [
            key,
            j.relation,
            j.score,
            [[d.kind, d.relation, d.a_text, d.b_text] for d in j.differences],
        ]
        for key, j in judged.items()
    ]


def _judged_from_json(data: str) -> dict[str, Judgement]:
    return {
        key: Judgement(relation, score, tuple(Difference(*d) for d in differences))
        for key, relation, score, differences in json.loads(data)
    }
