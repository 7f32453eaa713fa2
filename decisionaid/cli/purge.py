"""``decisionaid purge --older-than DAYS``: delete old visits (retention), audit-logged."""

from __future__ import annotations

import argparse

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.services import roles
from decisionaid.services.retention import SAFE_MINIMUM_DAYS, purge


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "purge",
        help="delete visits older than a number of days",
        description=(
            "Delete every visit that started more than DAYS days ago, with its answers, flags, "
            "vignette views and peer review. Profiles stay. An audit event records the counts, "
            "the cut-off and the operating-system user, and each person whose visits went. "
            f"Fewer than {SAFE_MINIMUM_DAYS} days needs --yes."
        ),
    )
    parser.add_argument("--older-than", required=True, type=int, metavar="DAYS")
    parser.add_argument(
        "--yes", action="store_true", help=f"confirm a purge of fewer than {SAFE_MINIMUM_DAYS} days"
    )
    parser.add_argument("--config", metavar="FILE", help="the site configuration file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    days = args.older_than
    if days < 1:
        raise UserError("--older-than takes a number of days of at least 1")
    if days < SAFE_MINIMUM_DAYS and not args.yes:
        raise UserError(
            f"--older-than {days} would delete recent visits; add --yes if that is what you "
            f"mean (under {SAFE_MINIMUM_DAYS} days)"
        )
    with open_app(args.config, content=False) as app:
        result = purge(app.db, days, by=roles.command_line())  # recorded with the OS user
    print(
        f"deleted {result.visits} visits started before {result.cutoff.astimezone():%Y-%m-%d} "
        f"({result.answers} answers, {result.flags} flags, {result.views} vignette views, "
        f"{result.reviews} peer reviews)"
    )
    return 0
