"""Score sentence pairs: the static classifier, and the cross-encoder where it is unsure.

A PairScorer caches, by text, what the classifier reads (static sentence and token vectors),
so a story's claims and their attribution-free cores are encoded once however many pairs
they are in. With the cross-encoder on (the default), a pair whose static probability falls
in the stack's band [low, high) is also read by the MiniLM cross-encoder (once, in the
order given; the stack file says so) and gets the stack's probability instead: a logistic
regression over the two models' logits. Outside the band the static probability stands.
The stack was fitted on a held-out tenth of MRPC train (scripts/train_paraphrase_stack.py)
and the band chosen there under a speed budget (the cascade timed on those pairs, band by
band, until one ran at 200 pairs/s); the band holds the stack's threshold, so one
threshold decides every pair.
Probabilities are kept by pair: `prefetch` lets a story score all the pairs it will judge
in one batch (one feature matrix, and the cross-encoder's unsure pairs in one run), so
judging each pair after reads them back instead of paying a call's overhead per pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.compare.cross_encoder import CROSS_ENCODER_MODEL, CrossEncoder
from newsweave.compare.paraphrase import (
    PARAPHRASE_MODEL,
    EncodedText,
    ParaphraseWeights,
    encode_texts,
    load_weights,
    pair_features,
)
from newsweave.errors import ConfigError
from newsweave.nlp.static_embeddings import StaticEncoder

__all__ = ["STACK_PATH", "PairScorer", "StackWeights", "load_stack"]

STACK_PATH = Path(__file__).parent / "paraphrase_stack_v3.npz"
# Named in cache versions beside the two models: a new stack or band changes decisions too.
STACK_MODEL = "newsweave.paraphrase.stack.v3"


@dataclass(frozen=True, slots=True)
class StackWeights:
    """Logistic regression over (static logit, cross-encoder logit), used in [low, high).

    `orders`: 1 when the cross-encoder reads each pair as given, 2 when its probability is
    the mean over both sentence orders (twice the cost).
    """

    coef: npt.NDArray[np.float64]
    bias: float
    threshold: float
    low: float
    high: float
    orders: int = 2

    def probability(
        self, static: npt.NDArray[np.float64], cross: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.float64]:
        z = np.stack([_logit(static), _logit(cross)], axis=1) @ self.coef + self.bias
        result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return result


@lru_cache(maxsize=1)
def load_stack(path: Path = STACK_PATH) -> StackWeights:
    """The shipped stack.

    Raises:
        ConfigError: the file is missing, or its band does not hold its threshold.
    """
    if not path.exists():
        raise ConfigError(
            f"the paraphrase stack weights are missing ({path})",
            hint="reinstall newsweave, or rebuild them with scripts/train_paraphrase_stack.py",
        )
    with np.load(path, allow_pickle=False) as data:
        stack = StackWeights(
            coef=data["coef"],
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            low=float(data["low"]),
            high=float(data["high"]),
            orders=int(data["orders"]) if "orders" in data.files else 2,
        )
    if not stack.low <= stack.threshold < stack.high:
        raise ConfigError(
            f"the paraphrase stack's band [{stack.low}, {stack.high}) misses its threshold",
            hint="rebuild it with scripts/train_paraphrase_stack.py",
        )
    return stack


class PairScorer:
    """Probability that two sentences state the same fact.

    Args:
        cross_encoder: ask the cross-encoder about the pairs the static classifier is
            unsure of (more accurate, slower; see the module docstring).
        threads: the cross-encoder's ONNX Runtime threads.
        stack: the stack and band to use instead of the shipped ones (training scripts
            time candidate bands with it).

    Example:
        >>> scorer = PairScorer()
        >>> float(scorer.probability([("Kim will attend.", "Kim is to attend.")])[0]) > 0.5
        True
    """

    def __init__(
        self, *, cross_encoder: bool = True, threads: int = 1, stack: StackWeights | None = None
    ) -> None:
        self.cross_encoder = cross_encoder
        self.threads = threads
        self.stack_ = stack
        self.encoded_: dict[str, EncodedText] = {}
        self.static_: dict[tuple[str, str], float] = {}
        self.stacked_: dict[tuple[str, str], float] = {}

    @property
    def weights(self) -> ParaphraseWeights:
        return load_weights()

    @property
    def model(self) -> str:
        """Names of the models deciding (for cache versions)."""
        if self.cross_encoder:
            return f"{PARAPHRASE_MODEL}+{CROSS_ENCODER_MODEL}+{STACK_MODEL}"
        return PARAPHRASE_MODEL

    @property
    def threshold(self) -> float:
        """Least probability at which a pair counts as one fact (chosen on MRPC train)."""
        return self.stack.threshold if self.cross_encoder else self.weights.threshold

    @property
    def stack(self) -> StackWeights:
        return self.stack_ or load_stack()

    def encode(self, texts: Iterable[str]) -> None:
        """Encode the texts not seen before."""
        missing = list(dict.fromkeys(t for t in texts if t not in self.encoded_))
        if not missing:
            return
        for encoded in encode_texts(StaticEncoder(), missing):
            self.encoded_[encoded.text] = encoded

    def vectors(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """The texts' static sentence vectors, one row each."""
        self.encode(texts)
        return np.stack([self.encoded_[t].vector for t in texts])

    def cosine(self, a: str, b: str) -> float:
        self.encode((a, b))
        return float(self.encoded_[a].vector @ self.encoded_[b].vector)

    def static_probability(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        """The static classifier's probability for each (a, b)."""
        if not pairs:
            return np.zeros(0)
        # A pair's probability depends on its two texts only: each new pair is scored once.
        new = list(dict.fromkeys(pair for pair in pairs if pair not in self.static_))
        if new:
            self.encode(t for pair in new for t in pair)
            encoded = self.encoded_
            rows = np.stack([pair_features(encoded[a], encoded[b]) for a, b in new])
            self.static_.update(zip(new, self.weights.probability(rows).tolist(), strict=True))
        return np.array([self.static_[pair] for pair in pairs])

    def probability(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        """Probability, for each (a, b), that a and b state the same fact."""
        static = self.static_probability(pairs)
        if not self.cross_encoder or not len(static):
            return static
        stack = self.stack
        unsure = [i for i, p in enumerate(static) if stack.low <= p < stack.high]
        new: dict[tuple[str, str], int] = {}  # unsure pair not kept yet -> its first index
        for i in unsure:
            if pairs[i] not in self.stacked_:
                new.setdefault(pairs[i], i)
        if new:
            cross = CrossEncoder(n_threads=self.threads, batch_size=16)
            read = cross.symmetric_probability if stack.orders == 2 else cross.probability
            stacked = stack.probability(static[list(new.values())], read(list(new)))
            self.stacked_.update(zip(new, stacked.tolist(), strict=True))
        out = static.copy()
        for i in unsure:
            out[i] = self.stacked_[pairs[i]]
        return out

    def prefetch(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Score pairs ahead in one batch (the cross-encoder reads all unsure ones in one
        run): `probability` then reads them back."""
        self.probability(pairs)


def _logit(p: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    result: npt.NDArray[np.float64] = np.log(p / (1 - p))
    return result
