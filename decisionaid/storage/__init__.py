"""Storage: SQLAlchemy models, migrations and the database connection (SQLite, SQLCipher or
PostgreSQL). Services use ``open_database`` and ``Database.read``/``write``; nothing above this
layer sees an ORM row.

The names below load ``storage.database`` (and SQLAlchemy) when first used, not with the
package: ``storage.sqlite_file`` checks the database's key before they are needed."""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Database", "DatabaseError", "connect", "open_database"]

if TYPE_CHECKING:
    from decisionaid.storage.database import Database, DatabaseError, connect, open_database


def __getattr__(name: str):
    if name in __all__:
        from decisionaid.storage import database

        return getattr(database, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
