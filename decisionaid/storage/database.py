"""Opening the database: SQLite (optionally SQLCipher-encrypted) or PostgreSQL.

``open_database(config)`` is the one way in. It checks the schema against the code's migrations:
an SQLite file that is behind is backed up beside itself and upgraded; a PostgreSQL database is
never changed on opening (``decisionaid db upgrade`` does that). Every SQLite connection runs in
WAL mode with ``synchronous=FULL`` (a committed answer survives a power cut), foreign keys on
and a 10-second busy timeout; write transactions take the write lock up front (``BEGIN
IMMEDIATE``) so two processes never dead-end on an upgrade from read to write.

A file that is not a whole SQLite database, or fails SQLite's quick integrity check on opening,
is reported in one line as damaged, with the way to restore a backup; never as "encrypted". The
database's folder is kept 0700 and its files 0600.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from decisionaid.errors import UserError
from decisionaid.i18n import _
from decisionaid.storage.problems import (
    DatabaseError,
    damaged,
    explain,
    from_os_error,
    is_damage,
)
from decisionaid.storage.sqlite_file import (
    BUSY_TIMEOUT_S,
    SQLITE_HEADER,
    KeyCheck,
    _check_sqlite_file,
    _file_state,
    _open_checked,
    _quote,
)

# One place to import them from.
__all__ = ["BUSY_TIMEOUT_S", "SQLITE_HEADER", "DatabaseError", "_check_sqlite_file", "_file_state",
           "damaged", "is_damage"]

log = logging.getLogger(__name__)
T = TypeVar("T")

QUICK_CHECK_MAX_BYTES = 128 * 1024 * 1024  # opening checks a file this size in about a second
_RETRIES = 8


class DatabaseUnreachable(DatabaseError):
    """The database server did not answer (down, or the network between): worth waiting for,
    unlike the other refusals; the kiosk rests and tries again."""


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None  # the revision the database is at; None: no tables yet
    head: str  # the revision this version of decisionaid needs

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def describe(url: str | URL) -> str:
    """The URL as it may be shown to a person: no password."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind an SQLite URL; None for PostgreSQL or an in-memory database."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database).expanduser()


