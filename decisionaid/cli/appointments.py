"""``decisionaid appointments import FILE``: bring in the day's schedule by hand, and
``decisionaid appointments watch``: import what the clinic's system drops in the watched folder."""

from __future__ import annotations

import argparse
import sys

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.i18n import _
from decisionaid.services import roles


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "appointments",
        help=_("import today's schedule (CSV export or FHIR R4 bundle)"),
        description=(
            _("Import the clinic's schedule so the peer station's Today board shows who is "
              "expected. A CSV export needs its columns named under [appointments.columns] in "
              "the configuration (see docs/peer-station.md); a FHIR R4 Bundle (.json) of "
              "Appointment resources with their Patient and Practitioner is read as it is. Rows "
              "that cannot be read are listed as FILE:LINE and the rest are imported. Importing "
              "the same schedule again updates it; nothing is duplicated.")
        ),
    )
    commands = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = commands.add_parser(
        "import", help=_("import one or more schedule files"),
        description=_("Import schedule files (CSV or FHIR R4 Bundle JSON). Exits 1 when a row or "
                      "a file could not be imported (the rest is imported all the same)."))
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    add.set_defaults(func=run_import)
    watch = commands.add_parser(
        "watch", help=_("import the files waiting in the watched folder once"),
        description=_("Import every schedule file waiting in appointments.watch_folder (or "
                      "--folder), moving each to done/ or failed/ in that folder. The peer "
                      "station does this by itself every appointments.poll_seconds."))
    watch.add_argument("--folder", metavar="DIR", help=_("the folder (default: the configured one)"))
    watch.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    watch.set_defaults(func=run_watch)


def _report(results) -> int:
    code = 0
    for result in results:
        if isinstance(result, str):
            print(result, file=sys.stderr)
            code = 1
            continue
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(result.summary())
        code = code or (1 if result.problems else 0)
    return code


def run_import(args: argparse.Namespace) -> int:
    from decisionaid.services.schedule_files import ScheduleUnreadable

    with open_app(args.config, content=False) as app:
        results = []
        for file in args.files:
            try:
                results.append(app.appointments.import_file(
                    file, app.config.appointments, by=roles.command_line()))
            except ScheduleUnreadable as e:
                results.append(str(e))
    return _report(results)


def run_watch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from decisionaid.services.appointments import ScheduleFolder

    with open_app(args.config, content=False) as app:
        folder = Path(args.folder) if args.folder else app.config.appointments.watch_folder
        if folder is None:
            raise UserError(_("no folder to watch: set appointments.watch_folder in the "
                              "configuration, or give --folder DIR"))
        if not folder.is_dir():
            raise UserError(_("{folder}: no such folder", folder=folder))
        results = ScheduleFolder(app.appointments, app.config.appointments, folder,
                                 by=roles.command_line()).poll()
    if not results:
        print(_("{folder}: no schedule files waiting", folder=folder))
    return _report(results)
