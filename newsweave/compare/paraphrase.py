"""Do two sentences state the same fact? A small classifier over static vectors and words.

Features of a pair: the cosine of the two static sentence vectors (nlp/static_embeddings);
a greedy alignment of their content tokens' static vectors (each token's best match in the
other sentence, a static BERTScore); and cheap lexical evidence vectors are blind to: word,
bigram and character overlap, shared and unshared numbers, names and content words, negation
and length. A logistic regression over them was trained on the MRPC train split only
(scripts/train_paraphrase.py writes the shipped `paraphrase_v2.npz`). It is linear on
purpose: their pairwise products scored a little higher in cross-validation on MRPC, whose
pairs all overlap, but called unrelated sentences of one story paraphrases (probability
near 1 for pairs sharing no content word). Scoring a pair costs a tokenizer call and table lookups
per new text, then a few small dot products: no neural network runs.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Hashable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

import numpy as np
import numpy.typing as npt

from newsweave.errors import ConfigError
from newsweave.model import Vector
from newsweave.nlp.static_embeddings import StaticEncoder

__all__ = [
    "LEXICAL_FEATURES",
    "PAIR_FEATURES",
    "PARAPHRASE_MODEL",
    "EncodedText",
    "ParaphraseWeights",
    "encode_texts",
    "lexical_features",
    "load_weights",
    "pair_features",
]

PARAPHRASE_MODEL = "newsweave.paraphrase.static-lr.v2"
WEIGHTS_PATH = Path(__file__).parent / "paraphrase_v2.npz"

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")
_NEGATION = frozenset({"not", "no", "never", "nor", "n't", "none", "nobody", "nothing", "without"})
_FUNCTION_WORDS_TEXT = (
    "a an the and or but of to in on at for by with from as is was were are be been being "
    "it its this that these those he she they his her their them which who whom said says "
    "say will would has have had also than then there"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

LEXICAL_FEATURES = (
    "cosine",
    "word_jaccard",
    "word_cover_min",
    "word_cover_max",
    "content_cover_min",
    "content_cover_max",
    "bigram_cover_min",
    "bigram_cover_max",
    "char3_jaccard",
    "sequence_ratio",
    "length_ratio",
    "log_length_sum",
    "has_numbers",
    "numbers_cover_min",
    "numbers_mismatch",
    "names_cover_min",
    "names_cover_max",
    "names_unshared",
    "negation_mismatch",
)
PAIR_FEATURES = (
    *LEXICAL_FEATURES,
    "token_alignment_min",
    "token_alignment_max",
    "token_alignment_f1",
    "token_alignment_worst",
    "numbers_unshared",
    "content_unshared",
)


@dataclass(frozen=True, slots=True)
class EncodedText:
    """A text with what the classifier reads of it: its static sentence vector and the unit
    static vectors of its content tokens (function words, punctuation and unknown tokens
    left out)."""

    text: str
    vector: Vector
    tokens: npt.NDArray[np.float32]


def encode_texts(encoder: StaticEncoder, texts: Sequence[str]) -> list[EncodedText]:
    """Encode texts for pair_features."""
    vectors, tokens = encoder.encode_with_tokens(texts)
    return [
        EncodedText(text, vector, _content_rows(*token_rows))
        for text, vector, token_rows in zip(texts, vectors, tokens, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class ParaphraseWeights:
    """A trained logistic regression: standardise the features, then a dot product."""

    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]
    bias: float
    threshold: float

    def probability(self, features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Probability that each row's pair (rows of pair_features) states the same fact.

        Each row's sum runs in one fixed order, so a pair scores the same to the last bit
        whichever rows share its batch (a matrix-vector product picks its summation order
        by the number of rows).
        """
        z = (((features - self.mean) / self.scale) * self.coef).sum(axis=-1) + self.bias
        result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return result


@lru_cache(maxsize=1)
def load_weights(path: Path = WEIGHTS_PATH) -> ParaphraseWeights:
    """The shipped classifier.

    Raises:
        ConfigError: the weights file is missing from the install.
    """
    if not path.exists():
        raise ConfigError(
            f"the paraphrase classifier weights are missing ({path})",
            hint="reinstall newsweave, or rebuild them with scripts/train_paraphrase.py",
        )
    with np.load(path, allow_pickle=False) as data:
        return ParaphraseWeights(
            mean=data["mean"],
            scale=data["scale"],
            coef=data["coef"],
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )


def pair_features(a: EncodedText, b: EncodedText) -> npt.NDArray[np.float64]:
    """The feature row of one pair, in PAIR_FEATURES order."""
    pa, pb = _profile(a.text), _profile(b.text)
    return np.array(
        [
            float(a.vector @ b.vector),
            *_lexical(pa, pb),
            *_token_alignment(a.tokens, b.tokens),
            float(len(pa.numbers ^ pb.numbers)),
            float(len(pa.content ^ pb.content)),
        ]
    )


