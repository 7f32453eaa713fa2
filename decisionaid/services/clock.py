"""Time, behind a facade tests can replace: services take a ``clock`` returning aware UTC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_day_start(moment: datetime) -> datetime:
    """Midnight (in the machine's time zone) of the day ``moment`` falls on, as aware UTC."""
    local = moment.astimezone()
    midnight = datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)
    return midnight.astimezone(UTC)


def local_day_bounds(moment: datetime) -> tuple[datetime, datetime]:
    start = local_day_start(moment)
    end = local_day_start(start + timedelta(hours=36))  # robust to 23- and 25-hour days
    return start, end
