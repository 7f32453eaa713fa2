"""``decisionaid outbox status|send``: what is owed to the clinic's health record, and sending
it now (for an admin, or a systemd timer when no peer station is open)."""

from __future__ import annotations

import argparse

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.i18n import _, ngettext
from decisionaid.services import roles


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "outbox",
        help=_("reports owed to the health record: status, or send them now"),
        description=(
            _("Printed, saved and reviewed reports go to the clinic's health record (the "
              "[health_record] settings: a document-import folder and/or a FHIR server). "
              "'status' lists each delivery: pending, sent or failed, with the error. 'send' "
              "sends what is due now (and --again ID, a failed one at once). No names are shown.")
        ),
    )
    parser.add_argument("action", choices=("status", "send"))
    parser.add_argument("--again", type=int, metavar="ID", help=_("with send: this delivery now"))
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.set_defaults(func=run)


def _when(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


def run(args: argparse.Namespace) -> int:
    if args.again is not None and args.action != "send":
        raise UserError(_("--again ID goes with send: decisionaid outbox send --again ID"))
    with open_app(args.config, create=False) as app:
        if not app.config.health_record.destinations:
            print(_("no health record is configured ([health_record] folder or fhir_url): "
                    "nothing is sent"))
        outbox = app.chart_outbox
        by = roles.command_line()
        if args.action == "send":
            if args.again is not None:
                line = outbox.send_again(args.again, by=by)
                print(_("delivery {id}: {state} ({error})", id=line.id, state=line.state,
                        error=line.error) if line.error else
                      _("delivery {id}: {state}", id=line.id, state=line.state))
                return 0 if line.state == "sent" else 1
            sent = outbox.send_due()
            counts = outbox.counts()
            print(_("{sent} sent now; {pending} pending, {failed} failed",
                    sent=sent, pending=counts['pending'], failed=counts['failed']))
            return 0 if counts["failed"] == 0 else 1
        lines = outbox.lines(by=by)
        if not lines:
            print(_("nothing has been sent to the health record yet"))
        for line in lines:
            if line.state == "sent":
                detail = _("sent {when}", when=_when(line.sent_at))
            elif line.next_attempt_at:
                detail = ngettext("{n} try, next {when}", "{n} tries, next {when}", line.attempts,
                                  when=_when(line.next_attempt_at))
            else:
                detail = ngettext("{n} try, next after Send again",
                                  "{n} tries, next after Send again", line.attempts)
            error = f" — {line.error}" if line.error and line.state != "sent" else ""
            print(_("{id:>6}  visit {visit_id:<6} {event:<9} {destination:<7}{state:<8} "
                    "{detail}{error}",
                    id=line.id, visit_id=line.visit_id, event=line.event,
                    destination=line.destination, state=line.state, detail=detail, error=error))
    return 0
