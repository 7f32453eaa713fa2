"""Files that hold secrets: the database key, and the files libpq reads a password from.

Each must be readable by its owner alone, and that owner must be the account reading it (or
root). The database key is looked for, in order: ``db_key`` in the configuration or
``$DECISIONAID_DB_KEY``; a systemd credential named ``decisionaid-db-key`` (where the kiosk runs
as a systemd service, possibly sealed to the TPM with ``systemd-creds``); the key file
(``db_key_file``, by default ``db.key`` in the configuration folder, never in the data folder
beside the database it opens). A new install makes that file with a random key.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from decisionaid.errors import ConfigError
from decisionaid.i18n import _

CREDENTIAL_NAME = "decisionaid-db-key"
KEY_FILE_NAME = "db.key"


def problem(path: Path, what: str) -> str | None:
    """Why ``path`` (holding ``what``) is not private, as one line with the fix; None if it is
    (or does not exist)."""
    if os.name != "posix":
        return None
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as e:
        return f"cannot look at {path}, which holds {what}: {e.strerror}"
    if stat.S_IMODE(st.st_mode) & 0o077:
        return f"{path} holds {what} and other accounts can read it: run chmod 600 {path}"
    # root may read what belongs to the kiosk's account (an administrator's command).
    if st.st_uid not in (os.geteuid(), 0) and os.geteuid() != 0:
        return (f"{path} holds {what} but belongs to another account ({_name(st.st_uid)}): "
                f"run chown {_name(os.geteuid())} {path}")
    return None


def _name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def require_private(path: Path, what: str) -> None:
    if reason := problem(path, what):
        raise ConfigError(reason)


def credential_path() -> Path | None:
    """The systemd credential holding the key, when this process was given one."""
    folder = os.environ.get("CREDENTIALS_DIRECTORY")
    if not folder:
        return None
    path = Path(folder) / CREDENTIAL_NAME
    return path if path.is_file() else None


def read_key(path: Path, what: str = "the database key") -> str:
    """The key in the first line of ``path``, once the file is proved private."""
    require_private(path, what)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(_("{path} is not text (UTF-8): it should hold the database key",
                            path=path)) from None
    except OSError as e:
        raise ConfigError(_("cannot read the key file {path}: {strerror}",
                            path=path, strerror=e.strerror)) from None
    lines = text.splitlines()
    key = lines[0].strip() if lines else ""
    if not key:
        raise ConfigError(_("the key file {path} is empty: put the database key back from the "
                            "clinic's safe copy (docs/install.md, The database key)", path=path))
    return key


def new_key() -> str:
    """A random key: 256 bits, in characters any editor and SQLCipher's PRAGMA take."""
    import secrets  # only a new key needs it; the kiosk's start only reads one

    return secrets.token_urlsafe(32)


def write_key(path: Path, key: str) -> Path:
    """Write ``key`` to ``path`` (0600, in a folder made 0700), never over an existing file:
    a key already there may be the only one that opens a database."""
    from decisionaid import files

    files.private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
    except FileExistsError:
        raise ConfigError(_("{path} already exists: it may hold the key of a database, so it is "
                            "left as it is", path=path)) from None
    except OSError as e:
        raise ConfigError(_("cannot write the key file {path}: {strerror}",
                            path=path, strerror=e.strerror)) from None
    try:
        os.write(fd, (key + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def make_key(path: Path) -> str:
    """A new random key written to ``path``; the key already there if another process (a
    peer station starting beside the kiosk) made it first."""
    key = new_key()
    try:
        write_key(path, key)
    except ConfigError:
        if path.is_file():
            return read_key(path)
        raise
    return key


def libpq_files() -> list[tuple[Path, str]]:
    """libpq's password file and service file, where they are (PGPASSFILE, ~/.pgpass,
    PGSERVICEFILE, ~/.pg_service.conf): both may hold database passwords."""
    home = Path.home()
    found = []
    for variable, default, what in (("PGPASSFILE", home / ".pgpass", "database passwords"),
                                    ("PGSERVICEFILE", home / ".pg_service.conf",
                                     "database connection settings")):
        path = Path(os.environ[variable]).expanduser() if os.environ.get(variable) else default
        if path.is_file():
            found.append((path, what))
    return found
