"""Spelling variants of a name share its variant key, which stores look candidates up by."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.nlp.name_variants import is_variant, variant_key

_WORD = st.text(alphabet="aeiouyknpsšzžćčé-' ", min_size=1, max_size=9)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Masoud Pezashkian", "Masoud Pezeshkian"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Mohammed bin Salman", "Mohammad bin Salman"),
    ],
)
def test_variants_share_their_variant_key(a: str, b: str) -> None:
    assert is_variant(a, b)
    assert variant_key(a) == variant_key(b)


def test_a_one_word_name_has_no_variant_key() -> None:
    assert variant_key("Putin") is None
    assert variant_key("  Vučić ") is None
    assert variant_key("Vladimir Putin") == "v p"


@given(st.lists(_WORD, min_size=1, max_size=4), st.lists(_WORD, min_size=1, max_size=4))
def test_is_variant_implies_one_variant_key(a: list[str], b: list[str]) -> None:
    first, second = " ".join(a), " ".join(b)
    if is_variant(first, second):
        assert variant_key(first) == variant_key(second)
    # A name and itself with one letter changed near its end: the common case.
    changed = first[:-1] + ("a" if first[-1:] != "a" else "e")
    if is_variant(first, changed):
        assert variant_key(first) == variant_key(changed)
