"""The kiosk runs ``doctor``'s checks by itself each hour (and at once after a nightly backup
fails) and stores the result where the peer station shows it (``services.check_results``).

The checks run off the UI thread; nothing here decides what passes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from decisionaid.services.clock import Timers
from decisionaid.ui.common.operations import run_in_background

log = logging.getLogger(__name__)

EVERY_SECONDS = 3600


def check_and_record(config, db) -> str:
    """Run the checks that need no screen and store the result; returns the worst state."""
    from decisionaid.services.check_results import record
    from decisionaid.services.doctor import run_checks, worst

    findings = run_checks(config=config)
    record(db, findings)
    return worst(findings)


class MachineCheckTimer(QObject):
    """Runs ``check`` every ``every_seconds`` on the window's ``timers``, never two at once."""

    def __init__(self, config, db, parent: QObject, timers: Timers, *,
                 every_seconds: float = EVERY_SECONDS,
                 check: Callable[[object, object], str] = check_and_record):
        super().__init__(parent)
        self.config, self.db, self._check = config, db, check
        self._running = False
        self.timer = timers.timer(every_seconds, self.run_now, self, repeat=True)

    def start(self) -> None:
        self.timer.start()

    def run_now(self) -> None:
        if self._running:
            return
        self._running = True
        config, db, check = self.config, self.db, self._check

        def done(state: str) -> None:
            self._running = False
            if state != "ok":
                log.warning("the hourly machine check found problems (%s): the peer station "
                            "shows them", state)

        def failed(error: Exception) -> None:
            self._running = False
            log.warning("the hourly machine check could not run: %s", error)

        run_in_background(lambda: check(config, db), done, failed, self)
