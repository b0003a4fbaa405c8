"""The public API is what `__all__` says, and nothing breaks it silently."""

from __future__ import annotations

import newsweave


def test_public_names() -> None:
    assert sorted(newsweave.__all__) == ["__version__", "compare_sentences"]
    for name in newsweave.__all__:
        assert hasattr(newsweave, name)
