"""Score sentence pairs with the paraphrase classifier, encoding each text once.

A PairScorer caches, by text, what the classifier reads (static sentence and token vectors),
so a story's claims and their attribution-free cores are encoded once however many pairs
they are in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from newsweave.compare.paraphrase import (
    EncodedText,
    ParaphraseWeights,
    encode_texts,
    load_weights,
    pair_features,
)
from newsweave.nlp.static_embeddings import StaticEncoder

__all__ = ["PairScorer"]


class PairScorer:
    """Probability that two sentences state the same fact.

    Example:
        >>> scorer = PairScorer()
        >>> float(scorer.probability([("Kim will attend.", "Kim is to attend.")])[0]) > 0.5
        True
    """

    def __init__(self) -> None:
        self.encoded_: dict[str, EncodedText] = {}

    @property
    def weights(self) -> ParaphraseWeights:
        return load_weights()

    @property
    def threshold(self) -> float:
        """Least probability at which a pair counts as one fact (chosen on MRPC train)."""
        return self.weights.threshold

    def encode(self, texts: Iterable[str]) -> None:
        """Encode the texts not seen before."""
        missing = list(dict.fromkeys(t for t in texts if t not in self.encoded_))
        for encoded in encode_texts(StaticEncoder(), missing):
            self.encoded_[encoded.text] = encoded

    def vectors(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """The texts' static sentence vectors, one row each."""
        self.encode(texts)
        return np.stack([self.encoded_[t].vector for t in texts])

    def cosine(self, a: str, b: str) -> float:
        self.encode((a, b))
        return float(self.encoded_[a].vector @ self.encoded_[b].vector)

    def probability(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        """Probability, for each (a, b), that a and b state the same fact."""
        if not pairs:
            return np.zeros(0)
        self.encode(t for pair in pairs for t in pair)
        rows = np.stack([pair_features(self.encoded_[a], self.encoded_[b]) for a, b in pairs])
        return self.weights.probability(rows)
