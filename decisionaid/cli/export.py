"""``decisionaid export --format fhir|csv -o PATH``: stored answers for other systems."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.i18n import _
from decisionaid.services import roles
from decisionaid.services.export import export


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help=_("export stored answers as FHIR R4 QuestionnaireResponses or CSV"),
        description=(
            _("Write every stored answer to PATH: a FHIR R4 Bundle of QuestionnaireResponse "
              "resources (one per visit and questionnaire), or CSV with one row per answer. "
              "Service users appear as a pseudonymous id unless --include-names is given. Each "
              "export is recorded in the audit log, with the operating-system user and against "
              "each person it contains.")
        ),
    )
    parser.add_argument("--format", required=True, choices=("fhir", "csv"))
    parser.add_argument("-o", "--out", required=True, metavar="PATH", help=_("the file to write"))
    parser.add_argument("--since", metavar="DATE", help=_("only visits on or after DATE "
                                                          "(YYYY-MM-DD)"))
    parser.add_argument(
        "--include-names",
        action="store_true",
        help=_("add first name, date of birth and clinic id (handle the file as clinical data)"),
    )
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.set_defaults(func=run)


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(_("--since takes a date as YYYY-MM-DD, not {text!r}", text=text)) from None


def run(args: argparse.Namespace) -> int:
    since = _date(args.since)
    # FHIR: the content gives each answer its type and labels; the export still works for
    # answers to questionnaires the content no longer has.
    with open_app(args.config, content=args.format == "fhir", create=False) as app:
        result = export(
            app.db,
            Path(args.out),
            format=args.format,
            content=app.content,
            since=since,
            include_names=args.include_names,
            by=roles.command_line(),  # recorded with the operating-system user
        )
    print(_("{answers} answers from {visits} visits written to {path}",
            answers=result.answers, visits=result.visits, path=result.path))
    return 0
