"""Store: SQLite by default, PostgreSQL by URL; schema managed by numbered migrations."""

from newsweave.store.audit import audit_store
from newsweave.store.database import QuarantineEntry, Store, database_url

__all__ = ["QuarantineEntry", "Store", "audit_store", "database_url"]
