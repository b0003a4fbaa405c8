"""Input errors cross process boundaries (benchmark pools, batch workers) intact."""

from __future__ import annotations

import pickle

from newsweave.errors import EncodingError, InputError


def test_input_error_pickles_with_its_fields() -> None:
    error = EncodingError("bad.txt is broken", source="bad.txt", stage="decode", hint="fix it")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert isinstance(copy, EncodingError)
    assert isinstance(copy, InputError)
    assert (copy.message, copy.source, copy.stage, copy.hint, copy.code) == (
        "bad.txt is broken",
        "bad.txt",
        "decode",
        "fix it",
        "NW102",
    )
