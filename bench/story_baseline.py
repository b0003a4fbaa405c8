"""The batch baseline the issue names: TF-IDF + average-linkage agglomerative clustering.

It sees every document at once (an online index cannot), and its one parameter, the
cosine at which merging stops, is tuned on the train split.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"[a-z][a-z0-9'-]+")


def tfidf_matrix(texts: Sequence[str]) -> np.ndarray:
    """Rows: L2-normalised sublinear-tf x smoothed-idf vectors, vocabulary of `texts`."""
    counts = [Counter(_WORD.findall(t.lower())) for t in texts]
    df: Counter[str] = Counter(w for c in counts for w in c)
    vocab = {w: i for i, w in enumerate(sorted(df))}
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in sorted(df)], dtype=np.float64)
    m = np.zeros((n, len(vocab)))
    for row, c in enumerate(counts):
        for w, k in c.items():
            m[row, vocab[w]] = 1 + math.log(k)
    m *= idf
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
    return m


def average_linkage(matrix: np.ndarray, threshold: float) -> list[int]:
    """Cluster labels: merge the pair of clusters of highest mean cosine until it is < threshold."""
    sim = matrix @ matrix.T
    n = len(sim)
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    label = list(range(n))
    while alive.sum() > 1:
        flat = int(np.argmax(sim))
        a, b = divmod(flat, n)
        if sim[a, b] < threshold:
            break
        # Lance-Williams update for average linkage: size-weighted mean of the two rows.
        merged = (sim[a] * size[a] + sim[b] * size[b]) / (size[a] + size[b])
        sim[a, :], sim[:, a] = merged, merged
        sim[a, a] = -np.inf
        sim[b, :], sim[:, b] = -np.inf, -np.inf
        size[a] += size[b]
        alive[b] = False
        label = [a if x == b else x for x in label]
    return label
