"""The timer that closes the day at the site's closing time, in the kiosk and the peer station.

It only asks ``CloseOfDay`` (which decides from the clock service) and runs ``close_the_day``
off the UI thread; nothing here waits or decides.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from decisionaid.services.clock import Timers
from decisionaid.services.closing import CloseOfDay, DayClosed, close_the_day
from decisionaid.ui.common.operations import run_in_background

log = logging.getLogger(__name__)


class ClosingTimer(QObject):
    """Closes the day when it is due; ``closed`` says what was done."""

    closed = Signal(object)  # DayClosed

    def __init__(self, visits, config, parent: QObject, timers: Timers, *,
                 close: Callable[..., DayClosed] = close_the_day):
        super().__init__(parent)
        self.visits = visits
        self.config = config
        self.schedule = CloseOfDay(config.closing_time, clock=visits.clock,
                                   retry_after_s=config.idle_timeout_s)
        self._close = close
        self._running = False
        self.timer = timers.timer(0, self.check, self)

    def start(self) -> None:
        self._arm()

    def _arm(self) -> None:
        self.timer.start(self.schedule.seconds_until_check())

    def check(self) -> None:
        """Close the day now if it is due (the timer calls this; tests may too)."""
        moment = self.schedule.due()
        if moment is None or self._running:
            self._arm()
            return
        self._running = True

        def done(result: DayClosed) -> None:
            self._running = False
            self.schedule.ran(moment, result.still_open)
            self.closed.emit(result)
            self._arm()

        def failed(error: Exception) -> None:
            self._running = False
            log.warning("could not close the day: %s", error)
            self.schedule.failed()
            self._arm()

        visits, config, close = self.visits, self.config, self._close
        run_in_background(lambda: close(visits, config, moment), done, failed, self)