def lexical_features(a: str, b: str) -> tuple[float, ...]:
    """Overlap of words, bigrams, characters, numbers and names; negation; length."""
    return _lexical(_profile(a), _profile(b))


def _lexical(pa: _TextProfile, pb: _TextProfile) -> tuple[float, ...]:
    ta, tb = pa.tokens, pb.tokens
    wa, wb = pa.words, pb.words
    na, nb = pa.numbers, pb.numbers
    word_cover = _covers(wa, wb)
    content_cover = _covers(pa.content, pb.content)
    bigram_cover = _covers(pa.bigrams, pb.bigrams)
    names_cover = _covers(pa.names, pb.names)
    return (
        _jaccard(wa, wb),
        *word_cover,
        *content_cover,
        *bigram_cover,
        _jaccard(pa.char3, pb.char3),
        difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio(),
        min(len(ta), len(tb)) / max(1, len(ta), len(tb)),
        float(np.log1p(len(ta) + len(tb))),
        float(bool(na) and bool(nb)),
        _covers(na, nb)[0] if na and nb else 1.0,
        float(bool(na) and bool(nb) and na != nb),
        *names_cover,
        float(len(pa.names ^ pb.names)),
        float((len(wa & _NEGATION) % 2) != (len(wb & _NEGATION) % 2)),
    )


@dataclass(frozen=True, slots=True)
class _TextProfile:
    """What lexical_features reads from one text; a story scores each text against many."""

    tokens: tuple[str, ...]
    words: frozenset[str]
    content: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    names: frozenset[str]
    char3: frozenset[str]


@lru_cache(maxsize=8192)
def _profile(text: str) -> _TextProfile:
    tokens = _tokens(text)
    words = frozenset(tokens)
    return _TextProfile(
        tokens=tokens,
        words=words,
        content=words - _FUNCTION_WORDS,
        bigrams=frozenset(itertools.pairwise(tokens)),
        numbers=frozenset(n.replace(",", "") for n in _NUMBER.findall(text)),
        names=frozenset(n.casefold() for n in _CAPITALISED.findall(text.strip())),
        char3=_char3(text),
    )


def _content_rows(tokens: Sequence[str], rows: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    has_row = cast(list[bool], rows.any(axis=1).tolist())
    keep = [i for i, token in enumerate(tokens) if has_row[i] and _is_content_token(token)]
    content: npt.NDArray[np.float32] = rows[keep]
    return content


@lru_cache(maxsize=65536)  # word pieces come from a 30,522-token vocabulary
def _is_content_token(token: str) -> bool:
    return any(ch.isalnum() for ch in token) and token not in _FUNCTION_WORDS


def _token_alignment(
    a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]
) -> tuple[float, float, float, float]:
    """Each content token's best cosine in the other text: the mean over each side as (min,
    max), their harmonic mean, and the worst-matched token's best cosine."""
    if not len(a) or not len(b):
        return 0.0, 0.0, 0.0, 0.0
    similarity = a @ b.T
    best_a, best_b = similarity.max(axis=1), similarity.max(axis=0)
    mean_a, mean_b = _mean32(best_a), _mean32(best_b)
    f1 = 2 * mean_a * mean_b / max(mean_a + mean_b, 1e-9)
    worst = float(min(best_a.min(), best_b.min()))
    return min(mean_a, mean_b), max(mean_a, mean_b), f1, worst


def _tokens(text: str) -> tuple[str, ...]:
    words = [w.casefold().replace("’", "'") for w in _TOKEN.findall(text)]
    return tuple("not" if w.endswith("n't") else w for w in words)


def _char3(text: str) -> frozenset[str]:
    folded = " ".join(text.casefold().split())
    return frozenset(folded[i : i + 3] for i in range(len(folded) - 2))


def _covers(x: AbstractSet[Hashable], y: AbstractSet[Hashable]) -> tuple[float, float]:
    """Share of x found in y and of y found in x, as (min, max)."""
    if not x or not y:
        return (0.0, 0.0) if (x or y) else (1.0, 1.0)
    shared = len(x & y)
    first, second = shared / len(x), shared / len(y)
    return min(first, second), max(first, second)


def _mean32(x: npt.NDArray[np.float32]) -> float:
    """`float(x.mean())` without numpy's Python-level mean: the float32 sum over the count
    in double precision, rounded to float32, as numpy computes it (to the last bit)."""
    return float(np.float32(float(x.sum()) / len(x)))


def _jaccard(x: AbstractSet[Hashable], y: AbstractSet[Hashable]) -> float:
    shared = len(x & y)  # the union's size without building it
    return shared / max(1, len(x) + len(y) - shared)
