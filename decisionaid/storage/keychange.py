"""Changing the database key, and encrypting a plain database, with no readable copy left.

``rekey`` re-encrypts an SQLite database into a new file with ``sqlcipher_export``, proves the
new key opens it with every row, and only then renames it into place; the old file is kept
beside it while it is encrypted (with the old key), and is simply gone when it was plain.
``encrypt`` is the one command for a database made before encryption was the default: the
key is the configured one, or a new random key written to the key file just before the
encrypted file takes the database's place. The plain copies the program made before then
(nightly backups, the copy before an upgrade, a restore or a key change) are sealed with the
key in their place.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from decisionaid import files
from decisionaid.errors import UserError
from decisionaid.i18n import _
from decisionaid.storage import sealed
from decisionaid.storage.backup import (
    NIGHTLY,
    _check_sqlite_copy,
    _inner_file,
    _keep_beside,
    _kept_name,
    _sole_user,
    _sqlite,
    _table_counts,
    backups_dir,
    export_encrypted,
)
from decisionaid.storage.database import (
    SQLITE_HEADER,
    DatabaseError,
    _check_sqlite_file,
    _file_state,
    glob_escape,
    sqlite_path,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Encrypted:
    database: Path
    key_file: Path | None  # where the key is kept, when this wrote it or it came from a file
    copies: tuple[Path, ...] = ()  # older plain copies, now sealed with the key


def check_new_key(new_key: str, old_key: str | None) -> None:
    if len(new_key) < 8:
        raise UserError(_("the new key must have at least 8 characters"))
    if any(ord(c) < 32 for c in new_key):
        raise UserError(_("the new key must not hold control characters (such as a line break)"))
    if new_key == old_key:
        raise UserError(_("the new key is the key the database already has"))


def _sqlite_file(config) -> Path:
    path = sqlite_path(config.database_url)
    if path is None:
        raise UserError(_("only an SQLite database file has a key: protect PostgreSQL with the "
                          "server's disk encryption and TLS (its dumps are sealed with the key "
                          "in the key file)"))
    return path


def rekey(config, new_key: str, *, now: datetime | None = None,
          before_swap: Callable[[], None] | None = None) -> Path | None:
    """Re-encrypt the configured SQLite database with ``new_key`` (or encrypt a plain one).

    The old key must open it (else nothing changes). The new file is proved to open with the
    new key, pass the integrity check and hold every row before it replaces the old one;
    ``before_swap`` runs just before that (to keep the new key). An encrypted old file is kept
    beside it, and its path returned; a plain one is not kept (None).
    """
    path = _sqlite_file(config)
    old_key = config.db_key
    check_new_key(new_key, old_key)
    if _check_sqlite_file(path, old_key) == "missing":  # a wrong old key stops here
        raise DatabaseError(_("there is no database at {path}: nothing to re-encrypt", path=path))
    kept = None
    with _sole_user(path, old_key) as conn, files.replacing(path) as tmp:
        before = _table_counts(conn)
        export_encrypted(conn, tmp, new_key)
        try:
            after = _check_sqlite_copy(tmp, new_key)
        except ValueError as e:
            raise DatabaseError(_("the re-encrypted copy did not pass its check ({error}); {path} is "
                                  "unchanged", error=e, path=path)) from None
        if after != before:
            raise DatabaseError(_("the re-encrypted copy does not hold every row; {path} is "
                                  "unchanged", path=path))
        if old_key:
            kept = _kept_name(path, "before-rekey", now)
            _keep_beside(path, kept, None)  # already encrypted, with the old key
        if before_swap is not None:
            before_swap()
    _reseal_kept_calls(old_key, new_key)
    if kept:
        log.warning("re-encrypted %s with a new key; the old file is kept at %s", path, kept)
    else:
        log.warning("encrypted %s; no plain copy of it is kept", path)
    return kept


def encrypt(config, *, now: datetime | None = None) -> Encrypted:
    """Encrypt the configured plain SQLite database in place (see the module docstring)."""
    from decisionaid import secret_files

    path = _sqlite_file(config)
    if getattr(config, "plain_database", False):
        where = config.source or "the configuration"
        raise UserError(_("plain_database = true is set in {where}: remove that line, then run "
                          "'decisionaid db encrypt' again", where=where))
    state = _file_state(path)
    if state == "missing":
        raise DatabaseError(_("there is no database at {path}: a new one is made encrypted",
                              path=path))
    if state == "encrypted":
        _check_sqlite_file(path, config.db_key)  # a wrong or missing key: that line instead
        raise UserError(_("the database {path} is already encrypted: to change its key, run "
                          "'decisionaid db rekey'", path=path), exit_code=0)
    key_file = getattr(config, "db_key_file", None)
    key = config.db_key
    write_to = None
    if key is None:
        if key_file is None:
            raise UserError(_("no key file is configured: set db_key_file, or db_key"))
        key, write_to = secret_files.new_key(), key_file
    plain = _plain_config(config)

    def keep_key() -> None:
        if write_to is not None:
            secret_files.write_key(write_to, key)

    rekey(plain, key, now=now, before_swap=keep_key)
    from_file = config.key_from == str(key_file) if key_file else False
    copies = tuple(c for c in plain_copies(path) if _seal_copy(c, key))
    return Encrypted(path, write_to or (key_file if from_file else None), copies)


def _reseal_kept_calls(old_key: str | None, new_key: str) -> None:
    """The kiosk's kept calls for a peer worker follow the database to its new key (a call
    waiting there must still reach the station); a file neither key opens is left as it is,
    and the kiosk sets it aside, logged, when it starts."""
    from decisionaid.config import data_dir

    path = data_dir() / files.HELP_OUTBOX
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as e:
        log.error("could not re-seal the kiosk's kept calls %s: %s", path, e.strerror)
        return
    try:
        payload = sealed.unseal_bytes(raw, old_key or "") if sealed.is_sealed(path) else raw
        files.write_private(path, sealed.Sealer(new_key).seal_bytes(payload))
    except (ValueError, OSError, UserError) as e:
        log.error("could not re-seal the kiosk's kept calls %s (%s)", path, type(e).__name__)


def plain_copies(path: Path, folder: Path | None = None) -> list[Path]:
    """The copies of the database at ``path`` the program made while it was plain and that are
    still readable: beside it (before an upgrade, a restore, a key change) and the nightly
    backups (in ``folder``, by default the data folder's backups/)."""
    name = glob_escape(path.name)
    found = [p for pattern in (f"{name}.backup-*", f"{name}.before-restore-*",
                               f"{name}.before-rekey-*") for p in path.parent.glob(pattern)]
    folder = folder or backups_dir()
    if folder.is_dir():
        found += [p for p in folder.iterdir() if NIGHTLY.fullmatch(p.name) or
                  p.name.startswith("before-restore-")]
    return sorted(p for p in set(found) if p.is_file() and _readable(p))


def _readable(path: Path) -> bool:
    """A plain SQLite file, or a log beside one; not one already sealed or encrypted."""
    if path.name.endswith(("-wal", "-journal")):
        return not sealed.is_sealed(path)
    try:
        with open(path, "rb") as f:
            return f.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _seal_copy(copy: Path, key: str) -> bool:
    """Replace the plain ``copy`` with a sealed one: an SQLite database is encrypted first, so
    it restores like any backup; anything else (a log, a damaged file) is sealed as it is."""
    try:
        with files.replacing(copy) as tmp:
            with open(copy, "rb") as f:
                is_database = f.read(16) == SQLITE_HEADER
            if is_database and _encrypted_into(copy, key, tmp):
                return True
            sealed.seal_file(copy, tmp, key)
        return True
    except (OSError, UserError) as e:
        log.warning("could not seal the old copy %s: %s", copy, e)
        return False


def _encrypted_into(copy: Path, key: str, tmp: Path) -> bool:
    """``copy`` (a plain SQLite file) encrypted with ``key`` and sealed into ``tmp``; False
    when it cannot be read as a database."""
    import sqlcipher3.dbapi2 as module

    with _inner_file(tmp) as inner:
        try:
            with _sqlite(copy, None) as conn:
                export_encrypted(conn, inner, key)
            _check_sqlite_copy(inner, key)
        except (module.DatabaseError, ValueError):
            return False
        sealed.seal_file(inner, tmp, key)
    return True


def _plain_config(config):
    from dataclasses import replace

    try:
        return replace(config, db_key=None)
    except TypeError:  # a plain namespace (tests, scripts)
        from types import SimpleNamespace

        return SimpleNamespace(**{**vars(config), "db_key": None})


def replace_key_file(path: Path, key: str) -> None:
    """Put ``key`` in the key file ``path`` in one step (a new private file renamed over it)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.write(fd, (key + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(name, path)
