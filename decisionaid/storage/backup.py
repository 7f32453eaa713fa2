"""Backups that restore, and changing the database key.

``backup`` makes a consistent copy while kiosks keep writing: SQLite's online backup API in one
step (one read snapshot; in WAL mode writers are not held up), encrypted with the same key, or
``pg_dump --format=custom`` of the schema decisionaid uses. The copy is checked before it takes
its name (``PRAGMA integrity_check``; ``pg_restore --list``) and is 0600. ``restore`` checks the
file first and keeps the database it replaces beside it, timestamped. ``rekey`` re-encrypts an
SQLite database into a new file with ``sqlcipher_export``, proves the new key opens it with every
row, and only then renames it into place. ``nightly_backup`` is the close-of-day copy kept in
the data folder, pruned to the newest N.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from decisionaid import files
from decisionaid.errors import UserError
from decisionaid.storage.database import (
    SQLITE_HEADER,
    DatabaseError,
    _check_sqlite_file,
    _quote,
    connect,
    damaged,
    describe,
    is_damage,
    sqlite_path,
)

log = logging.getLogger(__name__)

DEFAULT_KEEP = 7
NIGHTLY = re.compile(r"decisionaid-(\d{8}T\d{6})(?:-(\d+))?\.(?:db|dump)")
SCHEMA_ENTRY = re.compile(r"\d+; \d+ \d+ (SCHEMA|COMMENT - SCHEMA) ")
IN_USE_WAIT_S = 2.0  # how long rekey and restore wait for other users of the file to go


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    encrypted: bool


@dataclass(frozen=True)
class RestoreResult:
    database: str  # where it was restored, as it may be shown
    kept: Path | None  # the database it replaced, kept beside it (None: there was none)


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now()).strftime("%Y%m%dT%H%M%S")


def _kept_name(path: Path, why: str, now: datetime | None) -> Path:
    base = path.with_name(f"{path.name}.{why}-{_stamp(now)}")
    target, n = base, 1
    while target.exists():
        target, n = base.with_name(f"{base.name}-{n}"), n + 1
    return target


@contextlib.contextmanager
def _sqlite(path: Path, key: str | None, *, timeout: float = 10.0) -> Iterator[sqlite3.Connection]:
    """A DB-API connection to an SQLite file, through SQLCipher (which also opens plain files)
    so a plain database can be exported into an encrypted one; quiet about a wrong key."""
    import sqlcipher3.dbapi2 as module

    conn = module.connect(str(path), timeout=timeout, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key:
            conn.execute(f"PRAGMA key = {_quote(key)}")
        yield conn
    finally:
        conn.close()


def _table_counts(conn) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _check_sqlite_copy(path: Path, key: str | None) -> dict[str, int]:
    """Raises ``ValueError`` (the reason) unless ``path`` opens with ``key``, passes the full
    integrity check and holds a decisionaid schema; returns its tables' row counts."""
    import sqlcipher3.dbapi2 as module

    try:
        with _sqlite(path, key) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise ValueError("it fails its integrity check")
            counts = _table_counts(conn)
    except module.DatabaseError as e:
        if "not a database" in str(e).lower():
            raise ValueError(
                "the key does not open it" if key else "it is encrypted or not a database"
            ) from None
        raise ValueError(f"it is damaged ({e})") from None
    if "alembic_version" not in counts:
        raise ValueError("it holds no decisionaid database")
    return counts


# ---- backup --------------------------------------------------------------------------------


def backup(config, out: Path) -> BackupResult:
    """A checked, private copy of the configured database at ``out``."""
    out = files.check_target(Path(out), "decisionaid-backup.db")
    path = sqlite_path(config.database_url)
    if path is not None:
        return _backup_sqlite(path, config.db_key, out)
    return _backup_postgresql(config.database_url, out)


