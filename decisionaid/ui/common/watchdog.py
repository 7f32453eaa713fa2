"""Feeding systemd's watchdog from the Qt event loop (``services/systemd.py``).

The feeding is a timer on the UI thread's event loop: while the loop runs, ``WATCHDOG=1`` goes
out every half watchdog interval; if the loop hangs (a blocked UI thread, a dead lock) the
feeding stops and systemd restarts the kiosk. A crash is caught by ``Restart=`` anyway.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject

from decisionaid.services import systemd
from decisionaid.services.clock import Timers


class WatchdogFeeder(QObject):
    """Feeds the watchdog while the event loop runs; does nothing outside systemd. ``timer``
    does it, from ``timers`` (None: Qt's; tests move fake time)."""

    def __init__(self, parent: QObject | None = None, environ: Mapping[str, str] | None = None,
                 timers: Timers | None = None):
        super().__init__(parent)
        from decisionaid.ui.common.timers import QtTimers

        self.environ = environ
        interval = systemd.watchdog_interval_s(environ)
        self.enabled = interval is not None
        self.interval_s = max(0.1, interval) if interval is not None else 0.0
        self.timer = (timers or QtTimers()).timer(self.interval_s, self.feed, self, repeat=True)

    def start(self) -> None:
        """Say the service is up and start feeding."""
        if self.enabled:
            systemd.notify("READY=1", self.environ)
            self.feed()
            self.timer.start()

    def feed(self) -> None:
        systemd.notify("WATCHDOG=1", self.environ)

    def status(self, words: str) -> None:
        """A line ``systemctl status`` shows (e.g. that the kiosk is resting, and why)."""
        systemd.notify(f"STATUS={words}", self.environ)

    def stop(self) -> None:
        self.timer.stop()
