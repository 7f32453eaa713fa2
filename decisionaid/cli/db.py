"""``decisionaid db upgrade|status|encrypt|rekey``: the database schema (Alembic migrations)
and key."""

from __future__ import annotations

import argparse
import getpass
import os
import stat
from pathlib import Path

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.i18n import _
from decisionaid.storage.database import (
    connect,
    describe,
    ensure_reachable,
    key_warning,
    quick_check,
)
from decisionaid.storage.migrate import upgrade


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "db",
        help=_("upgrade the database schema, show where it is, encrypt it or change its key"),
        description=(
            _("upgrade: bring the configured database to this version's schema (an SQLite file "
              "is backed up beside itself first). status: show the database, check it and its "
              "schema revision; exits 1 when it needs an upgrade; never creates a database. "
              "encrypt: encrypt a plain SQLite database with a new random key kept in the key "
              "file (or the configured key), leaving no plain copy. rekey: encrypt the SQLite "
              "database with a new key (asked twice, or read from --key-file); a key kept in the "
              "key file is replaced there, a key in the configuration must be changed there. "
              "Close every kiosk and the peer station before encrypt or rekey.")
        ),
    )
    parser.add_argument("action", choices=("upgrade", "status", "encrypt", "rekey"))
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.add_argument(
        "--key-file", metavar="FILE",
        help=_("rekey: read the new key from the first line of FILE (readable only by you)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # The configuration and the log through the app; the database is opened here as it is,
    # since upgrading and looking must work on a schema that is not (yet) this version's.
    config = open_app(args.config, content=False, database=False).config
    if args.action == "rekey":
        return _rekey(config, args.key_file)
    if args.key_file:
        raise UserError(_("--key-file is for 'decisionaid db rekey'"))
    if args.action == "encrypt":
        return _encrypt(config)
    if args.action == "upgrade":
        from decisionaid.storage.database import key_for_new_install

        config = key_for_new_install(config)
    # Only an upgrade may make a database; status only looks.
    db = connect(config.database_url, config.db_key, create=args.action == "upgrade")
    try:
        ensure_reachable(db)
        where = (_("{database} (encrypted)", database=describe(db.url)) if db.encrypted
                 else describe(db.url))
        if db.dialect == "sqlite":
            quick_check(db)  # damaged: one line, exit 2 (and never upgraded)
        if args.action == "upgrade":
            before, after = upgrade(db, key=config.db_key)
            if before == after:
                print(_("{where}: already at revision {after}", where=where, after=after))
            else:
                print(_("{where}: upgraded from {before} to revision {after}",
                        where=where, before=before, after=after) if before else
                      _("{where}: upgraded from empty to revision {after}", where=where, after=after))
            return 0
        status = db.schema_status()
        warning = key_warning(config.database_url, config.db_key)
        if warning:
            print(_("warning: {warning}", warning=warning))
        if status.up_to_date:
            print(_("{where}: at revision {current}, up to date",
                    where=where, current=status.current))
            return 0
        print(
            _("{where}: at revision {current}, this version needs {head}: run 'decisionaid db "
              "upgrade'", where=where, current=status.current, head=status.head) if status.current
            else _("{where}: at revision none (empty), this version needs {head}: run "
                   "'decisionaid db upgrade'", where=where, head=status.head)
        )
        return 1
    finally:
        db.dispose()


def _read_key_file(name: str) -> str:
    path = Path(name).expanduser()
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise UserError(_("cannot read the key file {path}: {strerror}",
                          path=path, strerror=e.strerror)) from None
    except UnicodeDecodeError:
        raise UserError(_("the key file {path} is not text (UTF-8)", path=path)) from None
    if os.name == "posix" and stat.S_IMODE(mode) & 0o077:
        raise UserError(_("the key file {path} can be read by other accounts: run chmod 600 "
                          "{path}", path=path))
    lines = text.splitlines()
    return lines[0] if lines else ""


def _ask_key() -> str:
    first = getpass.getpass(_("New database key (at least 8 characters): "))
    if getpass.getpass(_("The same key again: ")) != first:
        raise UserError(_("the two keys differ: nothing was changed"))
    return first


def _rekey(config, key_file: str | None) -> int:
    from decisionaid.storage.keychange import check_new_key, rekey, replace_key_file

    new_key = _read_key_file(key_file) if key_file else _ask_key()
    check_new_key(new_key, config.db_key)
    kept_in = config.db_key_file if config.db_key_file and config.key_from == str(
        config.db_key_file) else None
    kept = rekey(config, new_key,
                 before_swap=(lambda: replace_key_file(kept_in, new_key)) if kept_in else None)
    if kept_in:
        print(_("The database is now encrypted with the new key, and the key file {kept_in} "
                "holds it. Keep a copy of the new key somewhere safe, off this machine.",
                kept_in=kept_in))
    elif (config.key_from or "").startswith("the systemd credential"):
        print(_("The database is now encrypted with the new key. Seal it for the kiosk's service "
                "in place of the old one (docs/install.md, Changing the database key): until "
                "then the kiosk will not open the database."))
    else:
        where = config.source or "the config file"
        print(_("The database is now encrypted with the new key. Put it in {where} as db_key (or "
                "in DECISIONAID_DB_KEY) on every machine that opens this database: until then "
                "the kiosk will not open it.", where=where))
    if kept:
        print(_("The old file (encrypted with the old key) is kept at {kept}: delete it once the "
                "kiosk opens the database with the new key.", kept=kept))
    return 0


def _encrypt(config) -> int:
    from decisionaid.storage.keychange import encrypt

    done = encrypt(config)
    print(_("The database {database} is now encrypted; no plain copy of it is kept.",
            database=done.database))
    if done.key_file:
        print(_("Its key is in {key_file}: keep a copy of that file somewhere safe, off this "
                "machine (without it nothing in the database can be read).", key_file=done.key_file))
    else:
        print(_("It opens with the key from {key_from}.", key_from=config.key_from))
    if done.copies:
        print(_("{count} older plain copies (backups made before now) are sealed with the key "
                "too; copies kept elsewhere (a USB stick) are still plain: replace them with a "
                "new backup.", count=len(done.copies)))
    return 0
