"""Rebuild newsweave/compare/paraphrase_v2.npz from the MRPC train split (GLUE's train.tsv).

    .venv/bin/python scripts/train_paraphrase.py [--data DIR] [--out PATH]

Only the train split is read: the L2 strength and the decision threshold are chosen by
5-fold cross-validation on it. As a check on pairs unlike MRPC's (sentences of one story
that share no fact), it reports how many mismatched train pairs (a's sentence against the
next pair's b) the classifier calls paraphrases. GLUE's dev split is left to
bench/paraphrase_mrpc.py. Deterministic: the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import csv
import os
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.compare.paraphrase import WEIGHTS_PATH, encode_texts, pair_features
from newsweave.nlp.static_embeddings import StaticEncoder

Array = npt.NDArray[np.float64]
_C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
_FOLDS = 5


def data_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    return Path(os.environ.get("NEWSWEAVE_DATA", default))


def read_mrpc(path: Path) -> tuple[list[tuple[str, str]], npt.NDArray[np.int64]]:
    """Pairs and labels of a GLUE MRPC tsv (UTF-8 with BOM, quotes are literal text)."""
    pairs, labels = [], []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for row in rows:
            labels.append(int(row[0]))
            pairs.append((row[3], row[4]))
    return pairs, np.array(labels)


def featurise(pairs: list[tuple[str, str]]) -> Array:
    """Rows of pair_features (before the quadratic expansion)."""
    texts = sorted({t for pair in pairs for t in pair})
    encoded = {e.text: e for e in encode_texts(StaticEncoder(), texts)}
    return np.stack([pair_features(encoded[a], encoded[b]) for a, b in pairs])


def fit(x: Array, y: Array, c: float) -> dict[str, Array | float]:
    """The classifier's arrays, as ParaphraseWeights reads them (threshold aside)."""
    mean, scale = standardise(x)
    coef, bias = fit_logistic((x - mean) / scale, y, c)
    return {"mean": mean, "scale": scale, "coef": coef, "bias": bias}


def predict(model: dict[str, Array | float], x: Array) -> Array:
    z = ((x - model["mean"]) / model["scale"]) @ model["coef"] + model["bias"]
    result: Array = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return result


def fit_logistic(x: Array, y: Array, c: float, n_iter: int = 30) -> tuple[Array, float]:
    """L2-regularised logistic regression by Newton's method (x already standardised)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, 1.0 / (c * n))
    penalty[-1] = 0.0
    for _ in range(n_iter):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) / n + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb / n + np.diag(penalty)
        step = np.linalg.solve(hess + 1e-9 * np.eye(d + 1), grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w[:-1], float(w[-1])


def standardise(x: Array) -> tuple[Array, Array]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    return mean, np.where(scale > 1e-9, scale, 1.0)


def f1_at(prob: Array, y: Array, threshold: float) -> float:
    pred = prob >= threshold
    tp = float((pred & (y == 1)).sum())
    return 2 * tp / max(1.0, float(pred.sum() + (y == 1).sum()))


def cross_validate(x: Array, y: Array) -> tuple[float, float]:
    """Best (C, threshold) by out-of-fold F1 on the train split."""
    folds = np.arange(len(y)) % _FOLDS
    np.random.default_rng(0).shuffle(folds)
    best = (-1.0, 1.0, 0.5)
    for c in _C_GRID:
        oof = np.zeros(len(y))
        for k in range(_FOLDS):
            train, test = folds != k, folds == k
            oof[test] = predict(fit(x[train], y[train], c), x[test])
        for threshold in np.arange(0.30, 0.71, 0.02):
            score = f1_at(oof, y, float(threshold))
            print(f"C={c:<5} threshold={threshold:.2f} out-of-fold F1={score:.4f}")  # noqa: T201 - a script reports
            if score > best[0]:
                best = (score, c, float(threshold))
    print(f"chosen C={best[1]} threshold={best[2]:.2f} (out-of-fold F1 {best[0]:.4f})")  # noqa: T201 - a script reports
    return best[1], best[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args()
    pairs, labels = read_mrpc(args.data / "mrpc" / "glue_train.tsv")
    x = featurise(pairs)
    y = labels.astype(np.float64)
    c, threshold = cross_validate(x, y)
    model = fit(x, y, c)
    mismatched = [(a, pairs[(i + 1) % len(pairs)][1]) for i, (a, _) in enumerate(pairs)]
    false_share = float((predict(model, featurise(mismatched)) >= threshold).mean())
    print(f"mismatched train pairs called paraphrases: {false_share:.3%}")  # noqa: T201 - a script reports
    np.savez_compressed(args.out, **model, threshold=threshold, c=c)
    print(f"wrote {args.out} ({len(pairs)} MRPC train pairs)")  # noqa: T201 - a script reports


if __name__ == "__main__":
    main()
