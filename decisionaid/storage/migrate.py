"""Schema migrations (Alembic, shipped in ``migrations/``): where a database is, and upgrading
it."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from decisionaid.i18n import _
from decisionaid.storage.database import (
    Database,
    DatabaseError,
    SchemaStatus,
    backup_sqlite,
    describe,
    sqlite_path,
)

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:
        return False


def _check_not_newer(status: SchemaStatus, db: Database) -> None:
    if status.current is not None and not _known(status.current):
        raise DatabaseError(
            _("the database {database} was made by a newer decisionaid (revision {current}): "
              "install that version or newer", database=describe(db.url), current=status.current)
        )


def upgrade(db: Database, *, key: str | None = None) -> tuple[str | None, str]:
    """Bring the schema to the head revision; returns (from, to). An SQLite file that already
    holds tables is backed up beside itself first."""
    # One write transaction: a second process opening at the same moment waits, then finds the
    # work done.
    writer = db.engine.execution_options(decisionaid_write=True)
    with writer.connect() as conn, conn.begin():
        status = SchemaStatus(current_revision(conn), head_revision())
        _check_not_newer(status, db)
        if status.up_to_date:
            return status.current, status.head
        path = sqlite_path(db.url)
        if path is not None and inspect(conn).get_table_names():
            saved = backup_sqlite(path, key)
            log.warning("backed up the database to %s before upgrading it", saved)
        command.upgrade(alembic_config(conn), "head")
    return status.current, status.head


def ensure_current(db: Database, *, key: str | None = None) -> None:
    """On opening: upgrade an SQLite database that is behind; refuse a PostgreSQL one."""
    status = db.schema_status()
    _check_not_newer(status, db)
    if status.up_to_date:
        return
    if db.dialect == "sqlite":
        upgrade(db, key=key)
        return
    raise DatabaseError(
        _("the database {database} is not up to date (at {current}, needs {head}): run "
          "'decisionaid db upgrade'",
          database=describe(db.url), current=status.current, head=status.head) if status.current
        else _("the database {database} is not up to date (at empty, needs {head}): run "
               "'decisionaid db upgrade'", database=describe(db.url), head=status.head)
    )
