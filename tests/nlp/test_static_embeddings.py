"""The static encoder: unit vectors from the shipped table, paraphrases closer than strangers.

Sentences: S = the seed reports (newsweave/data/seeds), M = MRPC train (tests/data/README.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsweave.errors import ConfigError
from newsweave.nlp.static_embeddings import STATIC_DIM, StaticEncoder

KIM_2019 = "Mr Kim last visited China in 2019."  # S 000
KIM_JAN = "Mr Kim last visited China in January 2019."  # S 002
REVENUE = "Revenue in the first quarter of the year dropped 15 percent from the same period a year earlier."  # M  # noqa: E501
FUNDS = "The bulk of the funds, some $65 billion, will go for military operations in Iraq and Afghanistan."  # M  # noqa: E501


def test_static_encoder_gives_unit_vectors_that_rank_paraphrases_first() -> None:
    vectors = StaticEncoder().encode([KIM_2019, KIM_JAN, REVENUE, FUNDS])
    assert vectors.shape == (4, STATIC_DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosine = vectors @ vectors.T
    assert cosine[0, 1] > 0.9
    assert cosine[0, 1] > cosine[0, 2] + 0.3
    assert cosine[0, 1] > cosine[0, 3] + 0.3


def test_static_encoder_is_deterministic_and_gives_zero_for_no_tokens() -> None:
    first = StaticEncoder().encode([KIM_2019, "", "   "])
    again = StaticEncoder().encode([KIM_2019])
    np.testing.assert_array_equal(first[0], again[0])
    assert not first[1:].any()
    assert StaticEncoder().encode([]).shape == (0, STATIC_DIM)


def test_static_encoder_names_the_fix_when_its_table_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="static embedding table is missing"):
        StaticEncoder(table=tmp_path / "absent.npz").encode([KIM_2019])


def test_one_tokenizer_pass_gives_the_vectors_and_token_rows_to_the_last_bit() -> None:
    encoder = StaticEncoder()
    texts = [KIM_2019, REVENUE, "", FUNDS]
    vectors, tokens = encoder.encode_with_tokens(texts)
    np.testing.assert_array_equal(vectors, encoder.encode(texts))
    for text, vector, (pieces, rows) in zip(texts, vectors, tokens, strict=True):
        alone_pieces, alone_rows = encoder.token_vectors(text)
        assert pieces == alone_pieces
        np.testing.assert_array_equal(rows, alone_rows)
        # A text's vector does not depend on the texts encoded beside it.
        np.testing.assert_array_equal(vector, encoder.encode([text])[0])
    assert encoder.encode_with_tokens([])[0].shape == (0, STATIC_DIM)
