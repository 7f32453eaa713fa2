"""The timer factories the windows are built with (``services.clock.Timers``).

``QtTimers`` is the real one: the only place a window's timed parts make Qt timers. ``FakeTime``
is the one tests and the demo hand in: time stands still until ``advance(seconds)``, which runs,
in order, exactly the timers that fall due within those seconds. It is a clock as well (calling
it gives the moment it stands at, aware UTC), so services and windows can share one time.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import shiboken6
from PySide6.QtCore import QObject, QTimer


class _QtTimer:
    def __init__(self, seconds: float, action: Callable[[], None], owner: QObject, repeat: bool):
        self._timer = QTimer(owner)  # destroyed with its owner, so it never fires after it
        self._timer.setSingleShot(not repeat)
        self._timer.setInterval(_ms(seconds))
        self._timer.timeout.connect(action)

    def start(self, seconds: float | None = None) -> None:
        if not shiboken6.isValid(self._timer):
            return
        if seconds is None:
            self._timer.start()
        else:
            self._timer.start(_ms(seconds))

    def stop(self) -> None:
        if shiboken6.isValid(self._timer):
            self._timer.stop()

    def is_active(self) -> bool:
        return shiboken6.isValid(self._timer) and self._timer.isActive()


def _ms(seconds: float) -> int:
    return max(0, min(2**31 - 1, round(seconds * 1000)))


class QtTimers:
    """Qt timers on the thread that makes them (the UI thread)."""

    def timer(self, seconds: float, action: Callable[[], None], owner: QObject, *,
              repeat: bool = False) -> _QtTimer:
        return _QtTimer(seconds, action, owner, repeat)

    def monotonic(self) -> float:
        return time.monotonic()


class _FakeTimer:
    def __init__(self, time_: FakeTime, seconds: float, action: Callable[[], None], owner, repeat: bool):
        self._time = time_
        self.interval = seconds
        self.action = action
        self.owner = owner
        self.repeat = repeat
        self.due: float | None = None
        self.order = 0

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
        return self.owner is None or not isinstance(self.owner, QObject) or shiboken6.isValid(self.owner)


class FakeTime:
    """Time that moves only when told: a clock (call it) and a ``Timers`` factory.

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
