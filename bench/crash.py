"""Crash test: kill -9 `newsweave ingest` at random moments, rerun, count lost and repeated.

    .venv/bin/python bench/crash.py --kills 20 --articles 120

The input is a BASIL-derived stream (bench/articles.py) plus three malformed lines. Each
round starts the same ingest (8 articles per transaction) and kills it a random 0-8 s after
its next commit, or at a random moment if none comes first (loading, annotating or
comparing); then one last run completes. Every valid record
must be stored exactly once and every bad line quarantined exactly once.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from articles import write_stream

from newsweave.store import Store, audit_store

NEWSWEAVE = Path(sys.executable).parent / "newsweave"
BAD_LINES = ["{broken", '{"id": "no-text"}', "[1, 2, 3]"]


def n_stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as c:
            return int(c.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def ingest(stream: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        # Small transactions, so kills land between, during and after many commits.
        [
            str(NEWSWEAVE),
            "-q",
            "--set",
            "store.batch_size=8",
            "ingest",
            str(stream),
            "--db",
            str(db),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--max-delay", type=float, default=90.0, help="seconds")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - kill timing, not security
    with tempfile.TemporaryDirectory(prefix="nw-crash-") as tmp:
        stream, db = Path(tmp) / "stream.jsonl", Path(tmp) / "crash.db"
        write_stream(stream, args.articles)
        expected = {json.loads(line)["id"] for line in stream.read_text().splitlines()}
        with stream.open("a") as out:
            out.write("\n".join(BAD_LINES) + "\n")
        killed_mid_write = 0
        for k in range(args.kills):
            before = n_stored(db)
            process = ingest(stream, db)
            # Kill a few seconds after the next commit, or at a random moment (loading,
            # annotating, comparing) if none comes first.
            deadline = time.monotonic() + rng.uniform(5.0, args.max_delay)
            while process.poll() is None and time.monotonic() < deadline:
                if n_stored(db) > before:
                    time.sleep(rng.uniform(0.0, 8.0))
                    break
                time.sleep(0.2)
            finished = process.poll() is not None
            process.kill()
            process.wait()
            after = n_stored(db)
            killed_mid_write += after > before and not finished
            print(
                f"kill {k + 1:2}: stored {before} -> {after}{' (had finished)' if finished else ''}"
            )
        final = ingest(stream, db)
        final.wait()
        store = Store.open(str(db))
        ids = [a for s in store.stories() for a in s.article_ids]
        quarantined = [e.rejection.source for e in store.quarantine_entries()]
        problems = audit_store(store)
        store.close()
    # A record stored twice would show as a repeated id or as an id renamed on collision.
    lost = len(expected - set(ids))
    repeated = len(ids) - len(set(ids)) + len(set(ids) - expected)
    print(f"kills: {args.kills} ({killed_mid_write} after new articles were committed)")
    print(
        f"articles: {args.articles} expected, {len(ids)} stored: lost {lost}, duplicated {repeated}"
    )
    print(
        f"bad lines: {len(BAD_LINES)} expected, {len(quarantined)} quarantined, "
        f"duplicated {len(quarantined) - len(set(quarantined))}"
    )
    print(f"store audit: {problems or 'consistent'}")


if __name__ == "__main__":
    main()
