"""The watched schedule folder, read every ``appointments.poll_seconds`` while the peer station
runs: each file the clinic's system drops there is imported off the UI thread and moved to
``done/`` or ``failed/`` (see ``services.appointments.ScheduleFolder``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from decisionaid.services.appointments import ScheduleFolder
from decisionaid.services.clock import Timers
from decisionaid.ui.common.operations import run_in_background

log = logging.getLogger(__name__)


class ScheduleWatch(QObject):
    """Polls the folder every ``poll_seconds`` on the station's ``timers``; ``imported`` carries
    what each poll did (a list of ``ImportResult`` or one-line reasons a file could not be
    read)."""

    imported = Signal(object)

    def __init__(self, folder: ScheduleFolder, poll_seconds: float, parent: QObject,
                 timers: Timers):
        super().__init__(parent)
        self.folder = folder
        self._running = False
        self.timer = timers.timer(poll_seconds, self.check, self, repeat=True)

    def start(self) -> None:
        self.check()
        self.timer.start()

    @property
    def running(self) -> bool:
        """An import is out and has not come back yet."""
        return self._running

    def check(self) -> None:
        """Import what is waiting now (the timer calls this; tests may too)."""
        if self._running or not self.folder.waiting():
            return
        self._running = True

        def done(results) -> None:
            self._running = False
            for result in results:
                log.info("schedule folder: %s", result if isinstance(result, str)
                         else result.summary())
            self.imported.emit(results)

        def failed(error: Exception) -> None:
            self._running = False
            log.warning("could not import from the schedule folder: %s", error)

        run_in_background(self.folder.poll, done, failed, self)


def watch_schedule_folder(services, parent: QObject) -> ScheduleWatch | None:
    """Start polling the configured ``appointments.watch_folder``; None when there is none.
    Imports are recorded as the operating-system user the station runs as."""
    settings = services.config.appointments
    if settings.watch_folder is None:
        return None
    watch = ScheduleWatch(ScheduleFolder(services.appointments, settings, settings.watch_folder),
                          settings.poll_seconds, parent, services.timers)
    watch.start()
    return watch
