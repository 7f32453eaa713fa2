"""Storage: SQLAlchemy models, migrations and the database connection (SQLite, SQLCipher or
PostgreSQL). Services use ``open_database`` and ``Database.read``/``write``; nothing above this
layer sees an ORM row."""

from decisionaid.storage.database import Database, DatabaseError, connect, open_database

__all__ = ["Database", "DatabaseError", "connect", "open_database"]
