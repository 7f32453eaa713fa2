"""``decisionaid peer``: the peer station, a desktop window for staff (sign-in first).

It opens the app (``decisionaid.app.open_app``: configuration, logging, content, database and
services), builds the station's bundle from it and shows the window.
"""

from __future__ import annotations

import argparse
import sys

from decisionaid.config import load_config
from decisionaid.errors import UserError
from decisionaid.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "peer",
        help=_("the peer station and the prescriber's desk (staff sign-in)"),
        description=(
            _("The peer station: a desktop window where staff see today's visits, are alerted at "
              "once to safety answers, review visits and record the shared decision. A "
              "prescriber signs in to their desk: today's reports, the decision, the page saved "
              "as PDF. Staff sign in with the name and PIN set by 'decisionaid staff add'.")
        ),
    )
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.add_argument(
        "--idle-minutes", type=int, metavar="N",
        help=_("sign out after N minutes without a key press or click (default: the "
               "peer_idle_timeout_s setting, 10 minutes)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.idle_minutes is not None and not 1 <= args.idle_minutes <= 240:
        raise UserError(_("--idle-minutes must be from 1 to 240"))
    config = load_config(args.config)
    idle_s = args.idle_minutes * 60 if args.idle_minutes is not None else config.peer_idle_timeout_s

    from decisionaid.app import open_app

    with open_app(config, create=False) as opened:  # a wrong database_url never makes one
        from PySide6.QtWidgets import QApplication

        from decisionaid.ui.common.operations import wait_for_background
        from decisionaid.ui.station.services import station_services
        from decisionaid.ui.station.station import PeerStation

        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setApplicationName("decisionaid peer station")
        from decisionaid.ui.common.main_thread_gc import collect_on_this_thread
        from decisionaid.ui.common.timers import QtTimers

        collect_on_this_thread(QtTimers(), app)  # never in a background thread (see the module)
        opened.visits.close_day()  # yesterday's unfinished visits show as incomplete
        window = PeerStation(station_services(opened, idle_seconds=idle_s))
        window.show()
        # Opened from the kiosk's staff menu, the station runs in the kiosk's place under its
        # unit, whose watchdog it then feeds (outside systemd this does nothing).
        from decisionaid.ui.common.watchdog import WatchdogFeeder

        WatchdogFeeder(window).start()
        try:
            return app.exec()
        finally:
            wait_for_background()
            window.close()
