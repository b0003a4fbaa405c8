"""Speed of the understand stage on real news: articles/s on this machine.

Reads BASIL articles (../shared/data/basil: triplets of NYT, Fox News and HuffPost reports
of one event), then times, on the same articles:

1. annotate: clean + spaCy NER/sentences + tidy entities + dates + quantities + lead vector
   (nlp.Annotator, one process, `--threads` encoder threads);
2. connect: actors resolved over each triplet (nlp.resolve_actors) + event frames
   (nlp.extract_frames) - the work newsweave adds per story.

Usage: .venv/bin/python bench/understand_speed.py [--n 150] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from newsweave.clean import clean_document
from newsweave.model import Article, RawDocument
from newsweave.nlp import Annotator, extract_frames, resolve_actors

DATA = Path(
    os.environ.get("NEWSWEAVE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)


def read_basil(n: int) -> list[Article]:
    root = DATA / "basil"
    lines = (root / "article_index.tsv").read_text(encoding="utf-8").splitlines()[1 : n + 1]
    articles = []
    for line in lines:
        path = line.split("\t")[0]
        item = json.loads((root / path).read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in item["body-paragraphs"])
        document = RawDocument(
            id=Path(path).stem,
            source=path,
            format="json",
            sha256=item["uuid"],
            text=text,
            title=item["title"],
            outlet=item["source"],
            published=datetime.fromisoformat(item["date"]),
        )
        articles.append(clean_document(document))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    articles = read_basil(args.n)
    annotator = Annotator(n_threads=args.threads)
    list(annotator.pipe(articles[:3]))  # load the models before timing
    started, cpu = time.perf_counter(), time.process_time()
    annotated = list(annotator.pipe(articles))
    annotate_s = time.perf_counter() - started
    annotate_cpu = time.process_time() - cpu
    triplets: dict[str, list] = {}  # type: ignore[type-arg]
    for a in annotated:
        triplets.setdefault(a.article.id.rsplit("_", 1)[0], []).append(a)
    started = time.perf_counter()
    n_frames = n_actors = 0
    for story in triplets.values():
        index = resolve_actors(story)
        n_actors += len(index.actors)
        n_frames += len(extract_frames(story, index))
    connect_s = time.perf_counter() - started
    words = sum(len(a.text.split()) for a in articles)
    n = len(articles)
    print(
        f"BASIL: {n} articles, {words} words, {len(triplets)} stories; {datetime.now(UTC):%Y-%m-%d}"
    )
    print(
        f"annotate          {n / annotate_s:7.1f} articles/s  ({words / annotate_s:,.0f} words/s)"
    )
    print(f"annotate per CPU-s {n / annotate_cpu:6.1f} articles/s  (the machine is shared)")
    print(
        f"actors + frames   {n / connect_s:7.1f} articles/s  ({n_actors} actors, {n_frames} frames)"
    )
    print(
        f"understand total  {n / (annotate_s + connect_s):7.1f} articles/s "
        f"on {os.cpu_count()} cores (wall clock)"
    )


if __name__ == "__main__":
    main()
