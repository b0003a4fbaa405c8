"""A long, realistic article stream for benchmarks, built from BASIL's 300 article bodies.

Each round repeats the 300 articles in date order, shifted ten years later (so a round's
events are new stories, as in a live feed), with light perturbation: a round number in the
id, one sentence dropped or a line added, so no copy is an exact duplicate.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = ["DATA", "article_stream", "basil_articles", "write_stream"]

DATA = Path(
    os.environ.get("NEWSWEAVE_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data"
)
_ROUND_SHIFT = timedelta(days=3653)


def basil_articles() -> list[dict[str, Any]]:
    """BASIL's articles as newsweave JSON Lines records, oldest first."""
    records = []
    for path in sorted((DATA / "basil" / "articles").glob("*/*.json")):
        raw = json.loads(path.read_text())
        # A list of paragraphs, each a list of sentences.
        body = "\n\n".join(" ".join(p) for p in raw["body-paragraphs"] if p)
        records.append(
            {
                "id": path.stem,
                "title": raw["title"],
                "outlet": raw["source"].lower(),
                "url": raw.get("url"),
                "published": raw["date"],
                "text": body,
            }
        )
    return sorted(records, key=lambda r: (r["published"], r["id"]))


def article_stream(n: int, *, seed: int = 0) -> Iterator[dict[str, Any]]:
    """`n` records: BASIL repeated round after round, lightly perturbed."""
    base = basil_articles()
    rng = random.Random(seed)  # noqa: S311 - reproducible perturbation, not security
    for i in range(n):
        round_no, record = divmod(i, len(base))[0], base[i % len(base)]
        if round_no == 0:
            yield record
            continue
        paragraphs = record["text"].split("\n\n")
        if len(paragraphs) > 3 and rng.random() < 0.5:
            del paragraphs[rng.randrange(1, len(paragraphs))]
        else:
            paragraphs.append(f"This report was updated (revision {round_no}).")
        published = date.fromisoformat(record["published"]) + round_no * _ROUND_SHIFT
        yield dict(
            record,
            id=f"{record['id']}-r{round_no}",
            published=published.isoformat(),
            text="\n\n".join(paragraphs),
        )


def write_stream(path: Path, n: int) -> Path:
    with path.open("w") as out:
        for record in article_stream(n):
            out.write(json.dumps(record) + "\n")
    return path
