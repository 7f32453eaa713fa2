"""Backups that restore, and changing the database key.

``backup`` makes a consistent copy while kiosks keep writing: SQLite's online backup API in one
step (one read snapshot; in WAL mode writers are not held up), encrypted with the same key, or
``pg_dump --format=custom`` of the schema decisionaid uses. With a database key (every install
unless ``plain_database`` is set) the copy is then sealed (``storage.sealed``: AES-GCM, a key
derived from the database key), pg_dump's output straight from its pipe, so no readable copy
ever touches the disk. The copy is checked before it takes its name (``PRAGMA
integrity_check``; ``pg_restore --list``) and is 0600. ``restore`` checks the file first (a
wrong key or a sealed file changed since it was written is refused in one line) and keeps the
database it replaces beside it, timestamped and sealed; a plain backup made before the
database was encrypted is encrypted with the key on its way in. ``nightly_backup`` is the
close-of-day copy kept in the data folder, pruned to the newest N. (Changing the key:
``storage.keychange``.)
"""

from __future__ import annotations

import contextlib
import itertools
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
from decisionaid.i18n import N_, _, ngettext
from decisionaid.storage import sealed
from decisionaid.storage.database import (
    SQLITE_HEADER,
    DatabaseError,
    _check_sqlite_file,
    _quote,
    connect,
    describe,
    sqlite_path,
)
from decisionaid.storage.problems import (
    FULL_BELOW_BYTES,
    damaged,
    disk_full,
    explain,
    free_bytes,
    no_permission,
)

log = logging.getLogger(__name__)

DEFAULT_KEEP = 7
NIGHTLY = re.compile(r"decisionaid-(\d{8}T\d{6})(?:-(\d+))?\.(?:db|dump)")
SCHEMA_ENTRY = re.compile(r"\d+; \d+ \d+ (SCHEMA|COMMENT - SCHEMA) ")
IN_USE_WAIT_S = 2.0  # how long rekey and restore wait for other users of the file to go
# Why a backup with no key set does not open (marked here, translated where raised).
KEYLESS = N_("it is encrypted or not a database")


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


def export_encrypted(conn, target: Path, key: str) -> None:
    """Write the database open on ``conn`` into the empty file ``target``, encrypted with
    ``key`` (``sqlcipher_export``, with its schema version)."""
    conn.execute(f"ATTACH DATABASE {_quote(str(target))} AS exported KEY {_quote(key)}")
    conn.execute("SELECT sqlcipher_export('exported')")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA exported.user_version = {int(version)}")
    conn.execute("DETACH DATABASE exported")


def _is_plain_sqlite(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(16) == SQLITE_HEADER


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
                raise ValueError(_("it fails its integrity check"))
            counts = _table_counts(conn)
    except (module.DatabaseError, UnicodeDecodeError) as e:
        problem = explain(e, path, key, "check")
        if problem.cause in ("full", "permission", "locked", "disk"):
            raise problem from None  # not the copy's fault: say what is
        if "not a database" in str(e).lower() and problem.cause != "damaged":
            raise ValueError(_("the key does not open it") if key else _(KEYLESS)) from None
        raise ValueError(_("it is damaged ({error})", error=e)) from None
    if "alembic_version" not in counts:
        raise ValueError(_("it holds no decisionaid database"))
    return counts


# ---- backup --------------------------------------------------------------------------------


def backup(config, out: Path) -> BackupResult:
    """A checked, private copy of the configured database at ``out``."""
    out = files.check_target(Path(out), "decisionaid-backup.db")
    files.remove_stale_parts(out.parent, f"{out.name}.")  # left by a backup killed half-way
    path = sqlite_path(config.database_url)
    if path is not None:
        return _backup_sqlite(path, config.db_key, out)
    return _backup_postgresql(config.database_url, out, getattr(config, "db_key", None))


@contextlib.contextmanager
def _inner_file(beside: Path) -> Iterator[Path]:
    """A fresh private file in ``beside``'s folder for a copy on its way into a sealed file
    (encrypted by SQLCipher meanwhile); removed afterwards, with any journal SQLite left."""
    fd, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=".inner", dir=beside.parent)
    os.close(fd)
    inner = Path(name)
    try:
        yield inner
    finally:
        for p in (inner, *(inner.with_name(inner.name + s) for s in ("-journal", "-wal", "-shm"))):
            p.unlink(missing_ok=True)


