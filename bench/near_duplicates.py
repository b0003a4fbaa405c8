"""Near-duplicate linking: precision and recall on copies made from real BASIL articles.

Run:  .venv/bin/python bench/near_duplicates.py

Data (NEWSWEAVE_DATA or ../shared/data): basil/ (100 events, each reported by Fox News, the
New York Times and HuffPost). Positives: one republication of every article, made the ways
outlets republish wire copy, in rotation: a lede added (the opening paragraph of another
event's article), the tail trimmed (a third to a half of the paragraphs cut), both, or a
new headline with the first paragraph cut. Negatives: the other outlets' reports of the
same event (distinct articles about one event, the hard case), and every other article.

Each copy and each original is looked up in the index of all 300 originals (an original
never matches itself); a link is a candidate from MinHash LSH confirmed by containment.
Recall: copies linked to their own original. Precision: correct links over all links.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from newsweave.clean.near_duplicates import NearDuplicateIndex

DATA = Path(
    os.environ.get("NEWSWEAVE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)


def load_articles() -> list[tuple[str, str, list[str]]]:
    """(id, event, paragraphs) of every BASIL article, in index order."""
    root = DATA / "basil"
    rows = (root / "article_index.tsv").read_text("utf-8").splitlines()[1:]
    articles = []
    for row in rows:
        path, event = row.split("\t")[:2]
        doc = json.loads((root / path).read_text("utf-8"))
        paragraphs = [
            " ".join(p) if isinstance(p, list) else str(p) for p in doc["body-paragraphs"]
        ]
        articles.append((Path(path).stem, event, [p for p in paragraphs if p.strip()]))
    return articles


def make_copy(i: int, paragraphs: list[str], other_lede: str) -> str:
    """A republication of the kind selected by `i` (rotating over four kinds)."""
    kind = i % 4
    n = len(paragraphs)
    keep = max(1, n - max(1, n // 3 + (i % 3) * n // 12))  # cut a third to a half
    if kind == 0:
        body = [other_lede, *paragraphs]
    elif kind == 1:
        body = paragraphs[:keep]
    elif kind == 2:
        body = [other_lede, *paragraphs[:keep]]
    else:
        body = paragraphs[1:] if n > 2 else paragraphs
    return "\n\n".join(body)


def evaluate(threshold: float) -> dict[str, float]:
    articles = load_articles()
    index = NearDuplicateIndex(threshold=threshold)
    texts = {aid: "\n\n".join(p) for aid, _e, p in articles}
    for aid, text in texts.items():
        index.add(aid, index.sketch(text))
    n_links = n_right = n_same_event = 0
    event_of = {aid: event for aid, event, _p in articles}
    queries = []
    for i, (aid, _event, paragraphs) in enumerate(articles):
        other = articles[(i + 7) % len(articles)][2][0]
        queries.append((f"copy-of-{aid}", aid, make_copy(i, paragraphs, other)))
        queries.append((aid, None, texts[aid]))
    for query_id, truth, text in queries:
        for candidate in index.candidates(index.sketch(text)):
            if candidate == query_id:
                continue
            if index.confirm(text, texts[candidate]) >= threshold:
                n_links += 1
                n_right += candidate == truth
                n_same_event += candidate != truth and event_of[candidate] == event_of.get(
                    truth or query_id
                )
    n_copies = len(articles)
    precision = n_right / n_links if n_links else 1.0
    return {
        "copies": n_copies,
        "links": n_links,
        "precision": precision,
        "recall": n_right / n_copies,
        "same-event false links": n_same_event,
    }


def main() -> int:
    if not (DATA / "basil").is_dir():
        print(f"no data folder {DATA / 'basil'} (set NEWSWEAVE_DATA)", file=sys.stderr)
        return 2
    print(f"{'threshold':>9} {'copies':>6} {'links':>5} {'P':>6} {'R':>6} {'same-event FP':>13}")
    for threshold in (0.3, 0.5, 0.7):
        start = time.perf_counter()
        s = evaluate(threshold)
        print(
            f"{threshold:9.1f} {s['copies']:6d} {s['links']:5d} {s['precision']:.3f} "
            f"{s['recall']:.3f} {s['same-event false links']:13d}"
            f"   ({time.perf_counter() - start:.1f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
