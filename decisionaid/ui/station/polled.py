"""The station's panels that keep themselves current: today's board, the help requests, the
prescriber's reports. Each reads the database off the UI thread every ``poll_ms`` while it is
started (or every ``poll_seconds`` it is given), never two reads at once, and shows what came
back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFrame, QWidget

from decisionaid.ui.station.common import in_background
from decisionaid.ui.station.services import PeerServices


class PolledPanel(QFrame):
    """A panel that reads ``read_work()`` on the station's timers; subclasses show the result
    (``show_read``) or the one line saying why it could not be read (``show_read_failed``)."""

    def __init__(self, services: PeerServices, parent: QWidget | None = None, *,
                 poll_seconds: float | None = None):
        super().__init__(parent)
        self.services = services
        self._reading = False
        self.read_once = False  # at least one read has come back (tests wait on it)
        self.reads = 0  # reads come back so far, shown or failed
        every = services.poll_ms / 1000 if poll_seconds is None else poll_seconds
        self.poll = services.timers.timer(every, self.refresh, self, repeat=True)

    @property
    def reading(self) -> bool:
        """A read is out and has not come back yet."""
        return self._reading

    def start(self) -> None:
        self.refresh()
        self.poll.start()

    def stop(self) -> None:
        self.poll.stop()

    def refresh(self) -> None:
        if self._reading:  # a slow read is still out: never stack them up
            return
        self._reading = True
        in_background(self, self.read_work(), self._read_done, self._read_failed)

    def read_work(self) -> Callable[[], Any]:
        """What to read, as a function to run off the UI thread."""
        raise NotImplementedError

    def show_read(self, result: Any) -> None:
        raise NotImplementedError

    def show_read_failed(self, message: str) -> None:
        raise NotImplementedError

    def _read_done(self, result: Any) -> None:
        self._reading = False
        self.show_read(result)
        self._came_back()

    def _read_failed(self, message: str) -> None:
        self._reading = False
        self.show_read_failed(message)
        self._came_back()

    def _came_back(self) -> None:
        self.read_once = True
        self.reads += 1
