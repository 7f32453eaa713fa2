"""``decisionaid purge --older-than DAYS``: delete old visits (retention), audit-logged."""

from __future__ import annotations

import argparse

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.i18n import _
from decisionaid.services import roles
from decisionaid.services.retention import SAFE_MINIMUM_DAYS, purge


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "purge",
        help=_("delete visits older than a number of days"),
        description=(
            _("Delete every visit that started more than DAYS days ago, with its answers, flags, "
              "vignette views and peer review. Profiles stay. An audit event records the counts, "
              "the cut-off and the operating-system user, and each person whose visits went. "
              "Fewer than {minimum} days needs --yes.",
              minimum=SAFE_MINIMUM_DAYS)
        ),
    )
    parser.add_argument("--older-than", required=True, type=int, metavar="DAYS")
    parser.add_argument(
        "--yes", action="store_true", help=_("confirm a purge of fewer than {minimum} "
                                             "days", minimum=SAFE_MINIMUM_DAYS)
    )
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    days = args.older_than
    if days < 1:
        raise UserError(_("--older-than takes a number of days of at least 1"))
    if days < SAFE_MINIMUM_DAYS and not args.yes:
        raise UserError(
            _("--older-than {days} would delete recent visits; add --yes if that is what you "
              "mean (under {minimum} days)",
              days=days, minimum=SAFE_MINIMUM_DAYS)
        )
    with open_app(args.config, content=False) as app:
        result = purge(app.db, days, by=roles.command_line())  # recorded with the OS user
    print(
        _("deleted {visits} visits started before {cutoff:%Y-%m-%d} ({answers} answers, "
          "{flags} flags, {views} vignette views, {reviews} peer reviews)",
          visits=result.visits, cutoff=result.cutoff.astimezone(), answers=result.answers,
          flags=result.flags, views=result.views, reviews=result.reviews)
    )
    return 0
