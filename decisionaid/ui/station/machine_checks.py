"""A band above every tab naming each machine whose latest ``doctor`` run failed (or warned),
with what to do, until a later run passes; and each machine whose checks have stopped.

The results are read from the database (``services.check_results``) every ``poll_ms`` on a
worker thread; the checks' own lines are in English, as on the Admin tab.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from decisionaid.services.check_results import MachineResult, needing_attention
from decisionaid.ui.common.strings import t
from decisionaid.ui.station.common import clock_time, day_and_time, in_background
from decisionaid.ui.station.look import CONCERN_BG, CONCERN_FG

POLL_MS = 60_000
SHOWN_PER_MACHINE = 3  # the first failures; the Admin tab's check shows them all


class MachineChecksBand(QFrame):
    """Hidden while every machine passes its checks."""

    def __init__(self, services, parent: QWidget | None = None, *, poll_ms: int = POLL_MS):
        super().__init__(parent)
        self.services = services
        self.setObjectName("machine_checks")
        self.setStyleSheet(f"QFrame#machine_checks {{ background: {CONCERN_BG}; }} "
                           f"QFrame#machine_checks QLabel {{ color: {CONCERN_FG}; }}")
        self.text = QLabel()
        self.text.setObjectName("machine_checks_text")
        self.text.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.text)
        self.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self.refresh()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        db, clock = self.services.db, self.services.clock
        in_background(self, lambda: needing_attention(db, clock=clock), self.show_results,
                      lambda _message: None)  # unreadable: the board says so itself

    def show_results(self, results: list[MachineResult]) -> None:
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
