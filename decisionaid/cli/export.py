"""``decisionaid export --format fhir|csv -o PATH``: stored answers for other systems."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from decisionaid.config import load_config
from decisionaid.content.loader import ContentErrors, load_content
from decisionaid.errors import UserError
from decisionaid.services.export import export
from decisionaid.storage import open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export stored answers as FHIR R4 QuestionnaireResponses or CSV",
        description=(
            "Write every stored answer to PATH: a FHIR R4 Bundle of QuestionnaireResponse "
            "resources (one per visit and questionnaire), or CSV with one row per answer. "
            "Service users appear as a pseudonymous id unless --include-names is given. "
            "Each export is recorded in the audit log."
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
    config = load_config(args.config)
    content = None
    if args.format == "fhir":
        # The content gives each answer its type and labels; the export still works for answers
        # to questionnaires the content no longer has.
        try:
            content = load_content(config.content_dir, config.languages)
        except ContentErrors as e:
            raise UserError(f"the content does not pass the check: {e}", exit_code=1) from None
    with open_database(config, create=False) as db:
        result = export(
            db,
            Path(args.out),
            format=args.format,
            content=content,
            since=since,
            include_names=args.include_names,
        )
    print(f"{result.answers} answers from {result.visits} visits written to {result.path}")
    return 0
