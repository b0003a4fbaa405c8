"""newsweave: read many outlets' reports of one event side by side, claim by claim.

The pipeline runs one way - ingest -> clean -> nlp -> stories -> compare -> store - and
the CLI, API and web UI sit on top of it.
"""

from newsweave.compare import compare_sentences
from newsweave.version import __version__

__all__ = ["__version__", "compare_sentences"]
