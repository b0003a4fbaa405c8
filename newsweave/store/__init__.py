"""Store: SQLite by default, PostgreSQL by URL; schema managed by numbered migrations."""

from newsweave.store.database import QuarantineEntry, Store, database_url

__all__ = ["QuarantineEntry", "Store", "database_url"]
