"""The MRPC cross-encoder on real sentence pairs (MRPC train, Dolan et al. 2004, research use)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsweave.compare import cross_encoder
from newsweave.compare.cross_encoder import CrossEncoder

SAME = (
    "They had published an advertisement on the Internet on June 10, offering the cargo for sale, he added.",  # noqa: E501
    "On June 10, the ship's owners had published an advertisement on the Internet, offering the explosives for sale.",  # noqa: E501
)
DIFFERENT = (
    "The Nasdaq had a weekly gain of 17.27, or 1.2 percent, closing at 1,520.15 on Friday.",
    "The tech-laced Nasdaq Composite .IXIC rallied 30.46 points, or 2.04 percent, to 1,520.15.",
)
SHORT = ("Kim will attend.", "Kim is to attend.")


def test_cross_encoder_separates_a_paraphrase_from_a_different_fact() -> None:
    model = CrossEncoder()
    same, different = model.probability([SAME, DIFFERENT])
    assert 0.0 < model.threshold < 1.0
    assert same >= model.threshold > different


def test_cross_encoder_result_does_not_depend_on_the_batch() -> None:
    alone = CrossEncoder(batch_size=1).probability([SHORT, SAME, DIFFERENT])
    # One batch pads the short pair to the long ones' length: the mask must hide the padding.
    together = CrossEncoder(batch_size=8).probability([SHORT, SAME, DIFFERENT])
    np.testing.assert_allclose(alone, together, atol=1e-4)


def test_cross_encoder_takes_no_pairs() -> None:
    assert CrossEncoder().probability([]).shape == (0,)


def test_a_weights_file_naming_fewer_layers_runs_only_those(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What scripts/train_cross_encoder.py --keep writes: the layers it trained and their count."""
    shipped = CrossEncoder().probability([SAME, DIFFERENT])
    with np.load(cross_encoder.WEIGHTS_PATH) as full:
        kept = {k: full[k] for k in full.files if k.startswith(("head.", "encoder.layer.0."))}
        kept |= {"threshold": full["threshold"], "meta": full["meta"]}
    small = tmp_path / "one_layer.npz"
    np.savez(small, layers=np.array(1), **kept)
    monkeypatch.setattr(cross_encoder, "WEIGHTS_PATH", small)
    monkeypatch.setattr(cross_encoder, "_SESSIONS", {})
    cross_encoder._weights.cache_clear()
    try:
        weights, _, layers = cross_encoder._weights()
        graph = cross_encoder._PairGraph(weights, layers).build().graph
        names = {i.name for i in graph.initializer}
        assert layers == 1
        assert "encoder.layer.0.attention.self.query.wT" in names
        assert not any(n.startswith("encoder.layer.1.") for n in names)
        one_layer = CrossEncoder().probability([SAME, DIFFERENT])
        assert ((one_layer > 0) & (one_layer < 1)).all()
        assert np.abs(one_layer - shipped).max() > 1e-3
    finally:
        cross_encoder._weights.cache_clear()
