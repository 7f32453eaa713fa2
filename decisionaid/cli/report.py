"""``decisionaid report VISIT_ID -o FILE.pdf``: a stored visit's one-page report."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from decisionaid.config import load_config
from decisionaid.content.loader import ContentErrors, load_content
from decisionaid.errors import UserError
from decisionaid.report import build_report_data, write_report
from decisionaid.services.visit_report import report_input
from decisionaid.services.visits import VisitService
from decisionaid.storage import open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="render a stored visit's one-page report as a PDF",
        description=(
            "Write the one-page report of visit VISIT_ID to FILE.pdf, as the kiosk prints it: "
            "alerts first, the user's own words, the change since the last visits. The paper "
            "size comes from the site configuration. Opening the visit is recorded in the "
            "audit log."
        ),
    )
    parser.add_argument("visit_id", metavar="VISIT_ID", help="the visit's number")
    parser.add_argument("-o", "--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument("--config", metavar="FILE", help="the site configuration file")
    parser.set_defaults(func=run)


def _visit_id(text: str) -> int:
    try:
        visit_id = int(text)
    except ValueError:
        visit_id = 0
    if visit_id <= 0:
        raise UserError(f"VISIT_ID is a visit's number (as the peer station shows it), not {text!r}")
    return visit_id


def _check_writable(path: Path) -> None:
    """Fails with one line before any work if ``path`` cannot be written."""
    if path.is_dir():
        raise UserError(f"{path} is a folder: give a file name, e.g. {path / 'report.pdf'}")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError(f"cannot write {path}: permission denied")


def run(args: argparse.Namespace) -> int:
    visit_id = _visit_id(args.visit_id)
    out = Path(args.out).expanduser()
    _check_writable(out)
    config = load_config(args.config)
    try:
        content = load_content(config.content_dir, config.languages)
    except ContentErrors as e:
        raise UserError(f"the content does not pass the check: {e}", exit_code=1) from None
    with open_database(config) as db:
        service = VisitService(db, content)
        record = service.view(visit_id, staff_id=None)  # raises UnknownVisit: one line
        if record.state == "in_progress":
            raise UserError(f"visit {visit_id} is still in progress: finish it first")
        data = build_report_data(report_input(service, record), config.site_name, content)
    try:
        write_report(data, out, config.paper)
    except OSError as e:
        raise UserError(f"cannot write {out}: {e.strerror or e}") from None
    print(f"Wrote the report of visit {visit_id} to {out}")
    return 0
