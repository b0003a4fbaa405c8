"""Understand: Article -> AnnotatedArticle (sentences, entities, dates, quantities, vector)."""

from newsweave.nlp.actors import resolve_actors
from newsweave.nlp.assemble import Annotator
from newsweave.nlp.embeddings import SentenceEncoder
from newsweave.nlp.frames import FRAME_TYPES, extract_frames

__all__ = ["FRAME_TYPES", "Annotator", "SentenceEncoder", "extract_frames", "resolve_actors"]
