"""Close of day at the site's closing time, driven by the clock service (a fake clock here):
unfinished visits become incomplete with their flags kept, then the nightly backup follows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from decisionaid.config import Config
from decisionaid.content.model import ItemRef
from decisionaid.services.closing import CloseOfDay, close_the_day, closing_moment
from decisionaid.services.visits import VisitService

SAD = ItemRef("feelings", "sad")
HARM = ItemRef("feelings", "harm-self")


def at(clock, hh: int, mm: int = 0) -> None:
    """Move the fake clock to hh:mm local time, today."""
    local = clock.now.astimezone().replace(hour=hh, minute=mm, second=0, microsecond=0)
    clock.now = local.astimezone(UTC)


def test_the_default_closing_time_is_six_in_the_evening():
    assert Config().closing_time == time(18, 0)


def test_the_close_is_due_at_the_closing_time_once_a_day(clock):
    schedule = CloseOfDay(time(18, 0), clock=clock)
    assert schedule.due() is None  # noon
    assert schedule.seconds_until_check() == 60  # the timer looks again within a minute
    at(clock, 17, 59)
    assert schedule.due() is None and schedule.seconds_until_check() == 60
    clock.advance(seconds=50)
    assert schedule.seconds_until_check() == 10
    at(clock, 18, 0)
    moment = schedule.due()
    assert moment == clock.now and moment.astimezone().time() == time(18, 0)
    schedule.ran(moment, still_open=0)
    at(clock, 21, 0)
    assert schedule.due() is None
    clock.advance(days=1)
    at(clock, 18, 30)
    assert schedule.due() == closing_moment(clock.now.astimezone().date(), time(18, 0))


def test_a_kiosk_started_after_closing_time_closes_the_day_at_once(clock):
    at(clock, 19, 0)
    assert CloseOfDay(time(18, 0), clock=clock).due() is not None


def test_someone_still_answering_is_looked_at_again_after_the_idle_time(clock):
    schedule = CloseOfDay(time(18, 0), clock=clock, retry_after_s=180)
    at(clock, 18, 0)
    moment = schedule.due()
    schedule.ran(moment, still_open=1)
    assert schedule.due() is None
    assert schedule.seconds_until_check() == 60
    clock.advance(seconds=179)
    assert schedule.seconds_until_check() == 1
    clock.advance(seconds=1)
    assert schedule.due() == moment


@pytest.fixture
def visits(database, visit_content, clock) -> VisitService:
    return VisitService(database, visit_content, clock=clock)


class Backups:
    """Stands in for the nightly backup: files in a folder."""

    def __init__(self, folder: Path, clock):
        self.folder, self.clock, self.made = folder, clock, []

    def backup(self, config) -> Path:
        path = self.folder / f"nightly-{len(self.made)}.db"
        path.write_bytes(b"backup")
        self.made.append(path)
        return path

    def close(self, visits, config, moment):
        return close_the_day(visits, config, moment, backup=self.backup, lock_folder=self.folder)


def test_at_closing_time_unfinished_visits_close_with_their_flags_then_the_backup(
        visits, clock, tmp_path):
    config = replace(Config(), idle_timeout_s=180)
    backups = Backups(tmp_path, clock)
    left = visits.start()
    left.go_to(HARM)
    left.confirm(1)  # raises a safety flag
    at(clock, 14, 0)
    done = visits.start()
    done.go_to(SAD)
    done.confirm(1)
    done.finish()
    at(clock, 17, 58)
    answering = visits.start()
    answering.go_to(SAD)
    answering.confirm(2)
    at(clock, 18, 0)
    schedule = CloseOfDay(config.closing_time, clock=clock, retry_after_s=config.idle_timeout_s)
    moment = schedule.due()

    first = backups.close(visits, config, moment)
    assert (first.closed, first.still_open, first.backup) == (1, 1, None)
    assert visits.load(left.id).state == "incomplete"
    assert visits.load(done.id).state == "complete"
    assert visits.load(answering.id).state == "in_progress"
    assert [f.acknowledged for f in visits.load(left.id).flags] == [False]
    schedule.ran(moment, first.still_open)

    clock.advance(seconds=config.idle_timeout_s)
    assert schedule.due() == moment
    second = backups.close(visits, config, moment)
    assert (second.closed, second.still_open) == (1, 0)
    assert visits.load(answering.id).state == "incomplete"
    assert second.backup == backups.made[0]
    schedule.ran(moment, second.still_open)

    # Another kiosk on this machine closing the same day finds nothing left and no backup to make.
    again = backups.close(visits, config, moment)
    assert (again.closed, again.still_open, again.backup) == (0, 0, None)
    assert len(backups.made) == 1


def test_a_failing_backup_is_reported_and_the_day_still_closes(visits, clock, tmp_path):
    config = Config()
    left = visits.start()
    left.go_to(SAD)
    left.confirm(3)
    at(clock, 18, 30)

    def broken(_config):
        raise RuntimeError("no space left on the disk")

    result = close_the_day(visits, config, closing_moment(clock.now.astimezone().date(), time(18)),
                           backup=broken, lock_folder=tmp_path)
    assert result.closed == 1 and result.backup is None
    assert "no space left" in result.backup_problem


def test_the_closing_moment_follows_the_local_time_zone():
    day = datetime(2026, 7, 1).date()
    moment = closing_moment(day, time(18, 0))
    assert moment.tzinfo is UTC
    assert moment.astimezone().replace(tzinfo=None) == datetime(2026, 7, 1, 18, 0)


def test_the_real_nightly_backup_follows_the_close_once(visits, clock, database):
    from decisionaid.storage.backup import backups_dir, last_backup

    config = replace(Config(), database_url=database.url.render_as_string(hide_password=False))
    left = visits.start()
    left.go_to(SAD)
    left.confirm(2)
    at(clock, 18, 5)
    moment = closing_moment(clock.now.astimezone().date(), time(18))
    first = close_the_day(visits, config, moment)
    assert first.closed == 1 and first.backup_problem is None
    assert first.backup is not None and first.backup.parent == backups_dir()
    assert last_backup() == first.backup
    again = close_the_day(visits, config, moment)
    assert again.backup is None  # already made since closing time
