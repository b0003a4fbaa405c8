"""The paraphrase classifier on static vectors: its features and the shipped weights.

Sentences: S = the seed reports, M = MRPC train (tests/data/README.md).
"""

from __future__ import annotations

import numpy as np

from newsweave.compare.paraphrase import (
    PAIR_FEATURES,
    encode_texts,
    load_weights,
    pair_features,
)
from newsweave.compare.scoring import PairScorer
from newsweave.nlp.static_embeddings import StaticEncoder

REVENUE = "Revenue in the first quarter of the year dropped 15 percent from the same period a year earlier."  # M  # noqa: E501
REVENUE_2 = "With the scandal hanging over Stewart's company, revenue the first quarter of the year dropped 15 percent from the same period a year earlier."  # M  # noqa: E501
FUNDS = "The bulk of the funds, some $65 billion, will go for military operations in Iraq and Afghanistan."  # M  # noqa: E501
KIM = "Mr Kim last visited China in 2019."  # S 000


def _features(a: str, b: str) -> dict[str, float]:
    first, second = encode_texts(StaticEncoder(), [a, b])
    return dict(zip(PAIR_FEATURES, pair_features(first, second).tolist(), strict=True))


def test_token_alignment_is_complete_for_a_sentence_and_itself() -> None:
    same = _features(REVENUE, REVENUE)
    for name in ("token_alignment_min", "token_alignment_f1", "token_alignment_worst"):
        assert abs(same[name] - 1.0) < 1e-5
    assert same["numbers_unshared"] == same["content_unshared"] == 0.0


def test_token_alignment_and_unshared_counts_separate_paraphrase_from_another_fact() -> None:
    paraphrase, other = _features(REVENUE, REVENUE_2), _features(REVENUE, FUNDS)
    assert paraphrase["token_alignment_min"] > other["token_alignment_min"] + 0.2
    assert other["numbers_unshared"] == 2.0
    assert paraphrase["content_unshared"] < other["content_unshared"]


def test_shipped_weights_fit_the_features_and_score_a_real_pair() -> None:
    weights = load_weights()
    n = len(PAIR_FEATURES)
    assert weights.mean.shape == weights.scale.shape == (n,)
    assert weights.coef.shape == (n,)
    probability = PairScorer().probability([(REVENUE, REVENUE_2), (REVENUE, KIM)])
    assert probability[0] > weights.threshold > probability[1]
    assert np.all((probability >= 0) & (probability <= 1))
