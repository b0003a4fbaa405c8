"""The pair scorer's cascade: the static classifier, and the stack with the cross-encoder
where the classifier is unsure (sentences made up for the test, MRPC-like)."""

from __future__ import annotations

import dataclasses

import numpy as np

from newsweave.compare.cross_encoder import CrossEncoder
from newsweave.compare.paraphrase import load_weights
from newsweave.compare.scoring import PairScorer, load_stack
from newsweave.store.compare_cache import cache_version

SURE = ("Kim will attend.", "Kim is to attend.")
# The static classifier is unsure here (it sees "loss" against "lost" and an extra phrase);
# reading both sentences together, the cross-encoder is not.
UNSURE = (
    "The company reported a loss of $5 million.",
    "The firm said it lost $5 million in the quarter.",
)


def test_cross_encoder_decides_only_the_unsure_band() -> None:
    scorer = PairScorer()
    stack = load_stack()
    static = scorer.static_probability([SURE, UNSURE])
    assert static[0] >= stack.high
    assert stack.low <= static[1] < stack.high
    scored = scorer.probability([SURE, UNSURE])
    assert scored[0] == static[0]
    # The shipped stack reads the cross-encoder once per pair, in the order given.
    assert stack.orders == 1
    cross = CrossEncoder().probability([UNSURE])
    np.testing.assert_allclose(scored[1], stack.probability(static[1:], cross), atol=1e-5)
    assert scored[1] > static[1] + 0.2
    assert list(scorer.stacked_) == [UNSURE]


def test_a_pair_repeated_in_one_call_is_read_once_and_scored_alike() -> None:
    scorer = PairScorer()
    scored = scorer.probability([UNSURE, SURE, UNSURE])
    assert scored[0] == scored[2] == scorer.stacked_[UNSURE]
    assert list(scorer.stacked_) == [UNSURE]


def test_prefetch_keeps_the_unsure_pairs_for_the_judgements_after() -> None:
    scorer = PairScorer()
    scorer.prefetch([SURE, UNSURE, UNSURE])
    kept = dict(scorer.stacked_)
    assert list(kept) == [UNSURE]
    assert scorer.probability([UNSURE])[0] == kept[UNSURE]


def test_without_the_cross_encoder_the_static_classifier_decides() -> None:
    scorer = PairScorer(cross_encoder=False)
    assert scorer.threshold == load_weights().threshold
    np.testing.assert_array_equal(
        scorer.probability([SURE, UNSURE]), scorer.static_probability([SURE, UNSURE])
    )
    assert not scorer.stacked_


def test_stack_band_holds_its_threshold_and_the_scorer_names_its_models() -> None:
    stack = load_stack()
    assert 0.0 < stack.low <= stack.threshold < stack.high < 1.0
    on, off = PairScorer().model, PairScorer(cross_encoder=False).model
    assert on != off
    # A compare cache made with the cross-encoder is not read without it.
    assert cache_version(align_threshold=0.78, scorer_model=on) != cache_version(
        align_threshold=0.78, scorer_model=off
    )


def test_a_pair_scores_the_same_to_the_last_bit_whatever_its_batch() -> None:
    # A matrix-vector product sums a row in an order that depends on how many rows there
    # are; batching a story's pairs must not move any pair's probability.
    weights = load_weights()
    rows = np.random.default_rng(0).normal(size=(203, len(weights.mean)))
    rows = rows * weights.scale + weights.mean
    whole = weights.probability(rows)
    for size in (1, 2, 3, 5):
        parts = [weights.probability(rows[i : i + size]) for i in range(0, len(rows), size)]
        np.testing.assert_array_equal(np.concatenate(parts), whole)


def test_prefetch_scores_each_pair_once_and_judging_reads_it_back() -> None:
    scorer = PairScorer(cross_encoder=False)
    scorer.prefetch([SURE, UNSURE, SURE])
    assert list(scorer.static_) == [SURE, UNSURE]
    alone = PairScorer(cross_encoder=False).static_probability([UNSURE])
    assert scorer.probability([UNSURE, SURE])[0] == alone[0]


def test_a_given_stack_sets_the_band_the_cross_encoder_reads() -> None:
    # How scripts/train_paraphrase_stack.py times a candidate band: the scorer takes it.
    shipped = load_stack()
    static = PairScorer().static_probability([UNSURE])[0]
    closed = dataclasses.replace(shipped, low=shipped.threshold, high=shipped.threshold + 1e-9)
    narrow = PairScorer(stack=closed)
    assert narrow.stack is closed
    assert narrow.probability([UNSURE])[0] == static
    assert not narrow.stacked_
    wide = PairScorer(stack=dataclasses.replace(shipped, low=0.0, high=1.0))
    assert wide.probability([SURE])[0] != PairScorer().probability([SURE])[0]
    assert list(wide.stacked_) == [SURE]
