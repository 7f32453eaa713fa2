"""The real timer factory the windows are built with (``services.clock.Timers``): the only
place a window's timed parts make Qt timers. Tests and the demo hand in ``services.clock.FakeTime``
instead."""

from __future__ import annotations

import time
from collections.abc import Callable

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
