"""Ingest: bytes from files, folders and standard input -> RawRecord -> RawDocument.

Readers cut inputs into records (a text file is one record, a JSON Lines file one per line);
parsers turn one record into a RawDocument or raise the InputError that quarantines it.
"""

from newsweave.ingest.parse import parse_record
from newsweave.ingest.sources import InputRef, iter_inputs, read_input

__all__ = ["InputRef", "iter_inputs", "parse_record", "read_input"]
