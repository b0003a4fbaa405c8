"""The compare stage of an earlier commit against this tree's, in one process, on the same
stories: CPU seconds per article each way, and every report checked byte-identical.

    .venv/bin/python bench/compare_before_after.py --before main --articles 300 [--rounds 2]
        [--end-to-end 1] [--nlp]

The earlier commit's `newsweave/compare/` and `story_reports.py` are read from git and
imported under another package name beside this tree's (everything else, from spaCy to the
store, is shared); with `--nlp` its `newsweave/nlp/` too, its `Annotator` annotating the
earlier side's pipeline runs (and its compare reading its own nlp). The stream is
bench/articles.py's (BASIL bodies in 3-outlet stories, date order).

First, with `--end-to-end R`, the whole pipeline ingests the stream into a new SQLite
store R times each way, alternating (this tree first), the earlier commit's `report_story`
swapped in for its runs: CPU seconds per article end to end, inside `report_story` and
inside annotation. Each run's stories (their articles) and reports are digested and
compared with this tree's first run's: how many stories and reports differ is printed, with
the largest gap between two runs' lead vectors. The first run of this tree records every
`report_story` call it makes (with `--end-to-end 0`, one run of this tree alone does; a
warm-up ingest of a few articles loads the models first).

Then those calls are replayed `--rounds` times each way, alternating, with the functions'
caches emptied before each round: CPU seconds per article for the calls, for their atomic
claims and for their alignment, and the digest of every report, which must be equal both
ways (the run stops otherwise). The load average is printed beside the figures, since the
machine is shared.
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
from collections.abc import Callable
from dataclasses import dataclass, field
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
ORIGINALS: dict[str, Callable[..., Any]] = {
    name: getattr(newsweave.pipeline, name) for name in ("report_story", "annotate_articles")
}


def load_before(rev: str, folder: Path, *, nlp: bool = False) -> ModuleType:
    """The earlier commit's story_reports module, its compare package (and with `nlp` its
    nlp package) renamed."""
    packages = ["compare", "story_reports", *(["nlp"] if nlp else [])]
    paths = ["newsweave/compare", "newsweave/story_reports.py", *(["newsweave/nlp"] if nlp else [])]
    names = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", rev, *paths],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    rename = re.compile(r"\bnewsweave\.(" + "|".join(packages) + r")\b")
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


@dataclass
class Side:
    """One side of the comparison: its story_reports and compare.report modules, and its
    annotator class (None: the pipeline's own)."""

    module: ModuleType
    report: ModuleType
    annotator: Any = None


@dataclass
class Run:
    """One pipeline run: CPU seconds, and digests of what it stored."""

    cpu: float
    report_story: float
    annotate: float
    stories: dict[str, str] = field(default_factory=dict)  # story id -> its article ids
    reports: dict[str, str] = field(default_factory=dict)  # story id -> report digest
    vectors: dict[str, Any] = field(default_factory=dict)  # article id -> lead vector


def ingest(stream: Path, folder: Path, side: Side, calls: list[Call] | None) -> Run:
    """One pipeline run into a new store: CPU seconds in all, in report_story and in
    annotate_articles, and what it stored."""
    db = folder / f"run-{time.monotonic_ns()}.db"
    store = Store.open(str(db))
    settings = load_settings(overrides=[f"store.db={db}", *OVERRIDES])
    pipeline = Pipeline(settings, store)
    if side.annotator is not None:
        pipeline.annotator = side.annotator(
            batch_size=settings.nlp.batch_size, n_threads=settings.nlp.n_threads
        )
    vectors: dict[str, Any] = {}

    def recorded(story: Any, annotated: Any, **kwargs: Any) -> Any:
        if calls is not None:
            calls.append((story, list(annotated), kwargs["options"]))
        return side.module.report_story(story, annotated, **kwargs)

    def annotate(annotator: Any, articles: Any, **kwargs: Any) -> Any:
        outcomes = annotate_articles(annotator, articles, **kwargs)
        vectors.update((o.article.id, o.vector) for o in outcomes if hasattr(o, "vector"))
        return outcomes

    clock = StageClock()
    annotate_articles = ORIGINALS["annotate_articles"]
    swapped: dict[str, Callable[..., Any]] = {
        "report_story": recorded,
        "annotate_articles": annotate,
    }
    originals = {name: ORIGINALS[name] for name in swapped}
    for name, function in swapped.items():
        setattr(newsweave.pipeline, name, function)
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
        for name, function in originals.items():
            setattr(newsweave.pipeline, name, function)
    run = Run(total, clock.cpu["report_story"], clock.cpu["annotate"], vectors=vectors)
    for story in store.stories():
        run.stories[story.id] = " ".join(story.article_ids)
        text = json.dumps(store.report(story.id), sort_keys=True, ensure_ascii=False)
        run.reports[story.id] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    store.close()
    db.unlink()
    return run


def differences(run: Run, reference: Run) -> str:
    """How a run's stored stories, reports and lead vectors differ from the reference's."""
    stories = sum(run.stories.get(k) != v for k, v in reference.stories.items())
    stories += len(run.stories.keys() - reference.stories.keys())
    reports = sum(run.reports.get(k) != v for k, v in reference.reports.items())
    shared = run.vectors.keys() & reference.vectors.keys()
    gap = max((float(abs(run.vectors[k] - reference.vectors[k]).max()) for k in shared), default=0)
    return (
        f"{stories} of {len(reference.stories)} stories and {reports} reports differ, "
        f"lead vectors at most {gap:.1e} apart"
    )


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
    parser.add_argument("--nlp", action="store_true", help="the earlier nlp/ annotates too")
    args = parser.parse_args()
    if args.cross_encoder:
        OVERRIDES.append("compare.cross_encoder=true")
    with tempfile.TemporaryDirectory(prefix="nw-before-after-") as tmp:
        folder = Path(tmp)
        before = load_before(args.before, folder, nlp=args.nlp)
        before_nlp = importlib.import_module(f"{BEFORE}.nlp") if args.nlp else None
        sides = {
            "before": Side(
                before,
                importlib.import_module(f"{BEFORE}.compare.report"),
                before_nlp.Annotator if before_nlp else None,
            ),
            "after": Side(newsweave.story_reports, newsweave.compare.report),
        }
        stream = write_stream(folder / "stream.jsonl", args.articles)
        warm = write_stream(folder / "warm.jsonl", 12)
        for side in sides.values():
            ingest(warm, folder, side, None)
        load = [os.getloadavg()[0]]
        n = args.articles
        calls: list[Call] = []
        end_to_end: dict[str, list[Run]] = defaultdict(list)
        for k in range(args.end_to_end):
            for name in ("after", "before"):
                record = calls if (k == 0 and name == "after") else None
                end_to_end[name].append(ingest(stream, folder, sides[name], record))
                load.append(os.getloadavg()[0])
        if not calls:  # no end-to-end run each way: record the calls from one of this tree
            end_to_end["after"].append(ingest(stream, folder, sides["after"], calls))
        parts: dict[str, list[dict[str, float]]] = defaultdict(list)
        reference: list[str] | None = None
        for _ in range(args.rounds):
            for name in ("before", "after"):
                clear_caches("newsweave", BEFORE)
                cpu, digests = replay(calls, sides[name].module, sides[name].report)
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
            rows = (("whole run", "cpu"), ("of which report_story", "report_story"))
            for label, attribute in (*rows, ("of which annotate", "annotate")):
                cells = [
                    ", ".join(f"{getattr(run, attribute) / n:.3f}" for run in end_to_end[name])
                    or "not run"
                    for name in ("before", "after")
                ]
                print(f"| {label} | {cells[0]} | {cells[1]} |")
            first = end_to_end["after"][0]
            for name in ("after", "before"):
                for k, run in enumerate(end_to_end[name]):
                    if run is not first:
                        print(
                            f"{name} run {k + 1} against this tree's first: "
                            + differences(run, first)
                        )
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
