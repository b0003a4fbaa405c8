"""Clean: RawDocument -> Article. Normalise, strip page furniture, fingerprint."""

from newsweave.clean.dedup import content_hash
from newsweave.clean.document import clean_document
from newsweave.clean.extract import extract_articles
from newsweave.clean.normalize import normalize_text
from newsweave.ingest.language import detect_language

__all__ = [
    "clean_document",
    "content_hash",
    "detect_language",
    "extract_articles",
    "normalize_text",
]
