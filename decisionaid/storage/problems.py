"""Why a database cannot be used, told apart: a full disk, a permission, a lock, a wrong key or
real damage, each with the advice that fits it.

Only real damage is answered with "restore the latest backup": a full disk, a folder that
belongs to another account or a kiosk holding a lock are mended without losing the day's
answers, and restoring would throw them away. ``explain`` turns an error met while opening,
reading, backing up or restoring an SQLite file into one ``DatabaseError`` whose ``cause``
says which it is.

An SQLCipher file whose first page fails its check looks, to SQLCipher, exactly like a wrong
key ("file is not a database"). ``key_opens_pages`` tells them apart by checking the other
pages' authentication codes (SQLCipher 4's defaults: PBKDF2-HMAC-SHA512 with 256,000
iterations, HMAC-SHA512 in an 80-byte reserve per page): if the key authenticates any page,
the key is right and the file is damaged. The salt the key is mixed with (the file's first 16
bytes) is remembered beside the file each time the key opens it (``remember_salt``; it is no
secret, it is stored in the clear in the file itself), so a damaged salt is found too: with the
remembered salt, the key still authenticates the other pages.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import shutil
from pathlib import Path

from decisionaid.errors import UserError
from decisionaid.i18n import _

FULL_BELOW_BYTES = 8 << 20  # an "I/O error" with less than this free is a full disk
DAMAGE_WORDS = ("malformed", "not a database", "hmac check failed", "corrupt",
                "could not decode to utf-8", "codec can't decode", "unsupported file format")
_FULL_WORDS = ("database or disk is full", "no space left", "disk quota exceeded")
_LOCK_WORDS = ("database is locked", "database is busy", "database table is locked")
_READONLY_WORDS = ("readonly database", "read-only", "unable to open database file",
                   "permission denied", "access permission denied")

# SQLCipher 4 defaults (what every decisionaid database is made with).
_PAGE = 4096
_SALT = 16
_IV = 16
_HMAC = 64
_KDF_ITER = 256_000
_PAGES_TRIED = 16


class DatabaseError(UserError):
    """The database cannot be opened or used as configured: the message says what to change.

    ``cause`` says why, for callers that choose what to do (and tests): ``damaged``, ``full``,
    ``permission``, ``locked``, ``key``, ``disk`` (an input/output error) or ``other``.
    ``found`` and ``fix`` are the message's two halves (what is wrong; what to do)."""

    def __init__(self, message: str, exit_code: int | None = None, *, cause: str = "other",
                 found: str = "", fix: str = ""):
        super().__init__(message, exit_code)
        self.cause = cause
        self.found = found or message
        self.fix = fix


def problem(cause: str, found: str, fix: str) -> DatabaseError:
    return DatabaseError(f"{found}: {fix}", cause=cause, found=found, fix=fix)


def damaged(path: Path | str, why: str = "") -> DatabaseError:
    """The one line for a database file that is damaged (never mistaken for a missing key)."""
    found = (_("the database {path} is damaged ({why})", path=path, why=why) if why
             else _("the database {path} is damaged", path=path))
    return problem("damaged", found,
                   _("restore the latest backup with 'decisionaid restore BACKUP_FILE' "
                     "(see docs/install.md)"))


def disk_full(path: Path | str) -> DatabaseError:
    folder = Path(path).parent
    return problem("full", _("the disk holding {folder} is full ({free} free); the answers "
                             "already saved are intact", folder=folder, free=_free(folder)),
                   _("free space there (old exports, reports, backups kept elsewhere), then try "
                     "again; nothing is lost"))


