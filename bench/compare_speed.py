"""Speed of the compare stage on BASIL: claims/s and whole-story comparison time.

    .venv/bin/python bench/compare_speed.py [--stories 5]

Articles are annotated first (ingest's work, untimed); then `compare_story` is timed:
atomic claims (dependency parse), static vectors, candidate pairs, paraphrase scoring,
value comparison, grouping and the brief.
  3-outlet story   one BASIL triplet (Fox News, New York Times, HuffPost on one event),
                   averaged over --stories triplets
  30-outlet story  ten triplets pooled into one "story" of 30 articles: BASIL has no
                   30-outlet event, so this measures the cost of 30 articles' alignment,
                   not its quality
Both stories are compared twice: with the cross-encoder deciding the pairs the static
classifier is unsure of (the default, `compare.cross_encoder`), and without it; "unsure
pairs" counts the text pairs the cross-encoder read (once each, or in both orders if the
stack says so). Claims/s is the
claim splitting alone (parse + cut) over every article used. Each figure is given in
wall-clock seconds and in CPU seconds of this process (the steadier figure on a shared
machine), with the load average.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from datetime import datetime
from pathlib import Path

from newsweave.compare import compare_story
from newsweave.compare.claims import claims_of
from newsweave.compare.scoring import PairScorer
from newsweave.model import AnnotatedArticle, Article, Story
from newsweave.nlp.actors import resolve_actors
from newsweave.nlp.assemble import Annotator


def data_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    return Path(os.environ.get("NEWSWEAVE_DATA", default))


def triplets(root: Path, n: int) -> list[list[Article]]:
    groups: dict[str, list[Article]] = {}
    with (root / "article_index.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if len(groups) >= n and row["triplet_uuid"] not in groups:
                break
            data = json.loads((root / row["path"]).read_text(encoding="utf-8"))
            text = "\n\n".join(" ".join(p) for p in data["body-paragraphs"] if p)
            groups.setdefault(row["triplet_uuid"], []).append(
                Article(
                    id=Path(row["path"]).stem,
                    source=row["path"],
                    sha256=Path(row["path"]).stem,
                    text=text,
                    content_hash=Path(row["path"]).stem,
                    title=data["title"],
                    outlet=row["source"].lower(),
                    published=datetime.fromisoformat(row["date"]),
                )
            )
    return list(groups.values())


def timed_story(
    articles: list[AnnotatedArticle], *, cross_encoder: bool
) -> tuple[float, float, int, int]:
    """Wall and CPU seconds of one `compare_story`, its number of merged claims and of the
    pairs the cross-encoder read."""
    story = Story(id="s", title="bench", article_ids=tuple(a.article.id for a in articles))
    scorer = PairScorer(cross_encoder=cross_encoder)
    start, cpu = time.perf_counter(), time.process_time()
    report = compare_story(story, articles, scorer=scorer)
    seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    return seconds, cpu_s, len(report.claims), len(scorer.stacked_)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=5, help="3-outlet stories to average")
    args = parser.parse_args()
    groups = triplets(data_dir() / "basil", max(10, args.stories))
    annotator = Annotator()
    annotated = [list(annotator.pipe(group)) for group in groups]
    everything = [a for g in annotated[:10] for a in g]
    start, cpu = time.perf_counter(), time.process_time()
    claims = claims_of(everything, resolve_actors(everything))
    seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    n_claims = sum(len(c) for c in claims)
    n_sentences = sum(len(a.sentences) for a in everything)
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(
        f"claims: {n_claims} from {n_sentences} sentences of {len(everything)} articles, "
        f"{n_claims / seconds:,.0f} claims/s, {n_claims / cpu_s:,.0f} claims/CPU-s"
    )
    PairScorer().probability([("Load the models.", "Load the models now.")] * 2)
    for cross_encoder in (True, False):
        name = "with" if cross_encoder else "without"
        runs = [timed_story(g, cross_encoder=cross_encoder) for g in annotated[: args.stories]]
        walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
        print(
            f"{name} the cross-encoder: 3-outlet story: {sum(walls) / len(walls):.2f} s, "
            f"{sum(cpus) / len(cpus):.2f} CPU-s on average over {len(runs)} BASIL triplets "
            f"(CPU-s min {min(cpus):.2f}, max {max(cpus):.2f}), "
            f"{sum(r[3] for r in runs) / len(runs):.0f} unsure pairs"
        )
        seconds, cpu_s, n_merged, unsure = timed_story(everything, cross_encoder=cross_encoder)
        print(
            f"{name} the cross-encoder: 30-outlet story (10 triplets pooled): {seconds:.2f} s, "
            f"{cpu_s:.2f} CPU-s, {n_merged} merged claims, {unsure} unsure pairs"
        )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
