"""The version of newsweave, recorded with every quarantined input and stored result."""

__version__ = "0.1.0"
