"""Today's appointments on the Today board: who is expected, when and with whom, and how far
each person is (expected, arrived, at the kiosk, report ready, seen). A peer worker picks a
visit in the list below and links it to an appointment with one button, which also marks the
person arrived. Nothing here is ever shown at a kiosk."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from decisionaid.services.appointments import AppointmentLine
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import t
from decisionaid.ui.station.common import clock_time, fill, in_background, selected_key, table
from decisionaid.ui.station.services import PeerServices

COLUMNS = ("time", "name", "dob", "record", "prescriber", "visit_type", "status")


def status_words(line: AppointmentLine, language: str) -> str:
    return t(f"station_appt_{line.status}", language, visit_id=line.visit_id)


class AppointmentsPanel(QWidget):
    """The appointments table and its two buttons; ``changed`` asks the board to read again,
    ``message`` says what was done (or why not)."""

    changed = Signal()
    message = Signal(str, bool)  # text, is an error

    def __init__(self, services: PeerServices, member: StaffMember,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.member = member
        self.lines: list[AppointmentLine] = []
        self.visit_id: int | None = None  # the visit chosen in the list below
        lang = services.language
        self.heading = QLabel(t("station_appointments_heading", lang))
        self.heading.setProperty("role", "heading")
        self.arrived_button = QPushButton(t("station_mark_arrived", lang))
        self.link_button = QPushButton(t("station_link_pick", lang))
        self.link_button.setObjectName("link_appointment")
        self.arrived_button.setObjectName("mark_arrived")
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.arrived_button)
        bar.addWidget(self.link_button)
        self.list = table([t(f"station_col_{c}", lang) for c in COLUMNS])
        self.list.setObjectName("appointments_list")
        self.list.setMaximumHeight(220)
        for column, px in enumerate((70, 190, 120, 110, 130, 150)):
            self.list.setColumnWidth(column, px)
        self.empty = QLabel(t("station_no_appointments", lang))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.arrived_button.clicked.connect(self._mark_arrived)
        self.link_button.clicked.connect(self._link)
        self.show_lines([])

    def show_lines(self, lines: list[AppointmentLine]) -> None:
        lang = self.services.language
        chosen = selected_key(self.list)
        self.lines = lines
        keys = [a.id for a in lines]
        fill(self.list, [[clock_time(a.starts_at), a.name, a.date_of_birth.isoformat(),
                          a.record_number or "—", a.prescriber, a.visit_type or "—",
                          status_words(a, lang)] for a in lines], keys)
        self.empty.setVisible(not lines)
        self.list.setVisible(bool(lines))
        if chosen in keys:
            self.list.selectRow(keys.index(chosen))
        self._update_buttons()

    def imported(self, results: list) -> None:
        """What the watched schedule folder just brought in: one line per file, then the
        board is read again."""
        lang = self.services.language
        lines = [r if isinstance(r, str) else
                 t("station_schedule_imported", lang, file=r.file.name, added=r.added,
                   updated=r.updated, bad=len(r.problems)) for r in results]
        failed = any(isinstance(r, str) or r.problems for r in results)
        self.message.emit(" ".join(lines), failed)
        self.changed.emit()

    def choose_visit(self, visit_id: int | None) -> None:
        """The visit selected in the Today list: the one the link button links."""
        self.visit_id = visit_id
        self._update_buttons()

    def selected(self) -> AppointmentLine | None:
        key = selected_key(self.list)
        return next((a for a in self.lines if a.id == key), None)

    def _update_buttons(self) -> None:
        lang = self.services.language
        line = self.selected()
        self.arrived_button.setEnabled(line is not None and line.status == "expected")
        can_link = line is not None and self.visit_id is not None and line.visit_id is None
        self.link_button.setEnabled(can_link)
        self.link_button.setText(t("station_link_visit", lang, visit_id=self.visit_id)
                                 if self.visit_id is not None else t("station_link_pick", lang))

    def _mark_arrived(self) -> None:
        line = self.selected()
        if line is None:
            return
        s, lang = self.services, self.services.language
        self._run(lambda: s.appointments.mark_arrived(line.id, by=self.member),
                  t("station_marked_arrived", lang, name=line.name))

    def _link(self) -> None:
        line, visit_id = self.selected(), self.visit_id
        if line is None or visit_id is None:
            return
        s, lang = self.services, self.services.language
        self._run(lambda: s.appointments.link(line.id, visit_id, by=self.member),
                  t("station_linked", lang, visit_id=visit_id, name=line.name,
                    time=clock_time(line.starts_at)))

    def _run(self, work, done_text: str) -> None:
        self.arrived_button.setEnabled(False)
        self.link_button.setEnabled(False)
        in_background(self, work,
                      lambda _: (self.message.emit(done_text, False), self.changed.emit()),
                      lambda m: (self.message.emit(m, True), self.changed.emit()))
