"""Static sentence vectors: a token table distilled from all-MiniLM-L6-v2, numpy only.

A sentence vector is the mean of its tokens' rows, L2-normalised (as model2vec encodes):
one tokenizer call and a table lookup, about ten thousand sentences per CPU-second where
MiniLM manages tens. The table ships as `static_minilm_v1.npz` (30,522 MiniLM token ids x
256 dimensions, float16; built by scripts/distill_static.py with model2vec, which needs
torch once, never at run time). It derives from MiniLM's Apache-2.0 weights. The tokenizer
is MiniLM's own, read from the weights package.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsweave.errors import ConfigError
from newsweave.nlp.embeddings import model_dir

__all__ = ["STATIC_DIM", "STATIC_MODEL", "StaticEncoder"]

STATIC_MODEL = "newsweave.static.minilm-m2v256.v1"
STATIC_DIM = 256
TABLE_PATH = Path(__file__).parent / "static_minilm_v1.npz"
# As MiniLM reads at most 256 tokens, so does its static table (long inputs stay cheap).
_MAX_TOKENS = 256
_LOADED: dict[Path, tuple[Any, npt.NDArray[np.float32]]] = {}
_LOCK = threading.Lock()


class StaticEncoder:
    """Encode sentences into 256-d unit vectors by averaging distilled token rows.

    Args:
        table: the token table to read (the shipped one by default).

    Example:
        >>> vectors = StaticEncoder().encode(["Kim met Xi in Beijing.", "Xi hosted Kim."])
        >>> vectors.shape, round(float(vectors[0] @ vectors[0]), 3)
        ((2, 256), 1.0)
    """

    def __init__(self, *, table: Path = TABLE_PATH) -> None:
        self.table = table

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Return an (n, 256) float32 array of unit vectors (zero for a text with no tokens)."""
        tokenizer, table = _load(self.table)
        return _sentence_vectors(table, _encodings(tokenizer, texts))

    def token_vectors(self, text: str) -> tuple[tuple[str, ...], npt.NDArray[np.float32]]:
        """The text's tokens (MiniLM word pieces, "##" marking a continuation) and their
        unit rows; a token without a row (the unknown token) gets a zero row."""
        tokenizer, table = _load(self.table)
        return _token_rows(table, tokenizer.encode(text, add_special_tokens=False))

    def encode_with_tokens(
        self, texts: Sequence[str]
    ) -> tuple[npt.NDArray[np.float32], list[tuple[tuple[str, ...], npt.NDArray[np.float32]]]]:
        """`encode(texts)` and each text's `token_vectors`, from one tokenizer pass."""
        tokenizer, table = _load(self.table)
        encodings = _encodings(tokenizer, texts)
        return _sentence_vectors(table, encodings), [_token_rows(table, e) for e in encodings]


def _encodings(tokenizer: Any, texts: Sequence[str]) -> list[Any]:
    # No [CLS]/[SEP], as in model2vec's encoder.
    if not len(texts):
        return []
    return list(tokenizer.encode_batch(list(texts), add_special_tokens=False))


def _sentence_vectors(
    table: npt.NDArray[np.float32], encodings: list[Any]
) -> npt.NDArray[np.float32]:
    out = np.zeros((len(encodings), table.shape[1]), dtype=np.float32)
    if not encodings:
        return out
    # model2vec drops unknown tokens; the unknown token's row is zero, and a zero row
    # changes no normalised mean, so rows are summed and the sum normalised.
    for row, encoding in enumerate(encodings):
        out[row] = table[encoding.ids[:_MAX_TOKENS]].sum(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    normalised: npt.NDArray[np.float32] = out / np.maximum(norms, 1e-12)
    return normalised


def _token_rows(
    table: npt.NDArray[np.float32], encoding: Any
) -> tuple[tuple[str, ...], npt.NDArray[np.float32]]:
    rows = table[encoding.ids[:_MAX_TOKENS]]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    unit: npt.NDArray[np.float32] = rows / np.maximum(norms, 1e-12)
    return tuple(encoding.tokens[:_MAX_TOKENS]), unit


def _load(path: Path) -> tuple[Any, npt.NDArray[np.float32]]:
    with _LOCK:
        if path not in _LOADED:
            _LOADED[path] = _read_table(path)
        return _LOADED[path]


def _read_table(path: Path) -> tuple[Any, npt.NDArray[np.float32]]:
    from tokenizers import Tokenizer

    if not path.exists():
        raise ConfigError(
            f"the static embedding table is missing ({path})",
            hint="reinstall newsweave, or rebuild it with scripts/distill_static.py",
        )
    with np.load(path, allow_pickle=False) as data:
        table = data["embeddings"].astype(np.float32)
    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer, table
