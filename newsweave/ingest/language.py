"""Language of an article's text, detected offline with py3langid (97 languages, no download).

A declared language (a JSON Lines field, <html lang>) wins; detection fills the gaps. Very
short or ambiguous text gets no language rather than a guess.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["detect_language"]

# Below these, the classifier's answer is too often wrong to record.
_MIN_CHARS = 20
_MIN_CONFIDENCE = 0.5
# Enough text to decide; classifying a whole long article costs time and changes nothing.
_SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # Loaded once per process (about 0.1 s); the model ships inside the package.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text` ("en", "de"), or None when it is too short or unclear."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    language, confidence = _identifier().classify(sample)
    return str(language) if confidence >= _MIN_CONFIDENCE else None