class Database:
    """An open database: a SQLAlchemy engine plus the transaction helpers services use.

    Safe to share across threads; each ``read``/``write`` makes its own short session.
    """

    def __init__(self, engine: Engine, *, encrypted: bool = False, waiting: list | None = None):
        """``waiting``: driver connections opened for the engine and not yet taken by its
        pool (closed with it)."""
        self.engine = engine
        self.encrypted = encrypted
        self._writer = engine.execution_options(decisionaid_write=True)
        self._waiting = waiting if waiting is not None else []

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> URL:
        return self.engine.url

    def write(self, work: Callable[[Session], T]) -> T:
        """Run ``work(session)`` in one write transaction and commit it before returning.

        A transient lock conflict (SQLite busy, PostgreSQL serialization failure or deadlock)
        rolls back and runs ``work`` again, so it must not have side effects outside the
        session.
        """

        def attempt() -> T:
            with Session(self._writer, expire_on_commit=False) as session, session.begin():
                return work(session)

        return self._retrying(attempt)

    def write_statements(self, work: Callable[[Connection], T]) -> T:
        """Like ``write`` on a plain connection (Core statements only): the kiosk's hot path,
        where the ORM's bookkeeping would cost more than the statements."""

        def attempt() -> T:
            with self._writer.begin() as connection:
                return work(connection)

        return self._retrying(attempt)

    def write_within(self, work: Callable[[Connection], T], seconds: float) -> T:
        """``write_statements`` that waits for a lock (SQLite's write lock, a PostgreSQL row
        lock) about ``seconds`` in all, then raises: for a save a person is waiting on, who is
        better told it did not happen than left waiting (the kiosk, see docs/kiosk.md)."""
        deadline = time.monotonic() + seconds
        n = 0
        while True:
            left_ms = max(50, int((deadline - time.monotonic()) * 1000))
            try:
                with self._writer.connect() as connection:
                    sqlite = self.dialect == "sqlite"
                    if sqlite:  # on the driver's connection: SQLAlchemy would open a transaction
                        connection.connection.driver_connection.execute(f"PRAGMA busy_timeout = {left_ms}")
                    try:
                        with connection.begin():
                            if not sqlite:
                                connection.exec_driver_sql(f"SET LOCAL lock_timeout = {left_ms}")
                            return work(connection)
                    finally:
                        if sqlite:
                            try:
                                connection.connection.driver_connection.execute(
                                    f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
                            except Exception:
                                connection.invalidate()  # never back in the pool with a short wait
            except DBAPIError as e:
                if not self._transient(e) or time.monotonic() >= deadline - 0.02:
                    raise
                log.info("database busy, retrying (%s)", type(e.orig).__name__)
                time.sleep(min(0.2, 0.01 * 2**n, max(0.0, deadline - time.monotonic())))
                n += 1

    def read(self, work: Callable[[Session], T]) -> T:
        """Run ``work(session)`` in a read-only snapshot."""

        def attempt() -> T:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                return work(session)

        return self._retrying(attempt)

    def _retrying(self, attempt: Callable[[], T]) -> T:
        for n in range(_RETRIES):
            try:
                return attempt()
            except DBAPIError as e:
                if n == _RETRIES - 1 or not self._transient(e):
                    raise
                log.info("database busy, retrying (%s)", type(e.orig).__name__)
                time.sleep(min(0.5, 0.01 * 2**n) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    def _transient(self, error: DBAPIError) -> bool:
        if self.dialect == "sqlite":
            text = str(error.orig).lower()
            return isinstance(error, OperationalError) and ("locked" in text or "busy" in text)
        return getattr(error.orig, "sqlstate", None) in ("40001", "40P01")

    def schema_status(self) -> SchemaStatus:
        # Most opens find the database current: that is told without importing Alembic.
        from decisionaid.storage import revisions

        head = revisions.head_revision()
        if head is not None:
            with self.engine.connect() as conn:
                if revisions.current_revision(conn) == head:
                    return SchemaStatus(head, head)
        from decisionaid.storage import migrate

        with self.engine.connect() as conn:
            return SchemaStatus(migrate.current_revision(conn), migrate.head_revision())

    def dispose(self) -> None:
        while self._waiting:
            self._waiting.pop().close()
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.dispose()


def sqlite_driver():
    """The one SQLite library the program opens database files with: SQLCipher's, for plain
    files too (it opens them as SQLite does). Two SQLite libraries in one process on the same
    file undo each other's locks (POSIX locks belong to the process, and closing a file in one
    library drops the other's), which can corrupt the file or crash the process: a nightly
    backup through SQLCipher beside the station's reads through Python's own sqlite3 did."""
    import sqlcipher3.dbapi2 as module

    return module


def _sqlite_engine(path: Path, key: str | None, opened: list | None = None) -> Engine:
    """``opened``: a connection already keyed (the key check's), used as the pool's first."""
    module = sqlite_driver()

    engine = create_engine(f"sqlite:///{path}", module=module, hide_parameters=True)
    waiting = opened if opened is not None else []

    @event.listens_for(engine, "handle_error")
    def damage(context):
        # A damaged page, a full disk, a lost permission found by any statement, at any time:
        # one line that says which, never a traceback. Locks stay as they are (they are
        # retried, and the kiosk tells the person itself), and so does an I/O error on a disk
        # with room and rights: it is logged with the statement that met it.
        error = context.original_exception
        if isinstance(error, module.DatabaseError | UnicodeDecodeError):
            problem = explain(error, path, key)
            if problem.cause in ("damaged", "full", "permission"):
                raise problem from None

    @event.listens_for(engine, "do_connect")
    def connect(dialect, conn_rec, cargs, cparams):
        try:
            conn = waiting.pop()  # keyed and checked already: its key is not derived twice
        except IndexError:
            conn = module.connect(
                str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            if key:
                # The key must be the first statement on every connection.
                conn.execute(f"PRAGMA key = {_quote(key)}")
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except UnicodeDecodeError:  # SQLite's own message quotes a broken schema text
            conn.close()
            raise damaged(path, "its schema is not readable") from None
        return conn

    @event.listens_for(engine, "begin")
    def begin(conn):
        # The driver is in autocommit mode; we say where transactions start and what they lock.
        write = conn.get_execution_options().get("decisionaid_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def connect(url: str, key: str | None = None, *, create: bool = True,
            checked: KeyCheck | None = None) -> Database:
    """An engine for ``url`` with every connection set up, without checking the schema.

    With ``create=False`` (read-only commands) a missing SQLite file is one line, and neither
    the file nor its folder is made. ``checked``: the file's check, started earlier with the
    same key (its connection serves the engine first).
    """
    try:
        u = make_url(url)
    except Exception:
        raise DatabaseError(_("not a database URL: {url!r}", url=url)) from None
    backend = u.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(u)
        if path is None:
            raise DatabaseError(_("an SQLite database must be a file: sqlite:////path/to/file.db"))
        if path.is_dir():
            raise DatabaseError(_("the database path {path} is a folder, not a file", path=path))
        early = checked.take(path) if checked is not None else None
        state, opened = early if early is not None else _open_checked(path, key)
        waiting = [opened] if opened is not None else []
        try:
            if state == "missing" and not create:
                raise DatabaseError(
                    _("there is no database at {path}: check database_url, or start the kiosk (or "
                      "run 'decisionaid db upgrade') to make a new one", path=path)
                )
            _make_private(path)
            return Database(_sqlite_engine(path, key, waiting), encrypted=bool(key), waiting=waiting)
        except BaseException:
            for conn in waiting:
                conn.close()
            raise
    if backend == "postgresql":
        if u.get_driver_name() != "psycopg":
            u = u.set(drivername="postgresql+psycopg")  # the driver decisionaid ships with
        engine = create_engine(u, pool_pre_ping=True, hide_parameters=True)
        _refusals_in_one_line(engine)
        return Database(engine)
    raise DatabaseError(
        _("unsupported database {database}: use sqlite:///PATH or postgresql+psycopg://…",
          database=describe(u))
    )


def _refusals_in_one_line(engine: Engine) -> None:
    @event.listens_for(engine, "handle_error")
    def refused(context):
        # A role without the rights a command needs (SQLSTATE 42501): one line, no traceback.
        if getattr(context.original_exception, "sqlstate", None) == "42501":
            reason = str(context.original_exception).strip().splitlines()[0]
            raise DatabaseError(
                _("the database {database} refused: {reason}: give the role in database_url the "
                  "rights it needs, or run this as the role that owns the tables",
                  database=describe(engine.url), reason=reason)
            ) from None


def _make_private(path: Path) -> None:
    """The database's folder 0700 and its files 0600: made so on a fresh install, tightened
    (and logged) on an existing one."""
    from decisionaid import files

    try:
        if path.parent != Path.home():  # a database kept straight in a home folder: not ours
            files.private_dir(path.parent)
        # Made here, 0600, before SQLite makes it; its -wal and -shm then take the same mode.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, files.FILE_MODE)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as e:
        raise from_os_error(e, path, "create") from None
    for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        files.tighten(p)
    for p in path.parent.glob(f"{glob_escape(path.name)}.backup-*"):
        files.tighten(p)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


_warned: set[str] = set()


def key_warning(url: str | URL, key: str | None) -> str | None:
    """A line to show staff when an SQLite database has no key (None when it has one, or for
    PostgreSQL, whose protection is the server's disk encryption and TLS)."""
    path = sqlite_path(url)
    if path is None or key:
        return None
    return _("the database {path} is not encrypted: anyone who can copy the file can read the "
             "answers; encrypt it with 'decisionaid db encrypt'", path=path)


def key_for_new_install(config, *, create: bool = True):
    """``config``, with a new random database key in its key file when this is a new install:
    no key found, no SQLite database yet (or PostgreSQL, whose dumps the key seals), and plain
    storage not asked for. An existing plain database is left to 'decisionaid db encrypt'.
    ``create=False`` (a command that never makes a database): only PostgreSQL's key is made."""
    from dataclasses import replace

    from decisionaid import secret_files

    key_file = getattr(config, "db_key_file", None)
    if getattr(config, "db_key", None) or getattr(config, "plain_database", False) or not key_file:
        return config
    path = sqlite_path(config.database_url)
    if path is not None and (not create or _file_state(path) != "missing"):
        return config
    key = secret_files.make_key(key_file)
    log.warning("made a new database key in %s: keep a copy of it somewhere safe "
                "(docs/install.md, The database key)", key_file)
    return replace(config, db_key=key, key_from=str(key_file))


def quick_check(db: Database) -> None:
    """SQLite's quick integrity check (well under a second for a clinic's database): a damaged
    page is found when the kiosk starts, not in the middle of someone's visit."""
    with db.engine.connect() as conn:
        result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    if result != "ok":
        raise damaged(sqlite_path(db.url) or describe(db.url), "it fails its integrity check")


def ensure_reachable(db: Database) -> None:
    try:
        with db.engine.connect():
            pass
    except OperationalError as e:
        path = sqlite_path(db.url)
        if path is not None:
            problem = explain(e, path, None)
            if problem.cause != "other":
                raise problem from None
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise DatabaseUnreachable(
            _("cannot connect to the database {database}: {reason}",
              database=describe(db.url), reason=reason)
        ) from None


def answers_now(db: Database) -> bool:
    """Whether the database answers a query now: for waiting until a lost server is back. A
    pooled connection the server has dropped is found out here and thrown away."""
    try:
        with db.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except DBAPIError:
        return False
    return True


def backup_path(path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.name}.backup-{stamp}")


def backup_sqlite(path: Path, key: str | None = None, now: datetime | None = None) -> Path:
    """A consistent copy of an SQLite database beside it; with a key, encrypted with it and
    sealed like every backup (``storage.sealed``), so it restores with 'decisionaid restore'."""
    target = _new_private_file(path, now)
    copy = _new_private_file(path, now) if key else target
    try:
        with raw_sqlite(path, key) as source, raw_sqlite(copy, key) as dest:
            source.backup(dest)
        if key:
            from decisionaid.storage import sealed

            sealed.seal_file(copy, target, key)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        if copy != target:
            copy.unlink(missing_ok=True)
    return target


def _new_private_file(path: Path, now: datetime | None) -> Path:
    """A new empty file beside ``path``, named for a backup of it: made here, 0600 and new
    (O_EXCL), before anything writes into it."""
    target = backup_path(path, now)
    n = 1
    while True:
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            return target
        except FileExistsError:
            target = target.with_name(f"{backup_path(path, now).name}-{n}")
            n += 1


def open_database(config, *, check_schema: bool = True, create: bool = True,
                  checked: KeyCheck | None = None) -> Database:
    """The configured database, ready to use (see the module docstring). ``create=False``: for
    commands that only read, a missing SQLite file is an error instead of a new database.
    ``checked``: ``KeyCheck(config.database_url, config.db_key)``, started earlier."""
    db = connect(config.database_url, getattr(config, "db_key", None), create=create, checked=checked)
    warning = key_warning(config.database_url, getattr(config, "db_key", None))
    if warning and warning not in _warned:  # once per process, not on every open
        _warned.add(warning)
        log.warning("%s", warning)
    try:
        ensure_reachable(db)
        path = sqlite_path(db.url)
        # Up to about a second, even encrypted; a larger file is checked in full by the nightly
        # backup and 'db status', and a damaged page met later is still one line.
        if path is not None and path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            quick_check(db)
        if check_schema and not db.schema_status().up_to_date:
            from decisionaid.storage import migrate  # Alembic: only when there is work to do

            migrate.ensure_current(db, key=getattr(config, "db_key", None))
    except Exception as e:
        db.dispose()
        path = sqlite_path(db.url)
        if path is None or isinstance(e, UserError) or not _driver_error(e) or (
                explain(e, path).cause == "other"):
            raise
        # A full disk, a folder of another account met while upgrading or checking: the line
        # that fits, never "damaged" unless it is.
        raise explain(e, path, getattr(config, "db_key", None)) from None
    except BaseException:
        db.dispose()
        raise
    return db


def _driver_error(error: BaseException) -> bool:
    """An error of the file system or of either SQLite driver (not a bug of ours)."""
    return isinstance(error, OSError | DBAPIError | sqlite3.Error) or type(
        error).__module__.startswith("sqlcipher3")


@contextlib.contextmanager
def raw_sqlite(path: Path, key: str | None = None) -> Iterator[sqlite3.Connection]:
    """A plain DB-API connection to an SQLite file (for checks such as integrity_check)."""
    conn = sqlite_driver().connect(str(path), timeout=BUSY_TIMEOUT_S)
    try:
        if key:
            conn.execute(f"PRAGMA key = {_quote(key)}")
        yield conn
    finally:
        conn.close()
