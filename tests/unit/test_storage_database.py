"""Opening the database: settings on every SQLite connection, schema checks, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from decisionaid.storage import DatabaseError, open_database
from decisionaid.storage.database import connect, raw_sqlite, sqlite_driver, sqlite_path
from decisionaid.storage.migrate import current_revision, head_revision, upgrade


def config(url: str, key: str | None = None):
    return SimpleNamespace(database_url=url, db_key=key)


def test_a_new_sqlite_database_is_created_with_its_folder_and_schema(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'a' / 'b' / 'decisionaid.db'}"
    with open_database(config(url)) as db:
        assert db.schema_status().up_to_date
    assert (tmp_path / "a" / "b" / "decisionaid.db").is_file()


def test_every_sqlite_connection_is_durable_wal_with_foreign_keys(tmp_path: Path):
    with open_database(config(f"sqlite:///{tmp_path / 'd.db'}")) as db, db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_database_behind_the_code_is_backed_up_beside_itself_then_upgraded(tmp_path: Path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    with open_database(config(f"sqlite:///{path}")) as db:
        assert db.schema_status().up_to_date
    (backup,) = tmp_path.glob("old.db.backup-*")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT text FROM notes").fetchall() == [("keep me",)]


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'd.db'}"
    open_database(config(url)).dispose()
    with sqlite3.connect(tmp_path / "d.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError, match="newer decisionaid"):
        open_database(config(url))


def test_postgresql_behind_the_code_is_not_touched_and_says_run_db_upgrade(pg_url: str):
    with pytest.raises(DatabaseError, match="run 'decisionaid db upgrade'") as caught:
        open_database(config(pg_url))
    assert "\n" not in str(caught.value)
    with connect(pg_url).engine.connect() as conn:
        assert current_revision(conn) is None
        assert (
            conn.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
            ).scalar()
            == 0
        )


def test_an_unreachable_postgresql_is_one_clear_line():
    url = "postgresql+psycopg://nobody@127.0.0.1:9/none"
    with pytest.raises(DatabaseError, match="cannot connect to the database") as caught:
        open_database(config(url))
    assert "\n" not in str(caught.value)


def test_upgrade_is_idempotent_and_reports_the_revision(db_url: str):
    db = connect(db_url)
    try:
        assert upgrade(db) == (None, head_revision())
        assert upgrade(db) == (head_revision(), head_revision())
    finally:
        db.dispose()


def test_the_models_match_the_migrations(database):
    """A model change without a migration would be lost on every clinic's database."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from decisionaid.storage.models import Base

    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_a_url_that_is_not_a_database_is_one_clear_line(tmp_path: Path):
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(config(f"sqlite:///{tmp_path}"))
    with pytest.raises(DatabaseError, match="unsupported database"):
        open_database(config("mysql://x/y"))
    assert sqlite_path("sqlite:///:memory:") is None


def test_the_schema_check_on_opening_reads_the_same_revisions_as_alembic(db_url: str, tmp_path: Path):
    """Opening tells a current database without importing Alembic; what it reads must be what
    Alembic would say, or a database behind the code would be taken for a current one."""
    from decisionaid.storage import revisions

    assert revisions.head_revision() == head_revision()
    db = connect(db_url)
    try:
        with db.engine.connect() as conn:
            assert revisions.current_revision(conn) is None
        upgrade(db)
        with db.engine.connect() as conn:
            assert revisions.current_revision(conn) == current_revision(conn) == head_revision()
    finally:
        db.dispose()


def test_a_current_database_opens_without_importing_alembic(tmp_path: Path):
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'd.db'}"
    open_database(config(url)).dispose()
    probe = ("import sys; from types import SimpleNamespace as N; from decisionaid.storage import open_database; "
             f"open_database(N(database_url={url!r}, db_key=None)).dispose(); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


def test_a_plain_database_is_opened_by_the_same_sqlite_as_backups_and_checks(tmp_path: Path):
    """Two SQLite libraries in one process on one file drop each other's locks and can crash
    it (a nightly backup beside the station's reads did): plain or encrypted, the program
    opens every database file through SQLCipher's SQLite."""
    path = tmp_path / "plain.db"
    db = connect(f"sqlite:///{path}")
    try:
        assert db.engine.dialect.dbapi is sqlite_driver()
        with db.engine.connect() as conn:
            assert type(conn.connection.dbapi_connection).__module__.startswith("sqlcipher3")
    finally:
        db.dispose()
    with raw_sqlite(path) as conn:
        assert type(conn).__module__.startswith("sqlcipher3")
