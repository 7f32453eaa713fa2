"""``decisionaid backup -o FILE`` and ``decisionaid restore FILE``: copies that restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "backup",
        help=_("a checked copy of the database, safe to make while kiosks are in use"),
        description=(
            _("Copy the configured database to FILE while kiosks keep working: SQLite's online "
              "backup (encrypted with the same key), or pg_dump's custom format for PostgreSQL. "
              "The copy is checked (integrity check; pg_restore --list) before it takes its "
              "name, and only your account can read it.")
        ),
    )
    parser.add_argument("-o", "--out", required=True, metavar="FILE", help=_("the backup to write"))
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.set_defaults(func=run_backup)

    parser = subparsers.add_parser(
        "restore",
        help=_("replace the database with a backup (the old one is kept beside it)"),
        description=(
            _("Check the backup FILE, then replace the configured database with it. Close every "
              "kiosk and the peer station first. The database it replaces is kept beside it, "
              "with the date and time in its name (PostgreSQL: as a dump in the backups folder). "
              "Nothing is replaced without --yes.")
        ),
    )
    parser.add_argument("file", metavar="FILE", help=_("a file made by 'decisionaid backup'"))
    parser.add_argument("--yes", action="store_true", help=_("replace the database"))
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from decisionaid.storage.backup import backup
    from decisionaid.storage.database import key_for_new_install

    config = open_app(args.config, content=False, database=False).config  # and the log
    config = key_for_new_install(config, create=False)  # PostgreSQL's first dump: sealed too
    result = backup(config, Path(args.out))
    if result.encrypted:
        print(_("Backed up to {path} (encrypted, {size:,} bytes, checked)",
                path=result.path, size=result.size))
    else:
        print(_("Backed up to {path} ({size:,} bytes, checked)", path=result.path, size=result.size))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from decisionaid.storage.backup import check_backup, restore
    from decisionaid.storage.database import describe

    config = open_app(args.config, content=False, database=False).config  # and the log
    what = check_backup(config, Path(args.file))
    if not args.yes:
        raise UserError(
            _("restoring replaces the database {database} with {what}: close every kiosk and the "
              "peer station, then run again with --yes",
              database=describe(config.database_url), what=what)
        )
    result = restore(config, Path(args.file))
    print(_("Restored {database} from {file}", database=result.database, file=args.file))
    if result.kept:
        print(_("The database it replaced is kept at {kept}", kept=result.kept))
    return 0