def _backup_sqlite(path: Path, key: str | None, out: Path) -> BackupResult:
    if _check_sqlite_file(path, key) == "missing":  # damaged or a wrong key: one line
        raise DatabaseError(f"there is no database at {path}: nothing to back up")
    if out.resolve() == path.resolve():
        raise UserError(f"{out} is the database itself: give the backup another name")
    import sqlcipher3.dbapi2 as module

    with files.replacing(out) as tmp:
        try:
            with _sqlite(path, key) as source, _sqlite(tmp, key) as copy:
                # One step: a single read snapshot, so the copy is exactly the database as it
                # was when the backup began; kiosks keep committing meanwhile (WAL).
                source.backup(copy)
                # One self-contained file: no -wal beside it to lose when it is copied.
                copy.execute("PRAGMA journal_mode = DELETE")
        except module.DatabaseError as e:
            if is_damage(e):
                raise damaged(path) from None
            raise DatabaseError(f"cannot back up {path}: {e}") from None
        try:
            _check_sqlite_copy(tmp, key)
        except ValueError as e:
            raise DatabaseError(
                f"the backup of {path} does not pass its check ({e}): the database may be "
                "damaged; keep the last good backup and run 'decisionaid db status'"
            ) from None
        size = tmp.stat().st_size
    log.info("backed up %s to %s (%d bytes)", path, out, size)
    return BackupResult(out, size, bool(key))


def _pg_command(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI for pg_dump/pg_restore (no password on the command line) and its env."""
    u = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = u.password  # never in the arguments, which other accounts can see
    plain = u.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _pg_schema(url: str) -> str:
    """The schema decisionaid's tables are in (the connection's search path)."""
    with connect(url) as db, db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT current_schema()").scalar()


def _run(tool: str, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    exe = shutil.which(tool)
    if exe is None:
        raise UserError(f"{tool} is not installed: install the PostgreSQL client "
                        "(Debian: sudo apt install postgresql-client)")
    return subprocess.run([exe, *args], env=env, capture_output=True, text=True)


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "no reason given"


def _backup_postgresql(url: str, out: Path) -> BackupResult:
    uri, env = _pg_command(url)
    schema = _pg_schema(url)
    with files.replacing(out) as tmp:
        done = _run("pg_dump", ["--format=custom", f"--schema={schema}", f"--file={tmp}",
                                f"--dbname={uri}"], env)
        if done.returncode != 0:
            raise DatabaseError(f"pg_dump could not back up {describe(url)}: "
                                f"{_first_line(done.stderr)}")
        try:
            _check_pg_dump(tmp, env)
        except ValueError as e:
            raise DatabaseError(f"the backup of {describe(url)} does not pass its check ({e})") \
                from None
        size = tmp.stat().st_size
    log.info("backed up %s to %s (%d bytes)", describe(url), out, size)
    return BackupResult(out, size, False)


def _check_pg_dump(path: Path, env: dict[str, str]) -> None:
    done = _run("pg_restore", ["--list", str(path)], env)
    if done.returncode != 0:
        raise ValueError(f"pg_restore cannot read it: {_first_line(done.stderr)}")
    if "alembic_version" not in done.stdout:
        raise ValueError("it holds no decisionaid database")


# ---- nightly --------------------------------------------------------------------------------


def backups_dir() -> Path:
    from decisionaid.config import data_dir

    return data_dir() / "backups"


def nightly_backup(config, keep: int | None = None, *, folder: Path | None = None,
                   now: datetime | None = None) -> Path:
    """Back up into the backups folder of the data folder and keep only the ``keep`` newest
    (default: the ``backup_keep`` setting). Returns the new backup's path."""
    keep = keep if keep is not None else getattr(config, "backup_keep", DEFAULT_KEEP)
    if keep < 1:
        raise UserError("keep at least one backup")
    folder = files.private_dir(Path(folder) if folder else backups_dir())
    suffix = ".db" if sqlite_path(config.database_url) is not None else ".dump"
    base = f"decisionaid-{_stamp(now)}"
    target, n = folder / f"{base}{suffix}", 1
    while target.exists():
        target, n = folder / f"{base}-{n}{suffix}", n + 1
    result = backup(config, target)
    for old in _nightlies(folder)[:-keep]:
        old.unlink(missing_ok=True)
        log.info("removed the old backup %s (keeping the %d newest)", old, keep)
    return result.path


