"""Long work off the UI thread: the one helper every screen uses.

``run_in_background(work, on_done, on_failed)`` runs ``work()`` in Qt's thread pool and calls
``on_done(result)`` or ``on_failed(exception)`` back on the main thread. If the receiver (a
screen) has been destroyed by then, nothing is called: a screen cleared by the idle timeout
never comes back to life because a render finished late.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the main thread: signals from the worker reach its slots queued, in order."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, receiver: QObject, on_done, on_failed):
        super().__init__()
        self._receiver = receiver
        self._on_done = on_done
        self._on_failed = on_failed
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)
        _pending.add(self)

    def _take(self, which: str) -> Callable[[Any], None] | None:
        """The callback to call, or None if the receiver is gone. The relay lets go of the
        receiver and both callbacks first: nothing it is reached from keeps a screen alive."""
        _pending.discard(self)
        self.deleteLater()
        receiver, callback = self._receiver, getattr(self, which)
        self._receiver = self._on_done = self._on_failed = None
        return callback if receiver is not None and shiboken6.isValid(receiver) else None

    @Slot(object)
    def _deliver_done(self, result) -> None:
        if (callback := self._take("_on_done")) is not None:
            callback(result)

    @Slot(object)
    def _deliver_failed(self, error) -> None:
        if (callback := self._take("_on_failed")) is not None:
            callback(error)


# Relays waiting for their work: kept here, not parented to the receiver, so a receiver
# destroyed meanwhile cannot take the relay with it while the worker still reports to it.
_pending: set[_Relay] = set()


def _job(work: Callable[[], Any], relay: _Relay) -> Callable[[], None]:
    # A plain function for the pool, not a QRunnable subclass: a subclass's Python object can
    # outlive a job that ends before start() has returned (more often on a busy machine),
    # and with it what the job held (a screen, its page and its picture).
    def run() -> None:
        try:
            result = work()
        except Exception as e:  # reported to the caller on the main thread
            log.warning("background work failed: %s", type(e).__name__)
            relay.failed.emit(e)
        else:
            relay.done.emit(result)

    return run


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
    receiver: QObject,
) -> None:
    """Run ``work`` in the pool; deliver its result to ``receiver``'s thread (the UI thread).

    If ``receiver`` has been destroyed when the work ends, neither callback is called.
    """
    relay = _Relay(receiver, on_done, on_failed)
    QThreadPool.globalInstance().start(_job(work, relay))


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """Wait until no background work is left (closing the kiosk, tests, the demo)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
