"""``decisionaid peer``: the peer station, a desktop window for staff (sign-in first).

The composition root for the station: it opens the configured database, loads the content,
builds the services the screens use and shows the window.
"""

from __future__ import annotations

import argparse
import sys

from decisionaid.config import load_config
from decisionaid.errors import UserError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "peer",
        help="the peer station: today's visits, safety alerts, reviews (staff sign-in)",
        description=(
            "The peer station: a desktop window where staff see today's visits, are alerted at "
            "once to safety answers, review visits and record the shared decision. Staff sign "
            "in with the name and PIN set by 'decisionaid staff add'."
        ),
    )
    parser.add_argument("--config", metavar="FILE", help="the site configuration file")
    parser.add_argument(
        "--idle-minutes", type=int, metavar="N",
        help="sign out after N minutes without a key press or click "
        "(default: the peer_idle_timeout_s setting, 10 minutes)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.idle_minutes is not None and not 1 <= args.idle_minutes <= 240:
        raise UserError("--idle-minutes must be from 1 to 240")
    config = load_config(args.config)
    idle_s = args.idle_minutes * 60 if args.idle_minutes is not None else config.peer_idle_timeout_s

    from decisionaid.content.loader import ContentErrors, load_content
    from decisionaid.services.peer_queries import PeerQueries
    from decisionaid.services.visit_report import report_pdf
    from decisionaid.services.visits import VisitService
    from decisionaid.storage.database import open_database

    try:
        content = load_content(config.content_dir, config.languages)
    except ContentErrors as e:
        first = e.errors[0] if getattr(e, "errors", None) else e
        raise UserError(f"the content does not pass its check ({first}); run 'decisionaid check'") from None
    db = open_database(config)

    from PySide6.QtWidgets import QApplication

    from decisionaid.ui.common.operations import wait_for_background
    from decisionaid.ui.kiosk.session import default_printer
    from decisionaid.ui.station.services import PeerServices
    from decisionaid.ui.station.station import PeerStation

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("decisionaid peer station")
    visits = VisitService(db, content)
    visits.close_day()  # yesterday's unfinished visits are shown as incomplete, not in progress
    services = PeerServices(
        config=config, content=content, db=db, visits=visits,
        queries=PeerQueries(db, content), printer=default_printer(config),
        make_page=lambda visit_id: report_pdf(visits, visit_id, config.site_name, config.paper),
        idle_ms=idle_s * 1000,
    )
    window = PeerStation(services)
    window.show()
    try:
        return app.exec()
    finally:
        wait_for_background()
        db.dispose()
