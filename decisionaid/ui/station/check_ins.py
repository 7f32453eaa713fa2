"""Safety check-ins on the Today board: a safety question someone left unanswered, "Please ask —
not answered". Shown in their own amber band, apart from the red safety flags and the blue help
requests, oldest first; a note and "Checked in" record the check-in (as for a flag) and it goes.

The band is filled from the board the Today screen reads every ``poll_seconds``; a new item sounds.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from decisionaid.services.check_ins import CheckIns, OpenCheckIn
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import t, tn
from decisionaid.ui.station.common import clock_time, in_background, show_message
from decisionaid.ui.station.look import CONCERN_BG, CONCERN_FG
from decisionaid.ui.station.polled import ListBand
from decisionaid.ui.station.services import PeerServices

BAND = (f"QFrame#check_in_band {{ background: {CONCERN_BG}; border: 2px solid {CONCERN_FG}; }}"
        f" QFrame#check_in_band QLabel {{ color: {CONCERN_FG}; }}"
        " QFrame#check_in_band QLabel#check_in_title { font-size: 15pt; font-weight: bold; }")


class CheckInRow(QWidget):
    """One unanswered safety question: who, which, when; a note and "Checked in"."""

    done = Signal(int, str)  # check-in id, note
    open_visit = Signal(int)

    def __init__(self, item: OpenCheckIn, language: str):
        super().__init__()
        self.item = item
        who = item.first_name or t("station_guest", language)
        self.text = QLabel(t("station_please_ask_line", language, time=clock_time(item.raised_at),
                             who=who, visit_id=item.visit_id, question=item.question))
        self.text.setWordWrap(True)
        self.text.setObjectName(f"check_in_line_{item.id}")
        self.note = QLineEdit()
        self.note.setPlaceholderText(t("station_check_in_note_hint", language))
        self.note.setObjectName(f"check_in_note_{item.id}")
        self.checked = QPushButton(t("station_checked_in", language))
        self.checked.setObjectName(f"check_in_{item.id}")
        self.checked.setEnabled(False)
        self.open = QPushButton(t("station_open_visit", language))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 3)
        row.addWidget(self.note, 2)
        row.addWidget(self.checked)
        row.addWidget(self.open)
        self.note.textChanged.connect(lambda text: self.checked.setEnabled(bool(text.strip())))
        self.note.returnPressed.connect(self._done)
        self.checked.clicked.connect(self._done)
        self.open.clicked.connect(lambda: self.open_visit.emit(item.visit_id))

    def _done(self) -> None:
        if self.note.text().strip():
            self.checked.setEnabled(False)
            self.done.emit(self.item.id, self.note.text().strip())


class CheckInsPanel(ListBand):
    """The band of open check-ins (hidden while there are none), filled from the board's read.
    ``recorded`` after one is saved, so the board reads itself again."""

    recorded = Signal()
    open_visit = Signal(int)

    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(services, "check_in", BAND, parent)
        self.member = member
        self.check_ins = CheckIns(services.db, services.content, clock=services.clock,
                                 language=services.language)

    def make_row(self, item: OpenCheckIn) -> CheckInRow:
        row = CheckInRow(item, self.services.language)
        row.done.connect(self._record)
        row.open_visit.connect(self.open_visit)
        return row

    def title_for(self, count: int) -> str:
        return tn("station_please_ask_title", count, self.services.language)

    def _record(self, item_id: int, note: str) -> None:
        check_ins, member, lang = self.check_ins, self.member, self.services.language
        in_background(
            self, lambda: check_ins.acknowledge(item_id, staff_id=member.id, note=note),
            lambda _: (show_message(self.message, t("station_check_in_saved", lang)), self.recorded.emit()),
            lambda m: (show_message(self.message, m, error=True), self.recorded.emit()),
        )
