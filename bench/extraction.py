"""HTML extraction: body F1, date accuracy and throughput, newsweave vs plain trafilatura.

Run:  .venv/bin/python bench/extraction.py [--limit N] [--processes 2]

Data (NEWSWEAVE_DATA or ../shared/data): article-extraction-benchmark (181 pages, token
4-gram shingle precision/recall averaged over pages, the benchmark's own metric) and
trafilatura-eval (990 pages, "with"/"without" snippet matching, trafilatura's metric).
Both extractors run on the same pages in the same run. newsweave's figure is what it would
store: parse_record (page metadata, trafilatura, htmldate) followed by clean_document.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import trafilatura

from newsweave.clean import clean_document
from newsweave.errors import InputError
from newsweave.ingest import parse_record
from newsweave.model import RawRecord

DATA = Path(
    os.environ.get("NEWSWEAVE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
_TOKEN = re.compile(r"\w+")

Page = tuple[str, bytes, str | None]  # key, html bytes, url


# --- extractors (top-level so worker processes can run them) --------------------------------


def newsweave_extract(page: Page) -> tuple[str, str | None]:
    key, payload, url = page
    record = RawRecord(source=key, payload=payload, format="html", url=url)
    try:
        article = clean_document(parse_record(record))
    except InputError:
        return "", None
    published = article.published.date().isoformat() if article.published else None
    return article.text, published


def trafilatura_extract(page: Page) -> tuple[str, str | None]:
    """Plain trafilatura: default settings, as a user would call it."""
    _key, payload, url = page
    document = trafilatura.bare_extraction(payload, url=url, with_metadata=True)
    if document is None:
        return "", None
    return document.text or "", document.date


EXTRACTORS: dict[str, Callable[[Page], tuple[str, str | None]]] = {
    "newsweave": newsweave_extract,
    "trafilatura (default)": trafilatura_extract,
}


# --- data -----------------------------------------------------------------------------------


def load_aeb(limit: int | None) -> tuple[list[Page], dict[str, str]]:
    root = DATA / "article-extraction-benchmark"
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    keys = _spread(sorted(truth), limit)
    pages = [
        (k, gzip.decompress((root / "html" / f"{k}.html.gz").read_bytes()), truth[k].get("url"))
        for k in keys
    ]
    return pages, {k: truth[k].get("articleBody", "") for k in keys}


def load_tev(limit: int | None) -> tuple[list[Page], dict[str, dict[str, Any]]]:
    root = DATA / "trafilatura-eval"
    truth = json.loads((root / "evaldata.json").read_text("utf-8"))
    urls = _spread(sorted(truth), limit)
    pages = [
        (u, gzip.decompress((root / "html" / f"{truth[u]['file']}.gz").read_bytes()), u)
        for u in urls
    ]
    return pages, {u: truth[u] for u in urls}


def _spread(keys: list[str], limit: int | None) -> list[str]:
    """`limit` keys spread evenly over the sorted set (all when no limit)."""
    if not limit or limit >= len(keys):
        return keys
    step = len(keys) / limit
    return [keys[int(i * step)] for i in range(limit)]


# --- metrics --------------------------------------------------------------------------------


def shingle_counts(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Shingle overlap of one page, normalised so every page weighs the same."""
    t, p = shingle_counts(true), shingle_counts(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aeb_scores(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    def ratio(tp: float, other: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return tp / (tp + other) if tp + other else 0.0

    precision = statistics.mean(ratio(tp, fp, fp, fn) for tp, fp, fn in rows if tp + fp > 0)
    recall = statistics.mean(ratio(tp, fn, fp, fn) for tp, fp, fn in rows if tp + fn > 0)
    return {"P": precision, "R": recall, "F1": 2 * precision * recall / (precision + recall)}


def snippet_counts(text: str, gold: dict[str, Any]) -> Counter[str]:
    squashed = " ".join(text.split())
    counts: Counter[str] = Counter()
    for snippet in gold.get("with", []):
        counts["tp" if " ".join(snippet.split()) in squashed else "fn"] += 1
    for snippet in gold.get("without", []):
        counts["fp" if " ".join(snippet.split()) in squashed else "tn"] += 1
    return counts


def snippet_scores(c: Counter[str]) -> dict[str, float]:
    precision = c["tp"] / (c["tp"] + c["fp"])
    recall = c["tp"] / (c["tp"] + c["fn"])
    accuracy = (c["tp"] + c["tn"]) / sum(c.values())
    return {
        "P": precision,
        "R": recall,
        "acc": accuracy,
        "F1": 2 * precision * recall / (precision + recall),
    }


# --- runs -----------------------------------------------------------------------------------


def run(pages: list[Page], name: str, processes: int) -> tuple[list[tuple[str, str | None]], float]:
    """Every page through one extractor on `processes` workers; (results, pages/s)."""
    start = time.perf_counter()
    with Pool(processes) as pool:
        results = pool.map(EXTRACTORS[name], pages, chunksize=4)
    return results, len(pages) / (time.perf_counter() - start)


def report_aeb(limit: int | None, processes: int) -> None:
    pages, truth = load_aeb(limit)
    print(f"\narticle-extraction-benchmark: {len(pages)} pages, {processes} processes")
    print(f"{'extractor':<34} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
    for name in EXTRACTORS:
        results, rate = run(pages, name, processes)
        texts = [text for text, _date in results]
        rows = [page_tp_fp_fn(truth[p[0]], t) for p, t in zip(pages, texts, strict=True)]
        s = aeb_scores(rows)
        print(f"{name:<34} {s['P']:.3f} {s['R']:.3f} {s['F1']:.3f} {rate:8.1f}")


def report_tev(limit: int | None, processes: int) -> None:
    pages, truth = load_tev(limit)
    n_dates = sum(1 for g in truth.values() if g.get("date"))
    print(
        f"\ntrafilatura-eval: {len(pages)} pages ({n_dates} with a gold date), "
        f"{processes} processes"
    )
    print(
        f"{'extractor':<34} {'P':>6} {'R':>6} {'acc':>6} {'F1':>6} {'date acc':>9} {'pages/s':>8}"
    )
    for name in EXTRACTORS:
        results, rate = run(pages, name, processes)
        counts: Counter[str] = Counter()
        n_right = 0
        for (url, _, _), (text, date) in zip(pages, results, strict=True):
            counts.update(snippet_counts(text, truth[url]))
            gold = truth[url].get("date")
            n_right += bool(gold) and (date or "")[:10] == gold
        s = snippet_scores(counts)
        print(
            f"{name:<34} {s['P']:.3f} {s['R']:.3f} {s['acc']:.3f} {s['F1']:.3f} "
            f"{n_right / max(1, n_dates):9.3f} {rate:8.1f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--only", choices=["aeb", "tev"], default=None)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no data folder {DATA} (set NEWSWEAVE_DATA)", file=sys.stderr)
        return 2
    if args.only in (None, "aeb"):
        report_aeb(args.limit, args.processes)
    if args.only in (None, "tev"):
        report_tev(args.limit, args.processes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