def _backup_sqlite(path: Path, key: str | None, out: Path) -> BackupResult:
    if _check_sqlite_file(path, key) == "missing":  # damaged or a wrong key: one line
        raise DatabaseError(_("there is no database at {path}: nothing to back up", path=path))
    if out.resolve() == path.resolve():
        raise UserError(_("{out} is the database itself: give the backup another name", out=out))
    with files.replacing(out) as tmp, contextlib.ExitStack() as stack:
        copy_path = stack.enter_context(_inner_file(tmp)) if key else tmp
        _copy_sqlite(path, key, copy_path)
        if key:
            sealed.seal_file(copy_path, tmp, key)
            sealed.verify(tmp, key)
        size = tmp.stat().st_size
    log.info("backed up %s to %s (%d bytes%s)", path, out, size, ", sealed" if key else "")
    return BackupResult(out, size, bool(key))


def _copy_sqlite(path: Path, key: str | None, tmp: Path) -> None:
    """A checked copy of the database at ``path`` in the (empty) file ``tmp``."""
    import sqlcipher3.dbapi2 as module

    try:
        with _sqlite(path, key) as source, _sqlite(tmp, key) as copy:
            # One step: a single read snapshot, so the copy is exactly the database as it
            # was when the backup began; kiosks keep committing meanwhile (WAL).
            source.backup(copy)
            # One self-contained file: no -wal beside it to lose when it is copied.
            copy.execute("PRAGMA journal_mode = DELETE")
    except (module.DatabaseError, UnicodeDecodeError) as e:  # (a schema text unreadable)
        raise _backup_problem(e, path, tmp, key) from None
    try:
        _check_sqlite_copy(tmp, key)
    except ValueError as e:
        if "damaged" in str(e) or "integrity" in str(e):  # a faithful copy of a damaged file
            raise damaged(path, "it fails the full integrity check") from None
        raise DatabaseError(
            _("the backup of {path} does not pass its check ({error}): keep the last good backup and "
              "run 'decisionaid db status'", path=path, error=e)
        ) from None


def _backup_problem(error, path: Path, out: Path, key: str | None) -> DatabaseError:
    """Why an SQLite backup failed: the backup's disk or folder, else the database's."""
    if free_bytes(out.parent) < FULL_BELOW_BYTES:
        return disk_full(out)
    if not os.access(out.parent, os.W_OK | os.X_OK):
        return no_permission(out, "write")
    problem = explain(error, path, key, "back up")
    if problem.cause == "other":
        return DatabaseError(_("cannot back up {path}: {error}", path=path, error=error))
    return problem


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


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        raise UserError(_("{name} is not installed: install the PostgreSQL client (Debian: sudo "
                          "apt install postgresql-client)", name=name))
    return exe