def last_backup(folder: Path | None = None) -> Path | None:
    """The newest nightly backup, if any (for a check of its age)."""
    folder = Path(folder) if folder else backups_dir()
    if not folder.is_dir():
        return None
    ours = _nightlies(folder)
    return ours[-1] if ours else None


def _nightlies(folder: Path) -> list[Path]:
    """The nightly backups in ``folder``, oldest first (by the time in their names)."""
    found = []
    for p in folder.iterdir():
        m = NIGHTLY.fullmatch(p.name)
        if m:
            found.append(((m.group(1), int(m.group(2) or 0)), p))
    return [p for _, p in sorted(found)]


# ---- restore --------------------------------------------------------------------------------


def check_backup(config, file: Path) -> str:
    """One line describing a usable backup ``file``; raises ``UserError`` saying why not."""
    file = Path(file).expanduser()
    if not file.is_file():
        raise UserError(f"no backup file at {file}")
    if sqlite_path(config.database_url) is None:
        _, env = _pg_command(config.database_url)
        try:
            _check_pg_dump(file, env)
        except ValueError as e:
            raise UserError(f"the backup {file} cannot be restored: {e}") from None
        return f"{file} (PostgreSQL custom-format dump)"
    with open(file, "rb") as f:
        plain = f.read(16) == SQLITE_HEADER
    key = config.db_key
    if plain and key:
        raise UserError(f"the backup {file} is not encrypted but db_key is set: it was made "
                        "before the database had a key; remove db_key to restore it, then "
                        "run 'decisionaid db rekey'")
    try:
        counts = _check_sqlite_copy(file, key)
    except ValueError as e:
        hint = (": set db_key to the key it was made with" if "key" in str(e) or
                "encrypted" in str(e) else "")
        raise UserError(f"the backup {file} cannot be restored: {e}{hint}") from None
    visits = counts.get("visits")
    return f"{file}" + (f" ({visits} visits)" if visits is not None else "")


@contextlib.contextmanager
def _sole_user(path: Path, key: str | None) -> Iterator[sqlite3.Connection]:
    """Hold the database for this process alone (or say in one line that it is in use).

    Leaving WAL mode needs every other connection gone, so it both proves no kiosk has the file
    open and folds the write-ahead log into the file; exclusive locking then keeps it so until
    this connection closes (after the file has been replaced).
    """
    import sqlcipher3.dbapi2 as module

    in_use = DatabaseError(
        f"the database {path} is in use: close every kiosk and the peer station that use it, "
        "then run this again"
    )
    with _sqlite(path, key, timeout=IN_USE_WAIT_S) as conn:
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # after: else a journal is left
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")  # the lock stays: locking_mode is EXCLUSIVE
        except module.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise in_use from None
            raise
        if mode != "delete":
            raise in_use
        yield conn


def _keep_beside(path: Path, kept: Path) -> None:
    """``kept`` becomes another name for the current file (a hard link, else a copy)."""
    try:
        os.link(path, kept)
    except OSError:
        shutil.copy2(path, kept)
        os.chmod(kept, files.FILE_MODE)


