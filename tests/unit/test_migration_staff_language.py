"""Revision 0009 gives each staff account a language of its own: accounts made before it keep
signing in, in the site's first language, and going back to 0008 keeps the accounts."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from sqlalchemy import inspect, text

from decisionaid.storage.database import connect
from decisionaid.storage.migrate import alembic_config


def _to(db, revision: str, down: bool = False) -> None:
    with db.engine.execution_options(decisionaid_write=True).connect() as conn, conn.begin():
        (command.downgrade if down else command.upgrade)(alembic_config(conn), revision)


def _staff_columns(db) -> set[str]:
    with db.engine.connect() as conn:
        return {c["name"] for c in inspect(conn).get_columns("staff")}


def test_upgrading_to_0009_adds_an_empty_language_and_going_back_keeps_the_accounts(db_url: str):
    db = connect(db_url)
    try:
        _to(db, "0008")
        with db.engine.execution_options(decisionaid_write=True).connect() as conn, conn.begin():
            conn.execute(text(
                "INSERT INTO staff (name, role, pin_hash, failed_attempts, disabled, created_at) "
                "VALUES ('Maria G', 'peer', 'x', 0, false, :at)"),
                {"at": datetime(2026, 12, 1)})
        assert "language" not in _staff_columns(db)

        _to(db, "0009")
        with db.engine.connect() as conn:
            # An account from before speaks the site's first language (NULL) until it is set.
            assert conn.execute(text("SELECT name, language FROM staff")).all() == [("Maria G", None)]
        with db.engine.execution_options(decisionaid_write=True).connect() as conn, conn.begin():
            conn.execute(text("UPDATE staff SET language = 'es'"))

        _to(db, "0008", down=True)
        assert "language" not in _staff_columns(db)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT name, role FROM staff")).all() == [("Maria G", "peer")]
    finally:
        db.dispose()