def _run(tool: str, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([_tool(tool), *args], env=env, capture_output=True, text=True)


def _run_fed(tool: str, args: list[str], env: dict[str, str], file: Path,
             key: str) -> subprocess.CompletedProcess:
    """``tool`` reading the payload of the sealed ``file`` on its standard input, so the
    readable dump only ever passes through a pipe. A wrong key or a changed file raises
    (``sealed.WrongKey``/``Tampered``) and stops the tool before it finishes."""
    with open(file, "rb") as source, tempfile.TemporaryFile() as out, \
            tempfile.TemporaryFile() as err:
        chunks = sealed.unseal(source, key)
        first = next(chunks, b"")  # a wrong key: raised before the tool starts
        proc = subprocess.Popen([_tool(tool), *args], env=env, stdin=subprocess.PIPE,
                                stdout=out, stderr=err)
        try:
            for chunk in itertools.chain([first], chunks):
                proc.stdin.write(chunk)
        except BrokenPipeError:
            pass  # the tool stopped reading (a listing needs only the start): its status says
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.close()
        code = proc.wait()
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(args, code, out.read().decode(errors="replace"),
                                           err.read().decode(errors="replace"))


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "no reason given"


def _backup_postgresql(url: str, out: Path, key: str | None) -> BackupResult:
    uri, env = _pg_command(url)
    schema = _pg_schema(url)
    args = ["--format=custom", f"--schema={schema}", f"--dbname={uri}"]
    with files.replacing(out) as tmp:
        done = _pg_dump_sealed(args, env, tmp, key) if key else \
            _run("pg_dump", [*args, f"--file={tmp}"], env)
        if done.returncode != 0:
            raise DatabaseError(_("pg_dump could not back up {database}: {reason}",
                                  database=describe(url), reason=_first_line(done.stderr)))
        try:
            if key:
                sealed.verify(tmp, key)
            _check_pg_dump(tmp, env, key)
        except ValueError as e:
            raise DatabaseError(_("the backup of {database} does not pass its check ({error})",
                                  database=describe(url), error=e)) \
                from None
        size = tmp.stat().st_size
    log.info("backed up %s to %s (%d bytes%s)", describe(url), out, size,
             ", sealed" if key else "")
    return BackupResult(out, size, bool(key))


def _pg_dump_sealed(args: list[str], env: dict[str, str], tmp: Path,
                    key: str) -> subprocess.CompletedProcess:
    """pg_dump writing into a pipe, sealed on its way to ``tmp``: never readable on disk."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([_tool("pg_dump"), *args], env=env, stdout=subprocess.PIPE,
                                stderr=err)
        try:
            with open(tmp, "wb") as target:
                sealed.seal(proc.stdout, target, key)
                target.flush()
                os.fsync(target.fileno())
        except BaseException:
            proc.kill()
            raise
        finally:
            proc.stdout.close()
            code = proc.wait()
        err.seek(0)
        return subprocess.CompletedProcess(args, code, "", err.read().decode(errors="replace"))


def _list_pg_dump(path: Path, env: dict[str, str], key: str | None) -> subprocess.CompletedProcess:
    if key and sealed.is_sealed(path):
        return _run_fed("pg_restore", ["--list"], env, path, key)
    return _run("pg_restore", ["--list", str(path)], env)


def _check_pg_dump(path: Path, env: dict[str, str], key: str | None = None) -> None:
    done = _list_pg_dump(path, env, key)
    if done.returncode != 0:
        raise ValueError(_("pg_restore cannot read it: {reason}",
                           reason=_first_line(done.stderr)))
    if "alembic_version" not in done.stdout:
        raise ValueError(_("it holds no decisionaid database"))


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
        raise UserError(_("keep at least one backup"))
    folder = files.private_dir(Path(folder) if folder else backups_dir())
    files.remove_stale_parts(folder)
    suffix = backup_suffix(config)
    base = f"decisionaid-{_stamp(now)}"
    target, n = folder / f"{base}{suffix}", 1
    while target.exists():
        target, n = folder / f"{base}-{n}{suffix}", n + 1
    result = backup(config, target)
    for old in _nightlies(folder)[:-keep]:
        old.unlink(missing_ok=True)
        log.info("removed the old backup %s (keeping the %d newest)", old, keep)
    return result.path


def backup_suffix(config) -> str:
    """How the nightly backups of the configured database end: .db (SQLite) or .dump."""
    return ".db" if sqlite_path(config.database_url) is not None else ".dump"


def last_backup(folder: Path | None = None, suffix: str | None = None) -> Path | None:
    """The newest nightly backup, if any (for a check of its age); with ``suffix``, the newest
    of that kind (an SQLite file is no backup of a PostgreSQL database)."""
    folder = Path(folder) if folder else backups_dir()
    if not folder.is_dir():
        return None
    ours = [p for p in _nightlies(folder) if suffix is None or p.suffix == suffix]
    return ours[-1] if ours else None


def _nightlies(folder: Path) -> list[Path]:
    """The nightly backups in ``folder``, oldest first (by the time in their names)."""
    found = []
    for p in folder.iterdir():
        m = NIGHTLY.fullmatch(p.name)
        if m:
            found.append(((m.group(1), int(m.group(2) or 0)), p))
    return [p for _order, p in sorted(found)]


# ---- restore --------------------------------------------------------------------------------


def check_backup(config, file: Path) -> str:
    """One line describing a usable backup ``file``; raises ``UserError`` saying why not."""
    file = Path(file).expanduser()
    if not file.is_file():
        raise UserError(_("no backup file at {file}", file=file))
    key = getattr(config, "db_key", None)
    is_sealed = sealed.is_sealed(file)
    if is_sealed:
        _check_seal(config, file)
    if sqlite_path(config.database_url) is None:
        _command, env = _pg_command(config.database_url)
        try:
            _check_pg_dump(file, env, key)
        except ValueError as e:
            raise UserError(_("the backup {file} cannot be restored: {error}",
                              file=file, error=e)) from None
        if is_sealed:
            return _("{file} (PostgreSQL custom-format dump, sealed)", file=file)
        return _("{file} (PostgreSQL custom-format dump)", file=file)
    if is_sealed:
        with _inner_file(_work_place(config)) as inner:
            _unseal(config, file, inner)
            return _describe_sqlite_copy(file, inner, key)
    return _describe_sqlite_copy(file, file, key)


def _work_place(config) -> Path:
    """A name in the database's folder (made private if new): where an unsealed copy, still
    encrypted by SQLCipher, is checked on its way in."""
    path = sqlite_path(config.database_url)
    files.private_dir(path.parent)
    return path


def _check_seal(config, file: Path) -> None:
    """One line unless the sealed ``file`` opens with the configured key and is whole."""
    try:
        sealed.verify(file, _key_for(config, file))
    except ValueError as e:
        raise _refused(config, file, e) from None


def _key_for(config, file: Path) -> str:
    key = getattr(config, "db_key", None)
    if not key:
        raise UserError(_("the backup {file} is encrypted and no database key is set: put the "
                          "key it was made with in the key file or db_key (docs/install.md, The "
                          "database key)", file=file))
    return key


def _refused(config, file: Path, error: ValueError) -> UserError:
    if isinstance(error, sealed.WrongKey):
        where = getattr(config, "key_from", None) or "db_key"
        return UserError(_("the backup {file} does not open with the database key from {where}: "
                           "it was made with another key (or its first bytes were damaged); set "
                           "the key it was made with and run this again", file=file, where=where))
    return UserError(_("the backup {file} is refused: {error}, so it may have been tampered with "
                       "or damaged; use another backup", file=file, error=error))


def _unseal(config, file: Path, target: Path) -> None:
    try:
        sealed.unseal_file(file, target, _key_for(config, file))
    except ValueError as e:
        raise _refused(config, file, e) from None


def _describe_sqlite_copy(file: Path, copy: Path, key: str | None) -> str:
    """One line about the backup ``file`` (whose SQLite database is ``copy``), or why not."""
    plain = _is_plain_sqlite(copy)
    try:
        counts = _check_sqlite_copy(copy, None if plain else key)
    except ValueError as e:
        if "key" in str(e) or "encrypted" in str(e) or str(e) in (_("the key does not open it"),
                                                                   _(KEYLESS)):
            raise UserError(_("the backup {file} cannot be restored: {error}: set db_key to the "
                              "key it was made with", file=file, error=e)) from None
        raise UserError(_("the backup {file} cannot be restored: {error}",
                          file=file, error=e)) from None
    visits = counts.get("visits")
    what = [ngettext("{n} visit", "{n} visits", visits)] if visits is not None else []
    if plain and key:
        what.append(_("not encrypted: it is encrypted with the database key as it is restored"))
    return f"{file}" + (f" ({'; '.join(what)})" if what else "")


def backup_database_id(config, file: Path) -> str | None:
    """The id of the database ``file`` is a backup of (None: made before databases had
    one). Call ``check_backup`` first: this assumes the file opens."""
    file = Path(file).expanduser()
    key = getattr(config, "db_key", None)
    if sqlite_path(config.database_url) is None:
        _command, env = _pg_command(config.database_url)
        args = ["--data-only", "--table=database_identity", "--file=-"]
        done = (_run_fed("pg_restore", args, env, file, key) if key and sealed.is_sealed(file)
                else _run("pg_restore", [*args, str(file)], env))
        lines = iter(done.stdout.splitlines())
        for line in lines:
            if line.startswith("COPY ") and "database_identity" in line:
                row = next(lines, "\\.")
                return None if row == "\\." else row.split("\t")[0]
        return None
    with contextlib.ExitStack() as stack:
        copy = file
        if sealed.is_sealed(file):
            copy = stack.enter_context(_inner_file(_work_place(config)))
            _unseal(config, file, copy)
        conn = stack.enter_context(_sqlite(copy, None if _is_plain_sqlite(copy) else key))
        try:
            row = conn.execute("SELECT id FROM database_identity").fetchone()
        except Exception as e:  # an older backup: no such table
            if "no such table" in str(e):
                return None
            raise
    return row[0] if row else None


@contextlib.contextmanager
def _sole_user(path: Path, key: str | None) -> Iterator[sqlite3.Connection]:
    """Hold the database for this process alone (or say in one line that it is in use).

    Leaving WAL mode needs every other connection gone, so it both proves no kiosk has the file
    open and folds the write-ahead log into the file; exclusive locking then keeps it so until
    this connection closes (after the file has been replaced).
    """
    import sqlcipher3.dbapi2 as module

    in_use = DatabaseError(
        _("the database {path} is in use: close every kiosk and the peer station that use it, "
          "then run this again", path=path)
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
            raise explain(e, path, key) from None
        if mode != "delete":
            raise in_use
        yield conn


def _keep_beside(path: Path, kept: Path, key: str | None) -> None:
    """``kept`` becomes a sealed copy of the file at ``path``, its bytes as they are (it may be
    damaged); without a key (plain storage, on purpose), another name for the file."""
    if key:
        fd = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL, files.FILE_MODE)
        os.close(fd)
        try:
            sealed.seal_file(path, kept, key)
        except BaseException:
            kept.unlink(missing_ok=True)
            raise
        return
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
            if sealed.is_sealed(file):
                _unseal(config, file, tmp)
            elif key and _is_plain_sqlite(file):  # made before the database was encrypted
                with _sqlite(file, None) as conn:
                    export_encrypted(conn, tmp, key)
            else:
                shutil.copyfile(file, tmp)
            try:
                _check_sqlite_copy(tmp, key)
            except ValueError as e:
                raise UserError(_("the copy of {file} did not pass its check ({error})",
                                  file=file, error=e)) from None
            if healthy or damaged:
                kept = _kept_name(path, "before-restore", now)
                _keep_beside(path, kept, key)
            for suffix in ("-wal", "-shm", "-journal"):
                # A log left beside a damaged file must not be replayed into the restored one.
                stale = path.with_name(path.name + suffix)
                if stale.exists() and kept is not None:
                    _keep_beside(stale, kept.with_name(kept.name + suffix), key)
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
    key = getattr(config, "db_key", None)
    fed = sealed.is_sealed(file)
    listing = _list_pg_dump(file, env, key).stdout
    wanted = [line for line in listing.splitlines() if not SCHEMA_ENTRY.match(line)]
    with tempfile.TemporaryDirectory() as tmp:
        use_list = Path(tmp) / "restore.list"
        use_list.write_text("\n".join(wanted) + "\n", encoding="utf-8")
        args = ["--clean", "--if-exists", "--single-transaction", "--exit-on-error",
                "--no-owner", "--no-privileges", f"--use-list={use_list}", f"--dbname={uri}"]
        try:
            # A sealed dump reaches pg_restore through a pipe, proved chunk by chunk; a chunk
            # that fails stops it, and the single transaction leaves the database as it was.
            done = _run_fed("pg_restore", args, env, file, _key_for(config, file)) if fed \
                else _run("pg_restore", [*args, str(file)], env)
        except ValueError as e:
            raise _refused(config, file, e) from None
    if done.returncode != 0:
        raise DatabaseError(_("pg_restore could not restore {file} (nothing was changed): "
                              "{reason}", file=file, reason=_first_line(done.stderr)))
    log.warning("restored %s from %s; the database it replaced is kept at %s",
                describe(url), file, kept)
    return RestoreResult(describe(url), kept)
