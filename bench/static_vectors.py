"""Would static (model2vec) vectors pay in compare? Candidate recall on BASIL, MRPC F1.

    .venv/bin/python bench/static_vectors.py [--table PATH] [--stories 20]

The table (newsweave/nlp/static_minilm_v1.npz by default) is distilled from
all-MiniLM-L6-v2 by scripts/distill_static.py (torch once, in a throw-away environment).
  candidates  BASIL triplets aligned as `compare_story` does (MiniLM, classifier): for each
              pair judged, its static cosine; how many judged, related and linked pairs a
              static floor would drop, and the share of claims whose best static cosine to
              another source reaches the lowest among related claims (the claims a lossless
              static filter must still give to MiniLM)
  MRPC        the paraphrase classifier (scripts/train_paraphrase.py: same features, C and
              threshold by 5-fold cross-validation on train) with static vectors in place of
              MiniLM's, scored on GLUE dev
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path
from typing import Any

import numpy as np
from compare_speed import data_dir, triplets

import newsweave.compare.align as align
from newsweave.compare.claims import claims_of
from newsweave.compare.scoring import PairScorer
from newsweave.model import Claim
from newsweave.nlp.actors import resolve_actors
from newsweave.nlp.assemble import Annotator
from newsweave.nlp.static_embeddings import TABLE_PATH, StaticEncoder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import train_paraphrase


def candidates(static: StaticEncoder, n_stories: int) -> None:
    annotator = Annotator()
    pairs: list[tuple[float, bool, bool]] = []
    best_static: list[float] = []
    related_claims: list[bool] = []
    judge = align.judge
    for articles in triplets(data_dir() / "basil", n_stories)[:n_stories]:
        annotated = list(annotator.pipe(articles))
        claims = claims_of(annotated, resolve_actors(annotated))
        flat = [c for article in claims for c in article]
        index = {id(c): i for i, c in enumerate(flat)}
        vectors = static.encode([c.judged_text for c in flat])
        judged: dict[tuple[int, int], Any] = {}

        def recording(a: Claim, b: Claim, *args: Any, **kwargs: Any) -> Any:
            verdict = judge(a, b, *args, **kwargs)
            judged[(index[id(a)], index[id(b)])] = verdict  # noqa: B023 - one story at a time
            return verdict

        align.judge = recording
        groups = align.align_claims(
            claims, [None] * len(claims), threshold=0.62, scorer=PairScorer()
        )
        align.judge = judge
        links = {(index[id(a)], index[id(b)]) for g in groups for a, b, _ in g.links}
        related = np.zeros(len(flat), dtype=bool)
        for (x, y), verdict in judged.items():
            is_related = verdict.relation != "unrelated"
            related[[x, y]] |= is_related
            pairs.append((float(vectors[x] @ vectors[y]), is_related, (x, y) in links))
        article = np.array([i for i, a in enumerate(claims) for _ in a])
        origin = np.array([hash(c.origin) for c in flat])
        other = (article[:, None] != article[None, :]) & (origin[:, None] != origin[None, :])
        best_static.extend(np.where(other, vectors @ vectors.T, -1.0).max(axis=1).tolist())
        related_claims.extend(related.tolist())
    cosine = np.array([p[0] for p in pairs])
    is_related = np.array([p[1] for p in pairs])
    is_link = np.array([p[2] for p in pairs])
    print(
        f"{n_stories} triplets: {len(pairs)} pairs judged, {is_related.sum()} related, "
        f"{is_link.sum()} linked"
    )
    for floor in (0.3, 0.4, 0.5, 0.6):
        drop = cosine < floor
        print(
            f"  static floor {floor:.1f}: keeps {1 - drop.mean():.3f} of judged pairs, drops "
            f"{(drop & is_related).sum()} related and {(drop & is_link).sum()} linked"
        )
    best, needed = np.array(best_static), np.array(related_claims)
    lowest = best[needed].min()
    print(
        f"  claims: {len(best)}; lowest best static cosine of a related claim {lowest:.3f}; "
        f"claims reaching it (a lossless filter's MiniLM share) {(best >= lowest).mean():.3f}"
    )


def mrpc(static: StaticEncoder) -> None:
    root = data_dir() / "mrpc"
    pairs, labels = train_paraphrase.read_mrpc(root / "glue_train.tsv")
    x = train_paraphrase.featurise(pairs, static)  # type: ignore[arg-type]
    y = labels.astype(np.float64)
    with contextlib.redirect_stdout(io.StringIO()):
        c, threshold = train_paraphrase.cross_validate(x, y)
    mean, scale = train_paraphrase.standardise(x)
    coef, bias = train_paraphrase.fit_logistic((x - mean) / scale, y, c)
    dev_pairs, dev_labels = train_paraphrase.read_mrpc(root / "glue_dev.tsv")
    z = ((train_paraphrase.featurise(dev_pairs, static) - mean) / scale) @ coef + bias  # type: ignore[arg-type]
    probability = 1.0 / (1.0 + np.exp(-z))
    accuracy = float(((probability >= threshold) == (dev_labels == 1)).mean())
    f1 = train_paraphrase.f1_at(probability, dev_labels, threshold)
    print(
        f"MRPC dev, classifier on static vectors (C={c}, threshold {threshold:.2f}): "
        f"accuracy {accuracy:.3f}, F1 {f1:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--table", type=Path, default=TABLE_PATH, help="scripts/distill_static.py's output"
    )
    parser.add_argument("--stories", type=int, default=20, help="BASIL triplets")
    args = parser.parse_args()
    static = StaticEncoder(table=args.table)
    mrpc(static)
    candidates(static, args.stories)


if __name__ == "__main__":
    main()
