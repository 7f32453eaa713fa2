"""An SQLite file before the engine opens it: is it there, plain or encrypted, whole, and does
the key fit. No SQLAlchemy here: the kiosk checks the key (a tenth of a second of SQLCipher's
key derivation, which lets other threads run) while the rest of the storage layer is still
being imported (``KeyCheck``)."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote

from decisionaid.i18n import _
from decisionaid.storage.problems import (
    DatabaseError,
    damaged,
    explain,
    from_os_error,
    remember_salt,
    wrong_key,
)

BUSY_TIMEOUT_S = 10.0
SQLITE_HEADER = b"SQLite format 3\x00"


def _quote(key: str) -> str:
    return "'" + key.replace("'", "''") + "'"


def _looks_random(sample: bytes) -> bool:
    # SQLCipher pages are indistinguishable from random bytes; text, zeros or a half-written
    # file use far fewer distinct byte values (512 random bytes show about 220 of 256).
    return len(set(sample)) >= 128


def _file_state(path: Path) -> str:
    """'missing' (no file or an empty one), 'plain' or 'encrypted'; raises ``damaged`` for a
    file that is neither a whole SQLite database nor something that looks encrypted."""
    try:
        with open(path, "rb") as f:
            first = f.read(4096)
            size = os.fstat(f.fileno()).st_size
    except FileNotFoundError:
        return "missing"
    except OSError as e:
        raise from_os_error(e, path, "read") from None
    if not first:
        return "missing"
    if first[:16] == SQLITE_HEADER:
        _check_plain_header(path, first, size)
        return "plain"
    # An encrypted file is whole pages (512 bytes at the least) of random-looking bytes.
    if size < 512 or size % 512:
        raise damaged(path, "it is not a whole database file")
    if not _looks_random(first[:512]):
        raise damaged(path, "it is not an SQLite database, and does not look encrypted")
    return "encrypted"


def _check_plain_header(path: Path, first: bytes, size: int) -> None:
    """Catch a cut-off SQLite file from its header: page size, and the page count it records."""
    if len(first) < 100:
        raise damaged(path, "the file is cut short")
    page_size = int.from_bytes(first[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise damaged(path, "its header is broken")
    if size % page_size:
        raise damaged(path, "the file is cut short")
    pages = int.from_bytes(first[28:32], "big")
    counter, valid_for = first[24:28], first[92:96]
    logs = [path.with_name(path.name + suffix) for suffix in ("-wal", "-journal")]
    # With a write-ahead log (or a journal left by a crash) the file may legitimately differ
    # until SQLite has replayed it.
    if counter == valid_for and pages * page_size > size and not any(map(_nonempty, logs)):
        raise damaged(path, f"the file is cut short: {size} of {pages * page_size} bytes")


def _nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _check_sqlite_file(path: Path, key: str | None) -> str:
    """Refuse, in one line, a key that does not fit the file; never create a second file."""
    state, opened = _open_checked(path, key)
    if opened is not None:
        opened.close()
    return state


def _open_checked(path: Path, key: str | None):
    """``_check_sqlite_file``, and for an encrypted file the connection that checked the key,
    left open for the engine (None otherwise): deriving a key from it takes SQLCipher a tenth
    of a second, on every connection, so the kiosk's start does it once, not twice."""
    state = _file_state(path)
    if state == "encrypted" and not key:
        raise DatabaseError(
            _("the database {path} is encrypted: set its key (put it back in the key file from "
              "the clinic's safe copy, or set db_key or DECISIONAID_DB_KEY; docs/install.md, The "
              "database key); if it never had a key, it is damaged: restore a backup with "
              "'decisionaid restore'", path=path)
        )
    if state == "plain" and key:
        raise DatabaseError(
            _("the database {path} is not encrypted, but a database key is set: encrypt it with "
              "that key by running 'decisionaid db encrypt', or point database_url at the "
              "encrypted database", path=path)
        )
    if state != "encrypted":
        return state, None
    import sqlcipher3.dbapi2 as module

    # mode=rw: the file must be there already (a file removed meanwhile is not made again).
    conn = module.connect(f"file:{path}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S,
                          isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # the line below says it all
        conn.execute(f"PRAGMA key = {_quote(key)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        remember_salt(path)  # so a damaged salt is later told from another key
    except module.DatabaseError as e:
        conn.close()
        # A wrong key, a damaged page, a full disk (no room for the -shm), a folder of
        # another account: each its own line.
        problem = explain(e, path, key, "open")
        if problem.cause == "other" and "not a database" in str(e).lower():
            raise wrong_key(path) from None
        raise problem from None
    except BaseException:
        conn.close()
        raise
    return state, conn


_PLAIN_FILE_URL = re.compile(r"sqlite:///([^?#]+)")


class KeyCheck:
    """``_open_checked`` for the SQLite file of ``url``, started at once in a thread of its own;
    ``take(path)`` waits for it and hands over its answer (raising what it raised), or None
    when it checked another file than ``path`` (the engine's reading of the URL decides)."""

    def __init__(self, url: str, key: str | None):
        match = _PLAIN_FILE_URL.fullmatch(url)
        self.path = Path(unquote(match.group(1))).expanduser() if match else None
        self._result: tuple | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(key,), name="key-check", daemon=True)
        if self.path is not None and not self.path.is_dir():
            self._thread.start()

    def _run(self, key: str | None) -> None:
        try:
            self._result = _open_checked(self.path, key)
        except BaseException as e:  # handed to the thread that takes the answer
            self._error = e

    def take(self, path: Path):
        """(state, connection or None) for ``path``; None when this check was not of it."""
        if not self._thread.ident:
            return None
        self._thread.join()
        result, self._result = self._result, None
        if path != self.path:
            if result is not None and result[1] is not None:
                result[1].close()
            return None
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return result

    def close(self) -> None:
        """Not needed after all (the content failed, say): its connection is closed."""
        if self._thread.ident:
            self._thread.join()
        result, self._result = self._result, None
        if result is not None and result[1] is not None:
            result[1].close()
