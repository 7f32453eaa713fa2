"""``decisionaid doctor``: checks this machine and explains, one plain line per check."""

from __future__ import annotations

import argparse
import os
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check the configuration, content, database, printer, speech, media, disk and backups",
        description=(
            "Check everything a kiosk or peer station needs and say, one line each, what was "
            "found and what to do about each failure: configuration, content, database "
            "(reachable, schema current, key set), file permissions, free disk, printer queue, "
            "speech in each site language, video playback, screen size, last backup's age. "
            "Exits 0 only when every check passes."
        ),
    )
    parser.add_argument("--config", metavar="FILE", help="the site configuration file")
    parser.add_argument("--no-qt", action="store_true",
                        help="leave out the speech, media and screen checks")
    parser.set_defaults(func=run)


def qt_checks() -> tuple:
    """The Qt checks with an application to run them in, or none where Qt cannot load."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return ()
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM")) and sys.platform.startswith("linux"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # over ssh: still check speech and media
    # Qt's media back-end reports every library it probes; the lines here are what matters.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
    QApplication.instance() or QApplication(sys.argv[:1])
    from decisionaid.ui.common.doctor import QT_CHECKS

    return QT_CHECKS


def run(args: argparse.Namespace) -> int:
    from decisionaid.app import configure_logging
    from decisionaid.services.doctor import all_passed, run_checks

    # The log, without the rest of the app: the configuration is one of the things checked.
    configure_logging()
    findings = run_checks(args.config, () if args.no_qt else qt_checks())
    for finding in findings:
        print(finding.line())
    failed = sum(not f.ok for f in findings)
    print("all checks passed" if not failed else
          f"{failed} of {len(findings)} checks failed: do what each FAIL line says, then run "
          "'decisionaid doctor' again")
    return 0 if all_passed(findings) else 1
