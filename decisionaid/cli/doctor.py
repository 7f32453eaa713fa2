"""``decisionaid doctor``: checks this machine and explains, one plain line per check."""

from __future__ import annotations

import argparse
import os
import sys

from decisionaid.i18n import _, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help=_("check the configuration, content, database, printer, speech, media, disk and "
               "backups"),
        description=(
            _("Check everything a kiosk or peer station needs and say, one line each, what was "
              "found and what to do about each failure: configuration, content, database "
              "(reachable, schema current, key set), file permissions, free disk, the printer "
              "(queue and device), speech in each site language, video playback, screen size, "
              "the last backup (opens with the current key, is of this database, under 26 hours "
              "old), the time zone and, with PostgreSQL, pg_dump. Exit status: 0 every check "
              "passed, 1 a warning, 2 a failure (as Nagios and Icinga read them).")
        ),
    )
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.add_argument("--no-qt", action="store_true",
                        help=_("leave out the speech, media and screen checks"))
    parser.add_argument("--json", action="store_true",
                        help=_("print the result as JSON (state, machine, time, each check)"))
    parser.add_argument("--record", action="store_true",
                        help=_("store the result in the database, where the peer station shows a "
                               "failure to staff until a later run passes (the systemd timer "
                               "does)"))
    parser.add_argument("--textfile", metavar="FILE",
                        help=_("also write the result as Prometheus metrics for node_exporter's "
                               "textfile collector (e.g. "
                               "/var/lib/prometheus/node-exporter/decisionaid.prom)"))
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
    from decisionaid.services.check_results import as_json, as_textfile, machine_name
    from decisionaid.services.clock import utc_now
    from decisionaid.services.doctor import exit_code, run_checks

    # The log, without the rest of the app: the configuration is one of the things checked.
    configure_logging()
    findings = run_checks(args.config, () if args.no_qt else qt_checks())
    checked_at = utc_now()
    if args.record:
        _record(args.config, findings)
    if args.textfile:
        from pathlib import Path

        from decisionaid.files import write_private

        # Read by node_exporter's own account: readable by all, and it holds no health data.
        target = write_private(Path(args.textfile), as_textfile(findings, checked_at).encode())
        target.chmod(0o644)
    if args.json:
        print(as_json(findings, machine_name(), checked_at))
        return exit_code(findings)
    for finding in findings:
        print(finding.line())
    failed = sum(f.state == "fail" for f in findings)
    warned = sum(f.state == "warn" for f in findings)
    if not failed and not warned:
        print(_("all checks passed"))
    else:
        failures = ngettext("{n} of {total} checks failed", "{n} of {total} checks failed",
                            failed, total=len(findings))
        warnings = ngettext("{n} warns", "{n} warn", warned)
        counts = (_("{failures} and {warnings}", failures=failures, warnings=warnings)
                  if failed and warned else failures if failed else warnings)
        print(_("{counts}: do what each FAIL and WARN line says, then run 'decisionaid doctor' "
                "again", counts=counts))
    return exit_code(findings)


def _record(config_path, findings) -> None:
    """Store the result where the peer station reads it (when the database opens at all:
    if it does not, the station cannot read it either, and says so itself)."""
    import logging

    from decisionaid.config import load_config
    from decisionaid.services.check_results import record
    from decisionaid.storage.database import open_database

    try:
        config = load_config(config_path)
        with open_database(config, check_schema=False, create=False) as db:
            record(db, findings)
    except Exception as e:  # the findings already say why; the timer's journal shows this
        logging.getLogger("decisionaid").warning("doctor: could not record the result: %s", e)
        print(_("decisionaid: the result could not be stored for the peer station: {error}", error=e),
              file=sys.stderr)
