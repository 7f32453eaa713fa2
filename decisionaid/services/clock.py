"""Time, behind facades tests can replace: services take a ``clock`` returning aware UTC, and
the windows a ``Timers`` factory (the Qt one in ``ui/common/timers.py``, a fake in tests)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Protocol

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


class Timer(Protocol):
    """One timer from a ``Timers`` factory: calls its action when it falls due."""

    def start(self, seconds: float | None = None) -> None:
        """(Re)start it: due ``seconds`` from now (None: its own interval)."""

    def stop(self) -> None: ...

    def is_active(self) -> bool: ...


class Timers(Protocol):
    """Where every timed part of the windows gets its timers (idle, warnings, polling, saving's
    hold, closing time). The real factory runs Qt timers; tests hand in a fake whose
    ``advance(seconds)`` runs exactly what falls due."""

    def timer(self, seconds: float, action: Callable[[], None], owner: object, *,
              repeat: bool = False) -> Timer:
        """A stopped timer calling ``action`` ``seconds`` after each ``start`` (every
        ``seconds`` while running, with ``repeat``). It goes with ``owner`` (a QObject): it never
        fires once the owner is destroyed."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start, never going back (for "how long since")."""