def no_permission(path: Path | str, doing: str = "use") -> DatabaseError:
    path = Path(path)
    culprit = _not_ours(path)
    owner = _owner(culprit) if culprit else None
    me = _me()
    doing = _(doing)  # one of decisionaid.files.VERBS
    if culprit is not None and owner is not None and owner != me:
        found = _("cannot {doing} {path}: {culprit} belongs to {owner}, not to {me}",
                  doing=doing, path=path, culprit=culprit, owner=owner, me=me)
        fix = _("give it back, as root, with 'chown -R {me}: {culprit}'; nothing is lost",
                me=me, culprit=culprit)
    else:
        found = _("cannot {doing} {path}: permission denied", doing=doing, path=path)
        fix = _("let {me} read and write it and its folder (chmod 700 the folder, 600 the "
                "file); nothing is lost", me=me)
    return problem("permission", found, fix)


def locked(path: Path | str) -> DatabaseError:
    return problem("locked", _("the database {path} is locked by another program", path=path),
                   _("wait a minute and try again; if it stays locked, close the kiosks and the "
                     "peer station on this machine (a stuck one: systemctl restart "
                     "decisionaid-kiosk); nothing is lost"))


def wrong_key(path: Path | str) -> DatabaseError:
    return problem("key", _("the database key does not open {path}", path=path),
                   _("check DECISIONAID_DB_KEY or db_key in the config file"))


def disk_error(path: Path | str, reason: str) -> DatabaseError:
    return problem("disk", _("the disk holding {path} reports an error ({reason})",
                             path=path, reason=reason),
                   _("check the disk (journalctl -k shows its errors) and copy the data folder "
                     "somewhere safe before anything else"))


def from_os_error(error: OSError, path: Path | str, doing: str = "use") -> DatabaseError:
    """An ``OSError`` met on ``path`` as the line that fits it."""
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return disk_full(path)
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return no_permission(path, doing)
    if code == errno.EIO:
        return disk_error(path, error.strerror or _("input/output error"))
    return problem("other", _("cannot {doing} {path}: {reason}", doing=_(doing), path=path,
                              reason=error.strerror or error),
                   _("check the path in database_url and the folder it is in"))


def explain(error: BaseException, path: Path | str, key: str | None = None,
            doing: str = "use") -> DatabaseError:
    """Any error met using the SQLite file ``path`` (with ``key``) as one cause-specific line."""
    if isinstance(error, DatabaseError):
        return error
    if isinstance(error, OSError):
        return from_os_error(error, path, doing)
    original = getattr(error, "orig", None) or error
    if isinstance(original, UnicodeDecodeError):
        return damaged(path, _("a stored text is not readable"))
    text = str(original).lower()
    if any(word in text for word in _FULL_WORDS):
        return disk_full(path)
    if any(word in text for word in _LOCK_WORDS):
        return locked(path)
    if "disk i/o error" in text or "i/o error" in text:
        return _io_error(path, text)
    if any(word in text for word in _READONLY_WORDS):
        if free_bytes(Path(path).parent) < FULL_BELOW_BYTES:
            return disk_full(path)
        return no_permission(path, doing)
    if any(word in text for word in DAMAGE_WORDS):
        if key and "not a database" in text and not key_opens_pages(Path(path), key):
            salt = _remembered_salt(Path(path))
            if salt is None or not key_opens_pages(Path(path), key, salt):
                return wrong_key(path)
            return damaged(path, _("its first bytes are broken"))
        return damaged(path)
    return problem("other", _("cannot {doing} the database {path}: {reason}", doing=_(doing),
                              path=path, reason=str(original).strip()),
                   _("run 'decisionaid doctor' for what to do"))


def is_damage(error: BaseException) -> bool:
    """True when an SQLite error means the file's contents are damaged."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, UnicodeDecodeError):
        return True
    return any(word in str(original).lower() for word in DAMAGE_WORDS)


def _io_error(path: Path | str, text: str) -> DatabaseError:
    # SQLite says "disk I/O error" when it cannot grow its -shm or -wal: on a full disk, or
    # when they (or the folder) belong to someone else.
    path = Path(path)
    if free_bytes(path.parent) < FULL_BELOW_BYTES:
        return disk_full(path)
    if _not_ours(path) is not None:
        return no_permission(path)
    return disk_error(path, _("input/output error"))


def free_bytes(folder: Path) -> int:
    """Free space on the disk holding ``folder`` (or the nearest folder above it)."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 1 << 62


