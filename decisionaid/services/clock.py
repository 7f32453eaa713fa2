"""Time, behind facades tests can replace: services take a ``clock`` returning aware UTC, and
the windows a ``Timers`` factory (the Qt one in ``ui/common/timers.py``, a fake in tests)."""

from __future__ import annotations

import itertools
import threading
import time as _time
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


class _ThreadTimer:
    def __init__(self, seconds: float, action: Callable[[], None]):
        self._seconds = seconds
        self._action = action
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def start(self, seconds: float | None = None) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self._seconds if seconds is None else seconds, self._fire)
            self._timer.daemon = True  # never keeps a closing program alive
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            self._timer = None
        self._action()

    def stop(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def is_active(self) -> bool:
        return self._timer is not None


class ThreadTimers:
    """Timers for services with no event loop (the kiosk's saving thread): each calls its
    action on a thread of its own. ``owner`` is not used."""

    def timer(self, seconds: float, action: Callable[[], None], owner: object = None, *,
              repeat: bool = False) -> _ThreadTimer:
        if repeat:
            raise ValueError("thread timers are one-shot")
        return _ThreadTimer(seconds, action)

    def monotonic(self) -> float:
        return _time.monotonic()


def _never() -> None:
    """The action of a timer whose owner is gone: it never fires."""


class _FakeTimer:
    def __init__(self, time_: FakeTime, seconds: float, action: Callable[[], None], owner, repeat: bool):
        self._time = time_
        self.interval = seconds
        self.action = action
        self.owner = owner
        self.repeat = repeat
        self.due: float | None = None
        self.order = 0
        self.owner_gone = False
        # A Qt owner says when it is destroyed; the timer goes with it (as a Qt timer would).
        destroyed = getattr(owner, "destroyed", None)
        if destroyed is not None:
            destroyed.connect(self._owner_destroyed)

    def _owner_destroyed(self, *_args) -> None:
        self.owner_gone = True
        # What it would have run, and its owner's Python side, are let go with it: time that
        # stands still (the demo's) would otherwise hold every screen that ever had a timer.
        self.action = _never
        self.owner = None

    def start(self, seconds: float | None = None) -> None:
        if seconds is not None and not self.repeat:
            self.interval = seconds
        self.due = self._time.elapsed + (self.interval if seconds is None else seconds)
        self.order = next(self._time._order)

    def stop(self) -> None:
        self.due = None

    def is_active(self) -> bool:
        return self.due is not None and self.alive

    @property
    def alive(self) -> bool:
        return not self.owner_gone


class FakeTime:
    """Time that moves only when told, for tests and the demo: a clock (call it: the moment it
    stands at, aware UTC) and a ``Timers`` factory, so services and windows share one time.

    ``advance(seconds)`` moves time forward, firing each timer that falls due on the way at its
    own moment (a repeating one as often as it falls due); a timer whose owner has been
    destroyed never fires. Nothing else ever fires: a test that does not advance sees no
    timeout however long it (or the machine) takes.
    """

    def __init__(self, start: datetime | None = None):
        self.start = start or datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
        self.elapsed = 0.0  # seconds moved since ``start``
        self._timers: list[_FakeTimer] = []
        self._order = itertools.count()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return self.elapsed

    def timer(self, seconds: float, action: Callable[[], None], owner, *,
              repeat: bool = False) -> _FakeTimer:
        made = _FakeTimer(self, seconds, action, owner, repeat)
        self._forget_dead()  # also where time is never moved on (the demo's pictures)
        self._timers.append(made)
        return made

    def pending(self) -> list[float]:
        """When the running timers fall due, in seconds from now, soonest first."""
        self._forget_dead()
        return sorted(t.due - self.elapsed for t in self._timers if t.due is not None)

    def advance(self, seconds: float) -> None:
        """Move time ``seconds`` forward, firing what falls due, in order."""
        end = self.elapsed + seconds
        while True:
            self._forget_dead()
            due = [t for t in self._timers if t.due is not None and t.due <= end]
            if not due:
                break
            first = min(due, key=lambda t: (t.due, t.order))
            self.elapsed = max(self.elapsed, first.due)
            if first.repeat:
                first.due = self.elapsed + max(first.interval, 1e-3)
            else:
                first.due = None
            first.action()
        self.elapsed = end

    def _forget_dead(self) -> None:
        self._timers = [t for t in self._timers if t.alive]
