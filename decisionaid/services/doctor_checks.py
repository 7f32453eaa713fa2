"""``doctor``'s checks of what keeps a clinic's day going around the database: the printer (the
device, not only the queue), last night's backup (that it opens, is of this database and is
recent), the machine's time zone and, with PostgreSQL, the client tools backups need.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from datetime import datetime
from pathlib import Path

from decisionaid.errors import UserError
from decisionaid.i18n import _
from decisionaid.services.findings import Finding

BACKUP_MAX_AGE_H = 26  # a nightly backup more than a day (and a late closing) old: last night's failed
UTC_NAMES = {"UTC", "UCT", "Etc/UTC", "Etc/UCT", "Universal", "Etc/Universal", "Zulu",
             "Etc/Zulu", "GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0"}


# ---- printer --------------------------------------------------------------------------------


def check_printer(config) -> list[Finding]:
    from decisionaid.report.printing import CupsPrinter, PrintError, cups_available

    if not cups_available():
        return [Finding("printer", False, _("CUPS is not installed"),
                        _("install cups and cups-client, then add the printer (docs/install.md)"))]
    printer = CupsPrinter(config.printer, timeout=10)
    try:
        printer.check()
        queue = printer.queue_name()
        problem = printer.device_problem()
    except PrintError as e:
        text, _colon, fix = str(e).partition(": ")
        return [Finding("printer", False, text, fix or _("see docs/install.md, Printer"))]
    if problem:
        text, _colon, why = problem.partition(": ")
        return [Finding("printer", False, f"{text}: {why}" if why else text,
                        _("switch the printer on and check its cable or network; reports wait in "
                          "the queue until it answers ('lpstat -l -p {queue}' shows why)",
                          queue=queue))]
    return [Finding("printer", True, _("'{queue}' is accepting jobs and its printer answers",
                                       queue=queue))]


# ---- backup ---------------------------------------------------------------------------------


def check_backup(config, now: float | None = None) -> list[Finding]:
    """The newest nightly backup of this database opens with the current key, is of this
    database (its id) and is under ``BACKUP_MAX_AGE_H`` hours old."""
    from decisionaid.storage import backup as backups

    folder = backups.backups_dir()
    suffix = backups.backup_suffix(config)
    newest = backups.last_backup(suffix=suffix)
    # Run by root through deploy/decisionaid-admin, the backup must be made as the kiosk's
    # account too: a folder or file made by root would stop the kiosk's own nightly backup.
    command = "decisionaid-admin" if os.environ.get("DECISIONAID_ADMIN") else "decisionaid"
    target = folder / f"decisionaid-{datetime.now():%Y%m%dT%H%M%S}{suffix}"
    make_one = f"{command} backup -o {target}"
    if not folder.is_dir() and not os.environ.get("DECISIONAID_ADMIN"):
        make_one = f"mkdir -p -m 700 {folder} && {make_one}"
    failed = _nightly_failure(folder, newest)
    if failed:
        return [Finding("backup", False, _("last night's backup failed: {failed}", failed=failed),
                        _("mend what the line says, then run '{make_one}'", make_one=make_one))]
    if newest is None:
        other = backups.last_backup()
        kind = "SQLite" if suffix == ".db" else "PostgreSQL"
        if other is not None:
            return [Finding("backup", False, _("no backup of this {kind} database in {folder}: "
                                               "the newest, {name}, is of the database used "
                                               "before", kind=kind, folder=folder, name=other.name),
                            _("make one now with '{make_one}'", make_one=make_one))]
        return [Finding("backup", False, _("no nightly backup in {folder} yet", folder=folder),
                        _("make one now with '{make_one}'; after that a running kiosk makes one "
                          "each day at closing time ({closing_time:%H:%M})",
                          make_one=make_one, closing_time=config.closing_time))]
    age_h = ((now or time.time()) - newest.stat().st_mtime) / 3600
    if age_h > BACKUP_MAX_AGE_H:
        return [Finding("backup", False, _("the newest is {name}, {age_h:.0f} hours old",
                                           name=newest.name, age_h=age_h),
                        _("last night's backup did not run: look in the kiosk's log, then run "
                          "'{make_one}'", make_one=make_one))]
    try:
        backups.check_backup(config, newest)
        theirs = backups.backup_database_id(config, newest)
    except UserError as e:
        return [Finding("backup", False, _("{name} cannot be restored with this configuration "
                                           "({reason})", name=newest.name, reason=_reason(e)),
                        _("make a new one now with '{make_one}' (after a key change, a backup "
                          "opens only with the old key: keep that key with it)", make_one=make_one))]
    mine = database_id(config)
    if theirs is None:
        return [Finding("backup", False, _("{name} opens, but was made before backups carried "
                                           "their database's id", name=newest.name),
                        _("make a new one with '{make_one}'", make_one=make_one),
                        warning=True)]
    if mine is not None and theirs != mine:
        return [Finding("backup", False, _("{name} is a backup of another database, not of the "
                                           "one in use", name=newest.name),
                        _("make one now with '{make_one}'", make_one=make_one))]
    return [Finding("backup", True, _("the newest is {name}, {age_h:.0f} hours old; it opens "
                                      "with the current key and is of this database",
                                      name=newest.name, age_h=age_h))]


def _reason(error: UserError) -> str:
    text = str(error)
    return text.split(": ", 1)[1] if text.startswith("the backup ") and ": " in text else text


def _nightly_failure(folder: Path, newest: Path | None) -> str | None:
    """Why the last nightly backup failed, when it failed after the newest good one."""
    from decisionaid.services.closing import FAILED_FILE

    marker = folder / FAILED_FILE
    try:
        if newest is not None and marker.stat().st_mtime < newest.stat().st_mtime:
            return None
        return marker.read_text(encoding="utf-8").strip() or "no reason given"
    except OSError:
        return None


def database_id(config) -> str | None:
    """The configured database's own id (None when it cannot be read here)."""
    from sqlalchemy import select

    from decisionaid.storage.database import connect
    from decisionaid.storage.models import DatabaseIdentity

    try:
        with connect(config.database_url, config.db_key, create=False) as db:
            return db.read(lambda s: s.scalar(select(DatabaseIdentity.id)))
    except Exception:  # the database's own line says why
        return None


