"""The compare stage of an earlier commit against this tree's, in one process, on the same
stories: CPU seconds per article each way, and every report checked byte-identical.

    .venv/bin/python bench/compare_before_after.py --before main --articles 300 [--rounds 2]
        [--end-to-end 1]

The earlier commit's `newsweave/compare/` and `story_reports.py` are read from git and
imported under another package name beside this tree's (everything else, from spaCy to the
store, is shared). The stream is bench/articles.py's (BASIL bodies in 3-outlet stories,
date order). First, with `--end-to-end R`, the whole pipeline ingests the stream into a new
SQLite store R times each way, alternating (this tree first), the earlier commit's
`report_story` swapped in for its runs: CPU seconds per article end to end and inside
`report_story`. The first run of this tree records every `report_story` call it makes (with
`--end-to-end 0`, one run of this tree alone does; a warm-up ingest of a few articles loads
the models first). Then those calls are replayed
`--rounds` times each way, alternating, with the functions' caches emptied before each
round: CPU seconds per article for the calls, for their atomic claims and for their
alignment, and the digest of every report, which must be equal both ways (the run stops
otherwise). The load average is printed beside the figures, since the machine is shared.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from articles import write_stream
from throughput import StageClock

import newsweave.compare.report
import newsweave.pipeline
import newsweave.story_reports
from newsweave.config import load_settings
from newsweave.ingest import iter_inputs
from newsweave.pipeline import Pipeline
from newsweave.store import Store

REPO = Path(__file__).resolve().parents[1]
BEFORE = "newsweave_before"
Call = tuple[Any, list[Any], Any]
OVERRIDES: list[str] = []  # settings for every run (--cross-encoder)
_LRU = type(functools.lru_cache(maxsize=2)(len))


def load_before(rev: str, folder: Path) -> ModuleType:
    """The earlier commit's story_reports module, its compare package renamed."""
    names = subprocess.run(
        [
            "git",
            "ls-tree",
            "-r",
            "--name-only",
            rev,
            "newsweave/compare",
            "newsweave/story_reports.py",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    rename = re.compile(r"\bnewsweave\.(compare|story_reports)\b")
    for name in names:
        data = subprocess.run(
            ["git", "show", f"{rev}:{name}"], cwd=REPO, check=True, capture_output=True
        ).stdout
        if name.endswith(".py"):
            data = rename.sub(BEFORE + r".\1", data.decode("utf-8")).encode("utf-8")
        target = folder / BEFORE / name.removeprefix("newsweave/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (folder / BEFORE / "__init__.py").write_text("")
    sys.path.insert(0, str(folder))
    return importlib.import_module(f"{BEFORE}.story_reports")


def clear_caches(*packages: str) -> None:
    """Empty the bounded lru caches of the packages' modules (loaded models stay)."""
    for name, module in list(sys.modules.items()):
        if not any(name == p or name.startswith(p + ".") for p in packages):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, _LRU) and value.cache_info().maxsize not in (None, 1):
                value.cache_clear()


def ingest(
    stream: Path, folder: Path, report_story: Any, calls: list[Call] | None
) -> tuple[float, float, float]:
    """One pipeline run into a new store: CPU seconds in all, in report_story and in
    annotate_articles."""
    db = folder / f"run-{time.monotonic_ns()}.db"
    store = Store.open(str(db))
    pipeline = Pipeline(load_settings(overrides=[f"store.db={db}", *OVERRIDES]), store)

    def recorded(story: Any, annotated: Any, **kwargs: Any) -> Any:
        if calls is not None:
            calls.append((story, list(annotated), kwargs["options"]))
        return report_story(story, annotated, **kwargs)

    clock = StageClock()
    original = getattr(newsweave.pipeline, "report_story")  # noqa: B009
    setattr(newsweave.pipeline, "report_story", recorded)  # noqa: B010
    try:
        targets = [
            ("report_story", newsweave.pipeline, "report_story"),
            ("annotate", newsweave.pipeline, "annotate_articles"),
        ]
        with clock.installed(targets):
            started = time.process_time()
            pipeline.ingest(iter_inputs([stream]))
            total = time.process_time() - started
    finally:
        setattr(newsweave.pipeline, "report_story", original)  # noqa: B010
    store.close()
    db.unlink()
    return total, clock.cpu["report_story"], clock.cpu["annotate"]


def replay(
    calls: list[Call], module: ModuleType, report: ModuleType
) -> tuple[dict[str, float], list[str]]:
    """The recorded calls through one side's report_story: CPU by part, report digests."""
    clock = StageClock()
    digests = []
    targets = [("claims", report, "claims_of"), ("align", report, "align_claims")]
    with clock.installed(targets):
        started = time.process_time()
        for story, annotated, options in calls:
            update = module.report_story(story, annotated, options=options, cache=None)
            text = json.dumps(update.report, sort_keys=True, ensure_ascii=False)
            digests.append(hashlib.sha256(text.encode("utf-8")).hexdigest())
        clock.cpu["report_story"] = time.process_time() - started
    return dict(clock.cpu), digests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", default="main", help="the earlier commit (git revision)")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2, help="replay rounds each way")
    parser.add_argument("--end-to-end", type=int, default=1, help="pipeline runs each way")
    parser.add_argument("--cross-encoder", action="store_true", help="compare.cross_encoder on")
    args = parser.parse_args()
    if args.cross_encoder:
        OVERRIDES.append("compare.cross_encoder=true")
    with tempfile.TemporaryDirectory(prefix="nw-before-after-") as tmp:
        folder = Path(tmp)
        before = load_before(args.before, folder)
        before_report = importlib.import_module(f"{BEFORE}.compare.report")
        sides = {
            "before": (before, before_report),
            "after": (newsweave.story_reports, newsweave.compare.report),
        }
        stream = write_stream(folder / "stream.jsonl", args.articles)
        warm = write_stream(folder / "warm.jsonl", 12)
        for module, _ in sides.values():
            ingest(warm, folder, module.report_story, None)
        load = [os.getloadavg()[0]]
        n = args.articles
        calls: list[Call] = []
        end_to_end: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
        for k in range(args.end_to_end):
            for name in ("after", "before"):
                module = sides[name][0]
                record = calls if (k == 0 and name == "after") else None
                end_to_end[name].append(ingest(stream, folder, module.report_story, record))
                load.append(os.getloadavg()[0])
        if not calls:  # no end-to-end run each way: record the calls from one of this tree
            end_to_end["after"].append(
                ingest(stream, folder, newsweave.story_reports.report_story, calls)
            )
        parts: dict[str, list[dict[str, float]]] = defaultdict(list)
        reference: list[str] | None = None
        for _ in range(args.rounds):
            for name in ("before", "after"):
                clear_caches("newsweave", BEFORE)
                cpu, digests = replay(calls, *sides[name])
                if reference is None:
                    reference = digests
                elif digests != reference:
                    bad = sum(a != b for a, b in zip(digests, reference, strict=True))
                    raise SystemExit(f"{name}: {bad} of {len(calls)} reports differ")
                parts[name].append(cpu)
                load.append(os.getloadavg()[0])
        stories = len(calls)
        compared = sum(len(a) for _, a, _ in calls)
        print(
            f"{n} articles, {stories} story comparisons ({compared} articles in them); "
            f"before = {args.before}; cross-encoder {'on' if args.cross_encoder else 'off'}; "
            f"load average {min(load):.1f}-{max(load):.1f}"
        )
        if end_to_end["after"]:
            print("| end to end, CPU-s per article | before | after |")
            print("|---|---|---|")
            rows = (("whole run", 0), ("of which report_story", 1), ("of which annotate", 2))
            for label, i in rows:
                cells = [
                    ", ".join(f"{run[i] / n:.3f}" for run in end_to_end[name]) or "not run"
                    for name in ("before", "after")
                ]
                print(f"| {label} | {cells[0]} | {cells[1]} |")
        print(
            f"| replayed comparisons, median CPU-s per article ({args.rounds} rounds) "
            "| before | after | after/before |"
        )
        print("|---|---|---|---|")
        for label in ("report_story", "claims", "align"):
            medians = [
                statistics.median(p[label] for p in parts[name]) / n for name in ("before", "after")
            ]
            print(
                f"| {label} | {medians[0]:.4f} | {medians[1]:.4f} | {medians[1] / medians[0]:.2f} |"
            )
        print(f"all {stories} reports byte-identical both ways")


if __name__ == "__main__":
    main()
