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
from decisionaid.services.findings import Finding

BACKUP_MAX_AGE_H = 26  # a nightly backup more than a day (and a late closing) old: last night's failed
UTC_NAMES = {"UTC", "UCT", "Etc/UTC", "Etc/UCT", "Universal", "Etc/Universal", "Zulu",
             "Etc/Zulu", "GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0"}


# ---- printer --------------------------------------------------------------------------------


def check_printer(config) -> list[Finding]:
    from decisionaid.report.printing import CupsPrinter, PrintError, cups_available

    if not cups_available():
        return [Finding("printer", False, "CUPS is not installed",
                        "install cups and cups-client, then add the printer (docs/install.md)")]
    printer = CupsPrinter(config.printer, timeout=10)
    try:
        printer.check()
        queue = printer.queue_name()
        problem = printer.device_problem()
    except PrintError as e:
        text, _, fix = str(e).partition(": ")
        return [Finding("printer", False, text, fix or "see docs/install.md, Printer")]
    if problem:
        text, _, why = problem.partition(": ")
        return [Finding("printer", False, f"{text}: {why}" if why else text,
                        "switch the printer on and check its cable or network; reports wait in "
                        f"the queue until it answers ('lpstat -l -p {queue}' shows why)")]
    return [Finding("printer", True, f"'{queue}' is accepting jobs and its printer answers")]


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
        return [Finding("backup", False, f"last night's backup failed: {failed}",
                        f"mend what the line says, then run '{make_one}'")]
    if newest is None:
        other = backups.last_backup()
        kind = "SQLite" if suffix == ".db" else "PostgreSQL"
        if other is not None:
            return [Finding("backup", False, f"no backup of this {kind} database in {folder}: "
                            f"the newest, {other.name}, is of the database used before",
                            f"make one now with '{make_one}'")]
        return [Finding("backup", False, f"no nightly backup in {folder} yet",
                        f"make one now with '{make_one}'; after that a running kiosk makes "
                        f"one each day at closing time ({config.closing_time:%H:%M})")]
    age_h = ((now or time.time()) - newest.stat().st_mtime) / 3600
    if age_h > BACKUP_MAX_AGE_H:
        return [Finding("backup", False, f"the newest is {newest.name}, {age_h:.0f} hours old",
                        "last night's backup did not run: look in the kiosk's log, then run "
                        f"'{make_one}'")]
    try:
        backups.check_backup(config, newest)
        theirs = backups.backup_database_id(config, newest)
    except UserError as e:
        return [Finding("backup", False, f"{newest.name} cannot be restored with this "
                        f"configuration ({_reason(e)})",
                        f"make a new one now with '{make_one}' (after a key change, a backup "
                        "opens only with the old key: keep that key with it)")]
    mine = database_id(config)
    if theirs is None:
        return [Finding("backup", False, f"{newest.name} opens, but was made before backups "
                        "carried their database's id", f"make a new one with '{make_one}'",
                        warning=True)]
    if mine is not None and theirs != mine:
        return [Finding("backup", False, f"{newest.name} is a backup of another database, "
                        "not of the one in use", f"make one now with '{make_one}'")]
    return [Finding("backup", True, f"the newest is {newest.name}, {age_h:.0f} hours old; it "
                    "opens with the current key and is of this database")]


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
                        f"{shown}: the day closes at {closing} UTC, not at the clinic's "
                        f"{closing}, and the times shown are UTC",
                        "set the clinic's zone, as root: 'timedatectl set-timezone Region/City' "
                        "('timedatectl list-timezones'), then restart the kiosk", warning=True)]
    return [Finding("time zone", True, f"{shown}; the day closes at {closing} local time")]


# ---- PostgreSQL client tools ----------------------------------------------------------------


def check_pg_tools(config) -> list[Finding]:
    """With PostgreSQL: pg_dump and pg_restore (the nightly backup and restore) are installed
    and not older than the server."""
    from decisionaid.storage.database import sqlite_path

    if sqlite_path(config.database_url) is not None:
        return []
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        return [Finding("pg_dump", False, f"{' and '.join(missing)} not installed: the nightly "
                        "backup of the PostgreSQL database cannot be made",
                        "install the PostgreSQL client as root: apt install postgresql-client")]
    tool = _major(subprocess.run(["pg_dump", "--version"], capture_output=True, text=True,
                                 check=False).stdout)
    server = _server_major(config)
    if tool is not None and server is not None and tool < server:
        return [Finding("pg_dump", False, f"pg_dump {tool} cannot back up the PostgreSQL "
                        f"{server} server", f"install postgresql-client-{server} (the "
                        "PostgreSQL apt repository, apt.postgresql.org)")]
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
