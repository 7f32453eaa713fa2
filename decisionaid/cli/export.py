"""``decisionaid export --format fhir|csv -o PATH``: stored answers for other systems."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.services import roles
from decisionaid.services.export import export


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export stored answers as FHIR R4 QuestionnaireResponses or CSV",
        description=(
            "Write every stored answer to PATH: a FHIR R4 Bundle of QuestionnaireResponse "
            "resources (one per visit and questionnaire), or CSV with one row per answer. "
            "Service users appear as a pseudonymous id unless --include-names is given. "
            "Each export is recorded in the audit log, with the operating-system user and "
            "against each person it contains."
        ),
    )
    parser.add_argument("--format", required=True, choices=("fhir", "csv"))
    parser.add_argument("-o", "--out", required=True, metavar="PATH", help="the file to write")
    parser.add_argument("--since", metavar="DATE", help="only visits on or after DATE (YYYY-MM-DD)")
    parser.add_argument(
        "--include-names",
        action="store_true",
        help="add first name, date of birth and clinic id (handle the file as clinical data)",
    )
    parser.add_argument("--config", metavar="FILE", help="the site configuration file")
    parser.set_defaults(func=run)


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--since takes a date as YYYY-MM-DD, not {text!r}") from None


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
    print(f"{result.answers} answers from {result.visits} visits written to {result.path}")
    return 0
