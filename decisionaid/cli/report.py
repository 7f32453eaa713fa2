"""``decisionaid report VISIT_ID -o FILE.pdf``: a stored visit's one-page report."""

from __future__ import annotations

import argparse
from pathlib import Path

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.files import check_target, write_private
from decisionaid.i18n import N_, _
from decisionaid.report import build_report_data, render_report
from decisionaid.services import audit, roles
from decisionaid.services.clock import utc_now
from decisionaid.services.visit_report import report_input


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help=_("render a stored visit's one-page report as a PDF"),
        description=(
            _("Write the one-page report of visit VISIT_ID to FILE.pdf, as the kiosk prints it: "
              "alerts first, the user's own words, the change since the last visits. The paper "
              "size comes from the site configuration. Opening the visit is recorded in the "
              "audit log, with the operating-system user.")
        ),
    )
    parser.add_argument("visit_id", metavar="VISIT_ID", help=_("the visit's number"))
    parser.add_argument("-o", "--out", required=True, metavar="FILE.pdf", help=_("the PDF to write"))
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.set_defaults(func=run)


def _visit_id(text: str) -> int:
    try:
        visit_id = int(text)
    except ValueError:
        visit_id = 0
    if visit_id <= 0:
        raise UserError(_("VISIT_ID is a visit's number (as the peer station shows it), not "
                          "{text!r}", text=text))
    return visit_id


def run(args: argparse.Namespace) -> int:
    visit_id = _visit_id(args.visit_id)
    out = check_target(Path(args.out), "report.pdf")  # one line before any work
    with open_app(args.config, create=False) as app:
        config, content, db, service = app.config, app.content, app.db, app.visits
        # Recorded as the command line, with the operating-system user who ran it.
        me = roles.require(roles.command_line(), roles.REPORTS, N_("read a report"))
        record = service.load(visit_id)  # raises UnknownVisit: one line
        audit.note(db, audit.REPORT_VIEW, by=me, at=utc_now(), visit_id=visit_id,
                   service_user_id=record.service_user_id)
        if record.state == "in_progress":
            raise UserError(_("visit {visit_id} is still in progress: finish it first",
                              visit_id=visit_id))
        data = build_report_data(report_input(service, record), config.site_name, content,
                                 config.report_lang, config.report_identifiers,
                                 config.report_trim_order)
    # A private file (0600) through a fresh temporary name: a planted link is never followed.
    write_private(out, render_report(data, config.paper))
    print(_("Wrote the report of visit {visit_id} to {out}", visit_id=visit_id, out=out))
    return 0
