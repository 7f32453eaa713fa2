"""Close of day: at the site's ``closing_time`` unfinished visits become ``incomplete`` (their
flags stay open for review) and the nightly backup follows, without restarting anything.

``CloseOfDay`` only decides *when*, from the clock service, so it is tested with a fake clock;
the kiosk and the peer station each ask it from a timer and run ``close_the_day`` off their UI
thread when it says so. Several processes may do this at once: closing is one UPDATE that
finds nothing left the second time, and the backup is made once per data folder and day.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from decisionaid.services.clock import Clock, utc_now

log = logging.getLogger(__name__)

CHECK_AT_MOST_S = 60  # re-read the clock at least this often: it may be changed or jump


def closing_moment(day: date, closing: time) -> datetime:
    """``closing`` on local ``day`` as aware UTC (in the machine's time zone, on that day)."""
    return datetime.combine(day, closing).astimezone().astimezone(UTC)


@dataclass
class CloseOfDay:
    """When this process should close the day next."""

    closing_time: time
    clock: Clock = utc_now
    retry_after_s: float = 180.0  # someone was still answering: look again this much later
    done_for: date | None = None  # the local day whose close is done
    _retry_at: datetime | None = None

    def _today(self, now: datetime) -> date:
        return now.astimezone().date()

    def due(self) -> datetime | None:
        """The closing moment to close the day at, if that is now; else None."""
        now = self.clock()
        day = self._today(now)
        moment = closing_moment(day, self.closing_time)
        if now < moment or self.done_for == day:
            return None
        if self._retry_at is not None and now < self._retry_at:
            return None
        return moment

    def ran(self, moment: datetime, still_open: int) -> None:
        """Record a close at ``moment``; with visits still being answered, look again later."""
        if still_open:
            self._retry_at = self.clock() + timedelta(seconds=self.retry_after_s)
        else:
            self.done_for = self._today(moment)
            self._retry_at = None

    def failed(self) -> None:
        """The close could not be done (e.g. the database was unreachable): try again later."""
        self._retry_at = self.clock() + timedelta(seconds=self.retry_after_s)

    def seconds_until_check(self) -> float:
        """How long a timer should wait before asking ``due`` again (1 s to a minute)."""
        now = self.clock()
        day = self._today(now)
        moment = closing_moment(day, self.closing_time)
        if now < moment:
            target = moment
        elif self.done_for == day:
            target = closing_moment(day + timedelta(days=1), self.closing_time)
        else:
            target = self._retry_at or now  # due now, or after the retry wait
        return max(1.0, min(CHECK_AT_MOST_S, (target - now).total_seconds()))


@dataclass(frozen=True)
class DayClosed:
    moment: datetime
    closed: int  # visits marked incomplete
    still_open: int  # visits someone is still answering
    backup: Path | None  # the nightly backup made now, if this process made it
    backup_problem: str | None = None


def close_the_day(visits, config, moment: datetime, *,
                  backup: Callable[[object], Path] | None = None,
                  lock_folder: Path | None = None) -> DayClosed:
    """Close the unfinished visits started before ``moment``, then make the nightly backup
    unless it was already made for ``moment`` (by another kiosk on this machine).

    A visit with an answer saved within the site's idle timeout is left open: someone is still
    answering. It is closed at the next look, once they have stopped.
    """
    now = visits.clock()
    active_since = now - timedelta(seconds=config.idle_timeout_s)
    closed = visits.close_day(before=moment, idle_since=active_since)
    still_open = visits.open_before(moment)
    if closed:
        log.info("close of day: %d unfinished visit(s) marked incomplete", closed)
    made, problem = None, None
    if still_open == 0:
        made, problem = _nightly_backup(config, moment, backup, lock_folder)
    return DayClosed(moment, closed, still_open, made, problem)


DONE_FILE = ".nightly-done"  # the closing moment whose backup was made, beside the backups
FAILED_FILE = ".nightly-failed"  # why the last nightly backup failed (doctor shows it)


def _nightly_backup(config, moment, backup, lock_folder):
    if backup is None or lock_folder is None:
        from decisionaid.storage import backup as backups

        backup = backup or backups.nightly_backup
        lock_folder = lock_folder or backups.backups_dir()
    with _only_one(lock_folder) as mine:
        if not mine:
            return None, None  # another process on this machine is making it
        done = Path(lock_folder) / DONE_FILE
        with contextlib.suppress(OSError):
            if done.read_text(encoding="utf-8").strip() == moment.isoformat():
                return None, None
        try:
            made = backup(config)
        except Exception as e:  # doctor reports it at the peer station; the day is closed
            log.warning("the nightly backup failed: %s", e)
            with contextlib.suppress(OSError):
                (Path(lock_folder) / FAILED_FILE).write_text(f"{e}\n", encoding="utf-8")
            return None, str(e)
        done.write_text(moment.isoformat() + "\n", encoding="utf-8")
        (Path(lock_folder) / FAILED_FILE).unlink(missing_ok=True)
        log.info("nightly backup written to %s", made)
        return made, None


@contextlib.contextmanager
def _only_one(folder: Path):
    """True inside when this process holds the nightly-backup lock of ``folder``."""
    from decisionaid import files

    files.private_dir(folder)
    if os.name != "posix":
        yield True
        return
    import fcntl

    fd = os.open(folder / ".nightly.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)
