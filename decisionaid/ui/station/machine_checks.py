"""A band above every tab naming each machine whose latest ``doctor`` run failed (or warned),
with what to do, until a later run passes; and each machine whose checks have stopped.

The results are read from the database (``services.check_results``) every ``poll_seconds`` on a
worker thread; the checks' own lines are in English, as on the Admin tab.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from decisionaid.services.check_results import MachineResult, needing_attention
from decisionaid.ui.common.strings import t
from decisionaid.ui.station.common import clock_time, day_and_time
from decisionaid.ui.station.look import CONCERN_BG, CONCERN_FG
from decisionaid.ui.station.polled import PolledPanel

POLL_SECONDS = 60
SHOWN_PER_MACHINE = 3  # the first failures; the Admin tab's check shows them all


class MachineChecksBand(PolledPanel):
    """Hidden while every machine passes its checks."""

    def __init__(self, services, parent: QWidget | None = None, *,
                 poll_seconds: float = POLL_SECONDS):
        super().__init__(services, parent, poll_seconds=poll_seconds)
        self.setObjectName("machine_checks")
        self.setStyleSheet(f"QFrame#machine_checks {{ background: {CONCERN_BG}; }} "
                           f"QFrame#machine_checks QLabel {{ color: {CONCERN_FG}; }}")
        self.text = QLabel()
        self.text.setObjectName("machine_checks_text")
        self.text.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.text)
        self.hide()

    def read_work(self) -> Callable[[], list[MachineResult]]:
        db, clock = self.services.db, self.services.clock
        return lambda: needing_attention(db, clock=clock)

    def show_read_failed(self, message: str) -> None:
        pass  # unreadable: the board says so itself

    def show_read(self, results: list[MachineResult]) -> None:
        lang = self.services.language
        lines = []
        for result in results:
            if result.stale:
                lines.append(t("station_machine_not_checked", lang, machine=result.machine,
                               when=day_and_time(result.checked_at, lang)))
                continue
            for finding in result.problems[:SHOWN_PER_MACHINE]:
                lines.append(t("station_machine_failing", lang, machine=result.machine,
                               time=clock_time(result.checked_at), problem=finding.line()))
        self.text.setText("\n".join([t("station_machines_heading", lang), *lines]))
        self.setVisible(bool(lines))
