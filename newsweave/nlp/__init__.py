"""Understand: Article -> AnnotatedArticle (sentences, entities, dates, quantities, vector)."""

from newsweave.nlp.actors import resolve_actors
from newsweave.nlp.assemble import Annotator
from newsweave.nlp.embeddings import SentenceEncoder

__all__ = ["Annotator", "SentenceEncoder", "resolve_actors"]
