"""Related-story search at scale: exact vs IVF (8-bit) vector index over story centroids.

Searches run on one thread, as the server's do. Real lead vectors (title + opening of
each article in BASIL, NeuS/AllSides and FNC-1, encoded by newsweave's MiniLM encoder)
stand in for story centroids; larger sets repeat
them with light Gaussian perturbation (renormalised), as the story benches repeat articles.
For each size: build seconds, bytes per vector, single-query latency, batched queries/s,
and recall@10 of the index newsweave would choose (exact below store.exact_search_below,
IVF from there) against exact search. Queries are held-out perturbed vectors.

    .venv/bin/python bench/vector_index.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from story_data import basil, fnc_bodies, neus  # noqa: E402

from newsweave.connect.vectors import VectorIndex  # noqa: E402
from newsweave.nlp.embeddings import DIM, SentenceEncoder  # noqa: E402

QUERIES = 200


def real_vectors(limit: int) -> np.ndarray:
    """Encoded once and cached in the temp folder (encoding dominates on a busy machine)."""
    cache = Path(tempfile.gettempdir()) / f"newsweave-bench-leads-{limit}.npy"
    if cache.exists():
        return np.load(cache)
    articles = [g.article for g in basil()] + [g.article for g in neus()]
    articles += list(itertools.islice(fnc_bodies(), max(0, limit - len(articles))))
    leads = [f"{a.title or ''}. {a.text[:300]}" for a in articles[:limit]]
    began = time.perf_counter()
    vectors = SentenceEncoder(n_threads=2).encode(leads)
    print(f"<!-- encoded {len(leads)} real leads in {time.perf_counter() - began:.0f} s -->")
    np.save(cache, vectors)
    return vectors


def grow(base: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """`n` vectors: the real ones, then perturbed copies (noise ~ a near-duplicate's)."""
    picks = rng.integers(0, len(base), n)
    out = base[picks] + rng.normal(0, 0.02, (n, DIM)).astype(np.float32)
    out[: len(base)] = base[: min(n, len(base))]
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out.astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--real", type=int, default=2000, help="real leads to encode")
    parser.add_argument("--exact-below", type=int, default=100_000)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    base = real_vectors(args.real)
    print(
        "| stories | index | build s | bytes/vector | ms/query (one) | queries/s (batch) "
        "| recall@10 vs exact | peak RSS MB |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        vectors = grow(base, size, rng)
        ids = np.arange(size, dtype=np.int64)
        queries = grow(base, QUERIES, rng)
        began = time.perf_counter()
        exact = VectorIndex.build(ids, vectors, dim=DIM, exact_below=size + 1)
        exact_built = time.perf_counter() - began
        truth = [{i for i, _ in exact.search(q, k=10)} for q in queries]
        kinds = ["exact"] if size < args.exact_below else ["exact", "ivf"]
        for kind in kinds:
            began = time.perf_counter()
            index = (
                exact
                if kind == "exact"
                else VectorIndex.build(ids, vectors, dim=DIM, exact_below=0)
            )
            built = time.perf_counter() - began if kind == "ivf" else exact_built
            began = time.perf_counter()
            found = [{i for i, _ in index.search(q, k=10)} for q in queries]
            per_query = (time.perf_counter() - began) / QUERIES
            recall = np.mean([len(f & t) / 10 for f, t in zip(found, truth, strict=True)])
            began = time.perf_counter()
            index._index.search(queries, 10)
            batched = QUERIES / (time.perf_counter() - began)
            size_bytes = len(index.to_bytes()) / size
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"| {size:,} | {kind} | {built:.1f} | {size_bytes:.0f} | {1000 * per_query:.2f} "
                f"| {batched:,.0f} | {recall:.3f} | {rss:,.0f} |",
                flush=True,
            )
            del index
        del exact, vectors


if __name__ == "__main__":
    main()
