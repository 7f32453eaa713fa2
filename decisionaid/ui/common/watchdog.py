"""Feeding systemd's watchdog from the Qt event loop (``services/systemd.py``).

The feeding is a timer on the UI thread's event loop: while the loop runs, ``WATCHDOG=1`` goes
out every half watchdog interval; if the loop hangs (a blocked UI thread, a dead lock) the
feeding stops and systemd restarts the kiosk. A crash is caught by ``Restart=`` anyway.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

from decisionaid.services import systemd


class WatchdogFeeder(QObject):
    """Feeds the watchdog while the event loop runs; does nothing outside systemd. ``timer`` is
    the Qt timer doing it (tests fire it by hand)."""

    def __init__(self, parent: QObject | None = None, environ: Mapping[str, str] | None = None):
        super().__init__(parent)
        self.environ = environ
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.feed)
        interval = systemd.watchdog_interval_s(environ)
        self.enabled = interval is not None
        if interval is not None:
            self.timer.setInterval(max(100, int(interval * 1000)))

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
