"""Today: who is at the kiosk now and how far they are, and, above everything, anyone who
answered a safety question and has not been checked in with yet.

The board is read every ``poll_seconds`` (2 s) on a worker thread, so a safety answer on any kiosk
sharing the database shows here within a few seconds. A new safety flag sounds, flashes the
banner and asks the desktop for attention. Acknowledging one needs a note saying what was done.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from decisionaid.services import reads
from decisionaid.services.peer_queries import Board, OpenSafetyFlag
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import t, tn
from decisionaid.ui.station.appointments import AppointmentsPanel
from decisionaid.ui.station.check_ins import CheckInsPanel
from decisionaid.ui.station.common import (
    RED,
    alerts_words,
    clock_time,
    fill,
    in_background,
    message_label,
    selected_key,
    show_message,
    state_words,
    table,
    today_words,
)
from decisionaid.ui.station.help_requests import HelpRequestsPanel
from decisionaid.ui.station.look import CONCERN_BG, CONCERN_FG, SAFETY_BG, SAFETY_FG
from decisionaid.ui.station.polled import PolledPanel
from decisionaid.ui.station.services import PeerServices

BANNER_ON = f"QFrame#safety_banner {{ background: {RED}; }} QFrame#safety_banner QLabel {{ color: white; }}"
FLASH_S = 0.4  # the banner's flashing, on and off, when a new safety flag comes in
BANNER_MAX_PX = 230  # however many flags are open, the list of visits stays in sight
BANNER_FLASH = "QFrame#safety_banner { background: #ffd600; } QFrame#safety_banner QLabel { color: black; }"


class SafetyRow(QWidget):
    """One person's open safety flags: who, what, when; a note and the Acknowledge button (which
    acknowledges all of them: one check-in covers everything they told us)."""

    acknowledge = Signal(object, str)  # flag ids, note
    open_visit = Signal(int)

    def __init__(self, flags: list[OpenSafetyFlag], language: str = "en",
                 parent: QWidget | None = None):
        super().__init__(parent)
        flag = flags[-1]  # the first raised
        self.flag = flag
        self.flags = flags
        who = flag.first_name or t("station_guest", language)
        said = "; ".join(f"{f.question} — “{f.answer}”" for f in reversed(flags))
        self.text = QLabel(t("station_flag_line", language, time=clock_time(flag.raised_at),
                             who=who, visit_id=flag.visit_id, said=said))
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-weight: bold;")
        self.note = QLineEdit()
        self.note.setPlaceholderText(t("station_ack_note_hint", language))
        self.note.setObjectName(f"ack_note_{flag.visit_id}")
        self.ack = QPushButton(t("station_acknowledge", language))
        self.ack.setObjectName(f"ack_{flag.visit_id}")
        self.ack.setEnabled(False)
        self.open = QPushButton(t("station_open_visit", language))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 3)
        row.addWidget(self.note, 2)
        row.addWidget(self.ack)
        row.addWidget(self.open)
        self.note.textChanged.connect(lambda text: self.ack.setEnabled(bool(text.strip())))
        self.note.returnPressed.connect(self._acknowledge)
        self.ack.clicked.connect(self._acknowledge)
        self.open.clicked.connect(lambda: self.open_visit.emit(flag.visit_id))

    def _acknowledge(self) -> None:
        if self.note.text().strip():
            self.ack.setEnabled(False)
            self.acknowledge.emit([f.flag_id for f in self.flags], self.note.text().strip())


def where_now(line, language: str) -> str:
    """The "Section now" cell: the section someone is on, or that their visit is over."""
    v = line.visit
    if v.state == "in_progress":
        return line.section or "—"
    if v.state == "incomplete":
        return t("station_stopped_at", language, time=clock_time(v.finished_at),
                 section=line.section or "—")
    if v.finished_at is None:
        return t("station_finished_no_time", language)
    return t("station_finished_at", language, time=clock_time(v.finished_at))


class TodayScreen(PolledPanel):
    open_visit = Signal(int)

    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.member = member
        self.board: Board | None = None
        self._seen_flags: set[int] = set()
        self._rows: dict[int, SafetyRow] = {}
        self._flashes = 0

        self.banner = QFrame()
        self.banner.setObjectName("safety_banner")
        self.banner.setStyleSheet(BANNER_ON)
        self.banner_title = QLabel()
        self.banner_title.setObjectName("safety_title")
        self.banner_title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        rows = QWidget()
        rows.setObjectName("safety_rows")
        rows.setStyleSheet("QWidget#safety_rows { background: transparent; }")
        self.banner_rows = QVBoxLayout(rows)
        self.banner_rows.setContentsMargins(0, 0, 0, 0)
        self.banner_rows.addStretch(1)
        # However many flags are open, the list of visits below stays in sight.
        self.banner_scroll = QScrollArea()
        self.banner_scroll.setWidget(rows)
        self.banner_scroll.setWidgetResizable(True)
        self.banner_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.banner_scroll.setObjectName("safety_scroll")
        self.banner_scroll.setStyleSheet("QScrollArea#safety_scroll { background: transparent; }")
        self.banner_scroll.viewport().setAutoFillBackground(False)
        self.banner_scroll.setMaximumHeight(BANNER_MAX_PX)
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_title)
        banner_layout.addWidget(self.banner_scroll)
        self.banner.hide()

        lang = services.language
        self.heading = QLabel(t("station_tab_today", lang))
        self.heading.setProperty("role", "heading")
        self.updated = QLabel(t("station_reading", lang))
        self.open_button = QPushButton(t("station_open_visit", lang))
        self.finish_button = QPushButton(t("station_force_finish_button", lang))
        self.reprint_button = QPushButton(t("station_reprint", lang))
        for b in (self.open_button, self.finish_button, self.reprint_button):
            b.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addWidget(self.updated, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.finish_button)
        bar.addWidget(self.reprint_button)

        self.list = table([t(f"station_col_{c}", lang)
                           for c in ("started", "name", "status", "section", "open_flags")])
        self.list.setObjectName("today_list")
        self.list.setColumnWidth(0, 90)
        self.list.setColumnWidth(1, 160)
        self.list.setColumnWidth(2, 100)
        self.list.setColumnWidth(3, 300)
        self.empty = QLabel(t("station_no_visits_today", lang))
        self.empty.hide()
        self.message = message_label()

        # People at a kiosk asking for a peer worker: apart from the safety flags, just below.
        self.help = HelpRequestsPanel(services, member)
        # Safety questions left unanswered: "please ask", apart from the red flags.
        self.check_ins = CheckInsPanel(services, member)
        self.check_ins.recorded.connect(self.refresh)
        self.check_ins.open_visit.connect(self.open_visit)
        # The clinic's schedule: who is expected, and how far each person is.
        self.appointments = AppointmentsPanel(services, member)
        self.appointments.changed.connect(self.refresh)
        self.appointments.message.connect(
            lambda text, error: show_message(self.message, text, error=error))

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.help)
        layout.addWidget(self.check_ins)
        layout.addWidget(self.appointments)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)

        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.cellDoubleClicked.connect(lambda *_: self._open_selected())
        self.open_button.clicked.connect(self._open_selected)
        self.finish_button.clicked.connect(self._force_finish)
        self.reprint_button.clicked.connect(self._reprint)

        self.flash_timer = services.timers.timer(FLASH_S, self._flash, self, repeat=True)

    # --- reading the board ----------------------------------------------------------------------
    def start(self) -> None:
        super().start()
        self.help.start()

    def stop(self) -> None:
        super().stop()
        self.help.stop()
        self.flash_timer.stop()

    def read_work(self):
        queries, member = self.services.queries, self.member
        return lambda: queries.board(by=member)

    def show_read_failed(self, message: str) -> None:
        self.updated.setText(t("station_could_not_read_visits", self.services.language,
                               reason=message))
        self.updated.setStyleSheet(f"color: {RED};")

    def show_read(self, board: Board) -> None:
        self.board = board
        now = self.services.clock()
        self.updated.setStyleSheet("")
        lang = self.services.language
        n = len(board.lines)
        self.updated.setText(t("station_board_updated_n", lang, day=today_words(now, lang),
                               visits=tn("station_count_visit", n, lang),
                               time=clock_time(now)))
        self._show_safety(board.safety)
        self.check_ins.show_items(board.check_ins)
        asks: dict[int, int] = {}
        for item in board.check_ins:
            asks[item.visit_id] = asks.get(item.visit_id, 0) + 1
        self.appointments.show_lines(board.appointments)
        # A visit linked to an appointment is named as the schedule names the person.
        scheduled = {a.visit_id: a.name for a in board.appointments if a.visit_id is not None}
        chosen = selected_key(self.list)
        rows, keys = [], []
        for line in board.lines:
            v = line.visit
            # In the words of the prescriber's list and the person's page.
            flags = alerts_words(v.open_safety_flags, v.open_flags - v.open_safety_flags, lang,
                                 asks.get(v.id, 0), none="")
            status = state_words(v.state, v.printed_at is not None, lang)
            who = scheduled.get(v.id) or v.first_name or t("station_guest", lang)
            rows.append([clock_time(v.started_at), who, status,
                         where_now(line, lang), flags])
            keys.append(v.id)
        fill(self.list, rows, keys)
        for r, line in enumerate(board.lines):
            # Red is for a safety answer no one has checked in about yet; a concern is marked
            # in its own cell, for the consultation, not as an alarm.
            if line.visit.open_safety_flags:
                for c in range(self.list.columnCount()):
                    self.list.item(r, c).setForeground(QColor(SAFETY_FG))
                    self.list.item(r, c).setBackground(QColor(SAFETY_BG))
            elif line.visit.open_flags or line.visit.id in asks:
                cell = self.list.item(r, self.list.columnCount() - 1)
                cell.setForeground(QColor(CONCERN_FG))
                cell.setBackground(QColor(CONCERN_BG))
        self.empty.setVisible(not board.lines)
        if chosen in keys:
            self.list.selectRow(keys.index(chosen))
        self._selection_changed()

    def _show_safety(self, flags: list[OpenSafetyFlag]) -> None:
        ids = {f.flag_id for f in flags}
        by_visit: dict[int, list[OpenSafetyFlag]] = {}
        for flag in flags:  # newest first
            by_visit.setdefault(flag.visit_id, []).append(flag)
        for visit_id in list(self._rows):
            shown = {f.flag_id for f in self._rows[visit_id].flags}
            if visit_id not in by_visit or shown != {f.flag_id for f in by_visit[visit_id]}:
                self._rows.pop(visit_id).deleteLater()
        for position, (visit_id, visit_flags) in enumerate(by_visit.items()):
            if visit_id not in self._rows:  # keep rows already shown: a half-typed note stays
                row = SafetyRow(visit_flags, self.services.language)
                row.acknowledge.connect(self._acknowledge)
                row.open_visit.connect(self.open_visit)
                self._rows[visit_id] = row
                self.banner_rows.insertWidget(position, row)
        n = len(by_visit)
        lang = self.services.language
        self.banner_title.setText(
            tn("station_safety_banner", n, lang))
        self.banner.setVisible(bool(flags))
        # As tall as its lines (up to the cap): no band of empty red under one person.
        rows = self.banner_scroll.widget()
        rows.adjustSize()
        self.banner_scroll.setFixedHeight(min(BANNER_MAX_PX, rows.sizeHint().height()))
        new = ids - self._seen_flags
        self._seen_flags |= ids
        if new:
            self.services.sound()
            QApplication.alert(self.window(), 0)
            self._flashes = 8
            self.flash_timer.start()
        window = self.window()
        base = t("station_title", lang, site=self.services.config.site_name)
        window.setWindowTitle(t("station_safety_title", lang, n=n, title=base) if n else base)

    def _flash(self) -> None:
        self._flashes -= 1
        self.banner.setStyleSheet(BANNER_FLASH if self._flashes % 2 else BANNER_ON)
        if self._flashes <= 0:
            self.flash_timer.stop()
            self.banner.setStyleSheet(BANNER_ON)

    # --- acting on a visit ----------------------------------------------------------------------
    def _selected_line(self):
        visit_id = selected_key(self.list)
        if self.board is None or visit_id is None:
            return None
        return next((line for line in self.board.lines if line.visit.id == visit_id), None)

    def _selection_changed(self) -> None:
        line = self._selected_line()
        self.appointments.choose_visit(line.visit.id if line is not None else None)
        self.open_button.setEnabled(line is not None)
        self.finish_button.setEnabled(line is not None and line.visit.state == "in_progress")
        self.reprint_button.setEnabled(line is not None and line.visit.state != "in_progress")

    def _open_selected(self) -> None:
        line = self._selected_line()
        if line is not None:
            self.open_visit.emit(line.visit.id)

    def _acknowledge(self, flag_ids: list[int], note: str) -> None:
        s = self.services
        show_message(self.message, t("station_saving_ack", s.language))
        in_background(
            self,
            lambda: [s.visits.acknowledge_flag(f, staff_id=self.member.id, note=note)
                     for f in flag_ids],
            lambda _: (show_message(self.message, t("station_acknowledged", s.language)),
                       self.refresh()),
            lambda m: (show_message(self.message, m, error=True), self.refresh()),
        )

    def _force_finish(self) -> None:
        line = self._selected_line()
        if line is None:
            return
        lang = self.services.language
        who = line.visit.first_name or t("station_this_guest", lang)
        if not self.services.dialogs.confirm(
            self, t("station_force_finish", lang), t("station_force_finish_ask", lang, who=who),
        ):
            return
        s, visit_id = self.services, line.visit.id
        in_background(
            self,
            lambda: s.visits.force_finish(visit_id, staff_id=self.member.id),
            lambda _: (show_message(self.message, t("station_ended_incomplete", lang,
                                                    visit_id=visit_id)), self.refresh()),
            lambda m: show_message(self.message, m, error=True),
        )

    def _reprint(self) -> None:
        line = self._selected_line()
        if line is not None:
            reprint(self, self.services, self.member, line.visit.id, self.message, self.refresh)


def reprint(receiver: QWidget, services: PeerServices, member: StaffMember, visit_id: int,
            message: QLabel, then=lambda: None) -> None:
    """Render and print a visit's report off the UI thread, and note it as printed. The
    check and the record of the read come first: no print goes out without its audit row."""
    lang = services.language
    show_message(message, t("station_printing_visit", lang, visit_id=visit_id))

    def work() -> None:
        reads.record_report_read(services.db, visit_id, by=member, at=services.clock(),
                                 purpose="reprint")
        pdf = services.make_page(visit_id)
        services.printer.print_pdf(pdf, t("station_print_title", lang, visit_id=visit_id))
        services.visits.mark_printed(visit_id, actor="peer", staff_id=member.id)

    in_background(
        receiver, work,
        lambda _: (show_message(message, t("station_printed_visit", lang, visit_id=visit_id)),
                   then()),
        lambda m: show_message(message, t("station_could_not_print", lang, reason=m), error=True),
    )