# ---- time zone ------------------------------------------------------------------------------


def local_zone_name() -> str:
    """The machine's time zone as a name (Region/City), as far as it can be told."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        return tz.removeprefix("/usr/share/zoneinfo/")
    try:
        return Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        pass
    try:
        target = os.readlink("/etc/localtime")
        return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else target
    except OSError:
        return time.tzname[0]


def check_time_zone(config) -> list[Finding]:
    name = local_zone_name()
    offset = datetime.now().astimezone().utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else 0.0
    shown = f"{name} (UTC{hours:+g})"
    closing = f"{config.closing_time:%H:%M}"
    if name in UTC_NAMES or (hours == 0 and name in time.tzname):
        return [Finding("time zone", False,
                        _("{shown}: the day closes at {closing} UTC, not at the clinic's "
                          "{closing}, and the times shown are UTC", shown=shown, closing=closing),
                        _("set the clinic's zone, as root: 'timedatectl set-timezone "
                          "Region/City' ('timedatectl list-timezones'), then restart the kiosk"),
                        warning=True)]
    return [Finding("time zone", True, _("{shown}; the day closes at {closing} local time",
                                         shown=shown, closing=closing))]


# ---- PostgreSQL client tools ----------------------------------------------------------------


def check_pg_tools(config) -> list[Finding]:
    """With PostgreSQL: pg_dump and pg_restore (the nightly backup and restore) are installed
    and not older than the server."""
    from decisionaid.storage.database import sqlite_path

    if sqlite_path(config.database_url) is not None:
        return []
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        return [Finding("pg_dump", False, _("{missing} not installed: the nightly backup of the "
                                            "PostgreSQL database cannot be made",
                                            missing=' and '.join(missing)),
                        _("install the PostgreSQL client as root: apt install postgresql-client"))]
    tool = _major(subprocess.run(["pg_dump", "--version"], capture_output=True, text=True,
                                 check=False).stdout)
    server = _server_major(config)
    if tool is not None and server is not None and tool < server:
        return [Finding("pg_dump", False, _("pg_dump {tool} cannot back up the PostgreSQL "
                                            "{server} server", tool=tool, server=server),
                        _("install postgresql-client-{server} (the PostgreSQL apt repository, "
                          "apt.postgresql.org)", server=server))]
    return [Finding("pg_dump", True, f"pg_dump {tool or '?'} is installed"
                    + (f" (server {server})" if server else ""))]


def _major(version_line: str) -> int | None:
    match = re.search(r"(\d+)(?:\.\d+)?", version_line)
    return int(match.group(1)) if match else None


def _server_major(config) -> int | None:
    from decisionaid.storage.database import connect

    try:
        with connect(config.database_url) as db, db.engine.connect() as conn:
            return int(conn.exec_driver_sql("SHOW server_version_num").scalar()) // 10000
    except Exception:  # unreachable: the database line says so
        return None
