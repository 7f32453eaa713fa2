"""Files that hold health data: private modes, and output written so nobody can plant a file.

Every process sets ``private_umask()`` first, so whatever it creates (database, its -wal and
-shm, reports, exports, backups, logs, temporary print files) is 0600 in 0700 folders. Output
goes through ``write_private``/``open_private``: a fresh temporary file made with O_EXCL in the
target folder (``tempfile.mkstemp``, so a planted symlink or file is never followed or reused),
flushed to disk, then renamed over the target.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from decisionaid.errors import UserError
from decisionaid.i18n import N_, _

log = logging.getLogger(__name__)

# What an error line says could not be done ("cannot {doing} {where}"): the verbs callers pass
# as ``doing``, marked here for the catalogue and translated where the line is made.
VERBS = (N_("use"), N_("write"), N_("read"), N_("open"), N_("create"), N_("check"),
         N_("back up"))

FILE_MODE = 0o600
DIR_MODE = 0o700
UMASK = 0o077
# The kiosk's calls for a peer worker, kept in its data folder until delivered
# (services/help_outbox.py); sealed with the database key, so a key change re-seals it.
HELP_OUTBOX = "help-outbox.json"


def private_umask() -> int:
    """Make files this process creates private to its user; returns the previous umask."""
    return os.umask(UMASK)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk (not possible on Windows).
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # some file systems (USB sticks, network shares) cannot; the file is there
        pass


def check_target(path: Path, example: str = "file") -> Path:
    """One line, before any work, if ``path`` cannot be an output file."""
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if path.is_dir():
            raise UserError(_("{path} is a folder: give a file name, e.g. {example}",
                              path=path, example=path / example))
        if not folder.is_dir():
            raise UserError(_("cannot write {path}: the folder {folder} does not exist",
                              path=path, folder=folder))
    except OSError as e:  # a folder of another account, which this one may not even look in
        raise UserError(os_error_line(e, path)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(os_error_line(PermissionError(13, "permission denied"), path))
    return path


def os_error_line(error: OSError, path: Path | str | None = None, doing: str = "write") -> str:
    """One line for an ``OSError`` on ``path`` that says what to do: a full disk, a folder
    of another account and a symlink where a file belongs are each told as such."""
    where = path if path is not None else (error.filename or _("a file"))
    doing = _(doing)  # one of VERBS
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return _("cannot {doing} {where}: the disk is full; free space there (old exports, "
                 "reports, backups kept elsewhere), then try again", doing=doing, where=where)
    if error.errno in (errno.EACCES, errno.EPERM):
        owner = _owner_of(Path(where))
        if owner:
            return _("cannot {doing} {where}: permission denied (it belongs to {owner}); give it "
                     "to the account that runs decisionaid (chown), or run decisionaid as that "
                     "account", doing=doing, where=where, owner=owner)
        return _("cannot {doing} {where}: permission denied; give it to the account that runs "
                 "decisionaid (chown), or run decisionaid as that account",
                 doing=doing, where=where)
    if error.errno == errno.EROFS:
        return _("cannot {doing} {where}: the disk is read-only; check how it is mounted",
                 doing=doing, where=where)
    if error.errno == errno.ELOOP:
        return _("cannot {doing} {where}: it is a symbolic link, which decisionaid does not "
                 "follow for private files; remove the link", doing=doing, where=where)
    return _("cannot {doing} {where}: {reason}", doing=doing, where=where,
             reason=error.strerror or error)


def _owner_of(path: Path) -> str | None:
    """Who owns ``path`` or, when it does not exist, the nearest folder above it."""
    try:
        import pwd

        while not os.path.exists(path) and path != path.parent:  # False when not allowed in
            path = path.parent
        return pwd.getpwuid(path.stat().st_uid).pw_name
    except (ImportError, KeyError, OSError):
        return None


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A fresh temporary file (mkstemp: O_EXCL, mode 0600) beside ``path`` for the block to
    fill; it becomes ``path`` (flushed to disk, then renamed) when the block ends without an
    error. On an error nothing is left behind and ``path`` is unchanged; an ``OSError`` (full
    disk, no permission) becomes one ``UserError`` line."""
    path = check_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        import tempfile  # here: every process sets the umask at its start, few write a file

        held, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART, dir=folder)
    except OSError as e:
        raise UserError(os_error_line(e, folder)) from None
    # Held while the file is filled: a .part nobody holds was left by a killed process.
    _lock(held, blocking=True)
    tmp = Path(name)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        _fsync_dir(folder)
    except OSError as e:
        raise UserError(os_error_line(e, path)) from None
    finally:
        tmp.unlink(missing_ok=True)
        os.close(held)


PART = ".part"
STALE_AFTER_S = 60.0  # a .part this old that nobody holds is left over, not being made


def _lock(fd: int, *, blocking: bool) -> bool:
    if os.name != "posix":
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def remove_stale_parts(folder: Path, name: str = "", now: float | None = None) -> list[Path]:
    """Remove the hidden ``.NAME.XXXX.part`` files a killed backup or export left in
    ``folder`` (only those for ``name`` when given; those still being written are held, and
    kept). Returns what was removed."""
    import time

    removed = []
    now = time.time() if now is None else now
    try:
        candidates = [p for p in Path(folder).iterdir()
                      if p.name.startswith(f".{name}") and p.name.endswith(PART)]
    except OSError:
        return removed
    for part in candidates:
        try:
            fd = os.open(part, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if now - os.fstat(fd).st_mtime >= STALE_AFTER_S and _lock(fd, blocking=False):
                part.unlink(missing_ok=True)
                removed.append(part)
        except OSError:
            continue
        finally:
            os.close(fd)
    for part in removed:
        log.warning("removed %s, left by a backup or export that was stopped half-way", part)
    return removed


@contextlib.contextmanager
def open_private(path: Path, mode: str = "wb", **kwargs) -> Iterator[IO]:
    """``replacing(path)``, opened: a file object whose contents become ``path``."""
    with replacing(path) as tmp, open(tmp, mode, opener=_no_follow, **kwargs) as f:
        yield f


def _no_follow(name: str, flags: int) -> int:
    return os.open(name, flags | getattr(os, "O_NOFOLLOW", 0))


def write_private(path: Path, data: bytes | Callable[[IO], None], mode: str = "wb",
                  **kwargs) -> Path:
    """Write ``data`` (bytes, or a function writing to the open file) to ``path`` safely."""
    path = Path(path).expanduser()
    with open_private(path, mode, **kwargs) as f:
        if callable(data):
            data(f)
        else:
            f.write(data)
    return path


def private_dir(path: Path) -> Path:
    """Make ``path`` (and any missing parents) as 0700 folders; tighten it if it is ours."""
    path = Path(path)
    missing = []
    p = path
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)
    tighten(path)
    return path


def tighten(path: Path) -> bool:
    """Remove group/other access from ``path`` if it has any and is ours; logs what changed.

    Shared folders such as /tmp (sticky bit) and files of other users are left as they are.
    Returns True when the mode was changed.
    """
    if os.name != "posix":
        return False
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & stat.S_ISVTX:
        return False
    current = stat.S_IMODE(st.st_mode)
    if not current & 0o077:
        return False
    new = current & 0o700
    os.chmod(path, new)
    log.warning("tightened the permissions of %s from %04o to %04o (health data is private)",
                path, current, new)
    return True