def _free(folder: Path) -> str:
    free = free_bytes(folder)
    return f"{free / (1 << 20):.1f} MB" if free < 1 << 30 else f"{free / (1 << 30):.1f} GB"


def _not_ours(path: Path) -> Path | None:
    """The first of the database's folder, file, -wal, -shm this account cannot write."""
    names = [path.parent, path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))]
    for item in names:
        if item.exists() and not os.access(item, os.W_OK | (os.X_OK if item.is_dir() else 0)):
            return item
    return None


def _owner(path: Path) -> str | None:
    try:
        import pwd

        return pwd.getpwuid(path.stat().st_uid).pw_name
    except (ImportError, KeyError, OSError):
        return None


def _me() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):
        return os.environ.get("USERNAME", _("this account"))


def _salt_file(path: Path) -> Path:
    return path.with_name(f".{path.name}.salt")


def remember_salt(path: Path) -> None:
    """Keep the salt of the SQLCipher file ``path`` (which the key has just opened) beside it,
    when it is not kept already; quietly nothing when it cannot be written (a full disk)."""
    try:
        with open(path, "rb") as f:
            salt = f.read(_SALT)
        if len(salt) == _SALT and _remembered_salt(path) != salt:
            from decisionaid.files import write_private

            write_private(_salt_file(path), salt)
    except (OSError, UserError):
        pass


def _remembered_salt(path: Path) -> bytes | None:
    try:
        salt = _salt_file(path).read_bytes()
    except OSError:
        return None
    return salt if len(salt) == _SALT else None


def key_opens_pages(path: Path, key: str, salt: bytes | None = None) -> bool:
    """True when ``key`` authenticates any of the first pages of the SQLCipher file ``path``
    (mixed with ``salt``, default the file's own): the key is right, so a page that fails is
    damage, not another key."""
    try:
        with open(path, "rb") as f:
            data = f.read(_PAGE * _PAGES_TRIED)
    except OSError:
        return False
    if len(data) < _PAGE:
        return False
    salt = salt or data[:_SALT]
    enc_key = hashlib.pbkdf2_hmac("sha512", key.encode("utf-8"), salt, _KDF_ITER, 32)
    hmac_salt = bytes(b ^ 0x3A for b in salt)
    hmac_key = hashlib.pbkdf2_hmac("sha512", enc_key, hmac_salt, 2, 32)
    for n in range(len(data) // _PAGE):
        page = data[n * _PAGE:(n + 1) * _PAGE]
        start = _SALT if n == 0 else 0
        body = page[start:_PAGE - _HMAC]
        code = hmac.new(hmac_key, body + (n + 1).to_bytes(4, "little"), hashlib.sha512)
        if hmac.compare_digest(code.digest(), page[_PAGE - _HMAC:]):
            return True
    return False


def as_user_error(error: BaseException, database_url: str, key: str | None = None) -> UserError:
    """Any error met opening the configured database as one line for the person who must act
    (the kiosk's start, a command): a driver's error, a stored text that cannot be read or an
    ``OSError`` named by cause; anything else as what it is, with where to look."""
    if isinstance(error, UserError):
        return error
    from decisionaid.storage.database import _driver_error, sqlite_path

    path = sqlite_path(database_url)
    if path is not None and (_driver_error(error) or isinstance(error, UnicodeDecodeError)):
        return explain(error, path, key)
    if isinstance(error, OSError):
        return UserError(_("cannot use {file}: {reason}; run 'decisionaid doctor'",
                           file=error.filename or _("a file"), reason=error.strerror or error))
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return UserError(_("unexpected error ({reason}); run 'decisionaid doctor' and see the log",
                       reason=reason))
