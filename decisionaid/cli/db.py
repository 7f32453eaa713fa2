"""``decisionaid db upgrade|status``: the database schema (Alembic migrations)."""

from __future__ import annotations

import argparse

from decisionaid.config import load_config
from decisionaid.storage.database import connect, describe, ensure_reachable
from decisionaid.storage.migrate import upgrade


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "db",
        help="upgrade the database schema, or show where it is",
        description=(
            "upgrade: bring the configured database to this version's schema (an SQLite file "
            "is backed up beside itself first). status: show the database and its schema "
            "revision; exits 1 when it needs an upgrade."
        ),
    )
    parser.add_argument("action", choices=("upgrade", "status"))
    parser.add_argument("--config", metavar="FILE", help="the site configuration file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    db = connect(config.database_url, config.db_key)
    try:
        ensure_reachable(db)
        where = describe(db.url) + (" (encrypted)" if db.encrypted else "")
        if args.action == "upgrade":
            before, after = upgrade(db, key=config.db_key)
            if before == after:
                print(f"{where}: already at revision {after}")
            else:
                print(f"{where}: upgraded from {before or 'empty'} to revision {after}")
            return 0
        status = db.schema_status()
        if status.up_to_date:
            print(f"{where}: at revision {status.current}, up to date")
            return 0
        print(
            f"{where}: at revision {status.current or 'none (empty)'}, this version needs "
            f"{status.head}: run 'decisionaid db upgrade'"
        )
        return 1
    finally:
        db.dispose()