def restore(config, file: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replace the configured database with the backup ``file`` (checked first); the replaced
    database is kept beside it. Every kiosk and peer station using it must be closed."""
    file = Path(file).expanduser()
    check_backup(config, file)
    path = sqlite_path(config.database_url)
    if path is None:
        return _restore_postgresql(config, file, now)
    key = config.db_key
    try:
        healthy = _check_sqlite_file(path, key) != "missing"
        damaged = False
    except DatabaseError:  # damaged, or not this key: it is replaced all the same, and kept
        healthy, damaged = False, True
    files.private_dir(path.parent)
    kept = None
    with contextlib.ExitStack() as stack:
        if healthy:
            stack.enter_context(_sole_user(path, key))
        with files.replacing(path) as tmp:
            shutil.copyfile(file, tmp)
            try:
                _check_sqlite_copy(tmp, key)
            except ValueError as e:
                raise UserError(f"the copy of {file} did not pass its check ({e})") from None
            if healthy or damaged:
                kept = _kept_name(path, "before-restore", now)
                _keep_beside(path, kept)
            for suffix in ("-wal", "-shm", "-journal"):
                # A log left beside a damaged file must not be replayed into the restored one.
                stale = path.with_name(path.name + suffix)
                if stale.exists() and kept is not None:
                    os.replace(stale, kept.with_name(kept.name + suffix))
                stale.unlink(missing_ok=True)
    log.warning("restored %s from %s%s", path, file,
                f"; the database it replaced is kept at {kept}" if kept else "")
    return RestoreResult(str(path), kept)


def _restore_postgresql(config, file: Path, now: datetime | None) -> RestoreResult:
    url = config.database_url
    uri, env = _pg_command(url)
    folder = files.private_dir(backups_dir())
    kept = folder / f"before-restore-{_stamp(now)}.dump"
    backup(config, kept)
    # Everything but the schema itself: a role that owns the tables but not the schema (such
    # as public) can restore, and nothing else in the schema is dropped.
    listing = _run("pg_restore", ["--list", str(file)], env).stdout
    wanted = [line for line in listing.splitlines() if not SCHEMA_ENTRY.match(line)]
    with tempfile.TemporaryDirectory() as tmp:
        use_list = Path(tmp) / "restore.list"
        use_list.write_text("\n".join(wanted) + "\n", encoding="utf-8")
        done = _run("pg_restore", ["--clean", "--if-exists", "--single-transaction",
                                   "--exit-on-error", "--no-owner", "--no-privileges",
                                   f"--use-list={use_list}", f"--dbname={uri}", str(file)], env)
    if done.returncode != 0:
        raise DatabaseError(f"pg_restore could not restore {file} (nothing was changed): "
                            f"{_first_line(done.stderr)}")
    log.warning("restored %s from %s; the database it replaced is kept at %s",
                describe(url), file, kept)
    return RestoreResult(describe(url), kept)


# ---- rekey ----------------------------------------------------------------------------------


def check_new_key(new_key: str, old_key: str | None) -> None:
    if len(new_key) < 8:
        raise UserError("the new key must have at least 8 characters")
    if any(ord(c) < 32 for c in new_key):
        raise UserError("the new key must not hold control characters (such as a line break)")
    if new_key == old_key:
        raise UserError("the new key is the key the database already has")


def rekey(config, new_key: str, *, now: datetime | None = None) -> Path:
    """Re-encrypt the configured SQLite database with ``new_key`` (or encrypt a plain one).

    The old key must open it (else nothing changes). The new file is proved to open with the
    new key, pass the integrity check and hold every row before it replaces the old one; the
    old file is kept beside it, and its path returned.
    """
    path = sqlite_path(config.database_url)
    if path is None:
        raise UserError("only an SQLite database has a key: protect PostgreSQL with the "
                        "server's disk encryption and TLS")
    old_key = config.db_key
    check_new_key(new_key, old_key)
    if _check_sqlite_file(path, old_key) == "missing":  # a wrong old key stops here
        raise DatabaseError(f"there is no database at {path}: nothing to re-encrypt")
    with _sole_user(path, old_key) as conn, files.replacing(path) as tmp:
        before = _table_counts(conn)
        conn.execute(f"ATTACH DATABASE {_quote(str(tmp))} AS rekeyed KEY {_quote(new_key)}")
        conn.execute("SELECT sqlcipher_export('rekeyed')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        conn.execute("DETACH DATABASE rekeyed")
        try:
            after = _check_sqlite_copy(tmp, new_key)
        except ValueError as e:
            raise DatabaseError(f"the re-encrypted copy did not pass its check ({e}); "
                                f"{path} is unchanged") from None
        if after != before:
            raise DatabaseError(f"the re-encrypted copy does not hold every row; {path} is "
                                "unchanged")
        kept = _kept_name(path, "before-rekey", now)
        _keep_beside(path, kept)
    log.warning("re-encrypted %s with a new key; the old file is kept at %s", path, kept)
    return kept
