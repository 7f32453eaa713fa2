"""The prescriber's desk: "Today's reports" (who has a report, when they finished, alerts first)
and one report opened at full size beside the shared decision, with its four marks, the
follow-up, and "Save as PDF…" for a telehealth visit or the health record.

A prescriber's account sees only this; peer workers and admins have the same screens from a
visit. The services check the role and audit-log each list, report and saved file.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from decisionaid.services.appointments import Identifiers
from decisionaid.services.desk import Desk, ReportLine
from decisionaid.services.staff import StaffMember
from decisionaid.services.visit_records import DECISION_MARKS, VisitRecord
from decisionaid.ui.common.preview import pdf_preview
from decisionaid.ui.common.strings import t, tn
from decisionaid.ui.station.common import (
    alerts_words,
    clock_time,
    day_and_time,
    fill,
    in_background,
    message_label,
    selected_key,
    show_message,
    table,
    today_words,
)
from decisionaid.ui.station.look import CONCERN_BG, CONCERN_FG, SAFETY_BG, SAFETY_FG, role
from decisionaid.ui.station.polled import PolledPanel
from decisionaid.ui.station.services import PeerServices
from decisionaid.ui.station.visit import FOLLOW_UP

# The page on screen at the size it prints: 8.5 in at 96 px an inch (A4 is a little narrower).
PAGE_PX = 816


def counted(thing: str, n: int, language: str) -> str:
    """"1 report", "2 reports": the form the language uses for ``n``."""
    return tn(f"station_count_{thing}", n, language)


def who_words(identity: Identifiers, language: str) -> str:
    """The person by two identifiers: name, date of birth and record number when known."""
    if not identity.name:
        return t("station_guest", language)
    parts = [identity.name, identity.date_of_birth.isoformat() if identity.date_of_birth else "",
             identity.record_number or ""]
    return " · ".join(p for p in parts if p)


def appointment_words(identity: Identifiers) -> str:
    if identity.appointment_at is None:
        return ""
    return f"{clock_time(identity.appointment_at)} · {identity.prescriber}"


class ReportsScreen(PolledPanel):
    """Today's finished visits with a report, alerts first."""

    open_report = Signal(int)

    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.member = member
        self.desk = services.desk()
        self.lines: list[ReportLine] = []
        lang = services.language
        self.heading = role(QLabel(t("station_tab_reports", lang)), "heading")
        self.updated = role(QLabel(t("station_reading", lang)), "quiet")
        self.updated.setObjectName("reports_updated")
        self.open_button = role(QPushButton(t("station_open_report", lang)), "primary")
        self.open_button.setObjectName("open_report")
        self.open_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addWidget(self.updated, 1)
        bar.addWidget(self.open_button)
        self.list = table([t(f"station_col_{c}", lang)
                           for c in ("finished", "name", "appointment", "alerts", "decision")])
        self.list.setObjectName("reports_list")
        self.list.setColumnWidth(0, 110)
        self.list.setColumnWidth(1, 330)
        self.list.setColumnWidth(2, 160)
        self.list.setColumnWidth(3, 280)
        self.empty = role(QLabel(t("station_no_reports_today", lang)), "quiet")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        self.list.itemSelectionChanged.connect(
            lambda: self.open_button.setEnabled(selected_key(self.list) is not None))
        self.list.cellDoubleClicked.connect(lambda *_: self._open_selected())
        self.open_button.clicked.connect(self._open_selected)

    def read_work(self):
        desk, member = self.desk, self.member
        return lambda: desk.todays_reports(by=member)

    def show_read_failed(self, message: str) -> None:
        show_message(self.message, message, error=True)

    def show_read(self, lines: list[ReportLine]) -> None:
        self.lines = lines
        lang = self.services.language
        now = self.services.clock()
        self.updated.setText(t("station_reports_updated", lang, day=today_words(now, lang),
                               reports=counted("report", len(lines), lang),
                               time=clock_time(now)))
        chosen = selected_key(self.list)
        fill(self.list, [[
            clock_time(line.finished_at),
            who_words(line.identity, lang),
            appointment_words(line.identity),
            alerts_words(line.safety, line.concerns, lang, line.please_ask),
            t("station_decision_recorded" if line.decided else "station_decision_to_record", lang),
        ] for line in lines], [line.visit_id for line in lines])
        for r, line in enumerate(lines):
            colours = ((SAFETY_BG, SAFETY_FG) if line.safety else
                       (CONCERN_BG, CONCERN_FG) if line.concerns or line.please_ask else None)
            if colours:
                cell = self.list.item(r, 3)
                cell.setBackground(QColor(colours[0]))
                cell.setForeground(QColor(colours[1]))
        self.empty.setVisible(not lines)
        keys = [line.visit_id for line in lines]
        if keys:  # the chosen report stays chosen; at first, the top one (alerts first)
            self.list.selectRow(keys.index(chosen) if chosen in keys else 0)

    def _open_selected(self) -> None:
        visit_id = selected_key(self.list)
        if visit_id is not None:
            self.open_report.emit(visit_id)


class ReportScreen(QWidget):
    """One report: the page as it prints, at full size, and the decision beside it."""

    changed = Signal(int)  # the decision was recorded here
    named = Signal(str)

    def __init__(self, services: PeerServices, member: StaffMember, visit_id: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.member = member
        self.visit_id = visit_id
        self.desk: Desk = services.desk()
        self.record: VisitRecord | None = None
        self.identity: Identifiers | None = None  # name, birthday, record no., appointment
        self.pdf: bytes | None = None
        lang = services.language

        self.page = QLabel(t("station_opening_report", lang))
        self.page.setObjectName("report_page")
        self.page.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("report_scroll")
        self.scroll.setWidget(self.page)
        self.scroll.setWidgetResizable(True)
        # The whole width of the page in view: it is read top to bottom, never sideways.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumWidth(PAGE_PX + 2 * 8 + self.scroll.verticalScrollBar().sizeHint().width() + 4)
        self.scroll.setStyleSheet("QScrollArea#report_scroll { background: #8a96a3; }"
                                  " QLabel#report_page { background: #8a96a3; padding: 8px; }")

        self.title = role(QLabel(t("station_tab_visit", lang, visit_id=visit_id)), "heading")
        self.title.setObjectName("report_title")
        self.title.setWordWrap(True)
        self.decision = QPlainTextEdit()
        self.decision.setObjectName("desk_decision")
        self.decision.setPlaceholderText(t("station_decision_hint", lang))
        self.decision.setMinimumHeight(110)
        self.marks: dict[str, QCheckBox] = {}
        marks = QVBoxLayout()
        marks.setSpacing(4)
        marks.addWidget(role(QLabel(t("station_marks_heading", lang)), "quiet"))
        for key in DECISION_MARKS:
            box = QCheckBox(t(f"station_mark_{key}", lang))
            box.setObjectName(f"mark_{key}")
            self.marks[key] = box
            marks.addWidget(box)
        self.follow_up: dict[str, QCheckBox] = {}
        follow = QVBoxLayout()
        follow.setSpacing(4)
        follow.addWidget(role(QLabel(t("station_follow_up_wanted", lang)), "subheading"))
        for key in FOLLOW_UP:
            box = QCheckBox(t(f"station_follow_up_{key}", lang))
            box.setObjectName(f"desk_follow_up_{key}")
            self.follow_up[key] = box
            follow.addWidget(box)
        self.other = QLineEdit()
        self.other.setObjectName("desk_follow_up_other")
        self.other.setPlaceholderText(t("station_other", lang))
        follow.addWidget(self.other)
        self.save = role(QPushButton(t("station_save_decision", lang)), "primary")
        self.save.setObjectName("save_decision")
        self.save.setEnabled(False)
        self.save_pdf = QPushButton(t("station_save_pdf", lang))
        self.save_pdf.setObjectName("save_pdf")
        self.save_pdf.setEnabled(False)
        self.lock_state = role(QLabel(), "quiet")
        self.lock_state.setWordWrap(True)
        self.message = message_label()
        self.message.setObjectName("desk_message")

        side = QFrame()
        side.setProperty("role", "panel")
        column = QVBoxLayout(side)
        column.addWidget(self.title)
        column.addWidget(role(QLabel(t("station_decision_today", lang)), "subheading"))
        column.addWidget(self.decision, 1)
        column.addLayout(marks)
        column.addLayout(follow)
        column.addWidget(self.lock_state)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save, 1)
        buttons.addWidget(self.save_pdf)
        column.addLayout(buttons)
        column.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addWidget(self.scroll, 0)
        layout.addWidget(side, 1)

        self.decision.textChanged.connect(self._can_save)
        self.save.clicked.connect(self._save_decision)
        self.save_pdf.clicked.connect(self._save_pdf)
        self.load()

    # --- reading --------------------------------------------------------------------------------
    def load(self) -> None:
        desk, member, visit_id = self.desk, self.member, self.visit_id
        schedule = self.services.appointments

        def work():
            record, pdf = desk.open_report(visit_id, by=member)
            return record, pdf, pdf_preview(pdf, PAGE_PX), schedule.identifiers(visit_id)

        in_background(self, work, self._show,
                      lambda m: (self.page.setText(m), show_message(self.message, m, error=True)))

    def _show(self, result) -> None:
        record, self.pdf, image, self.identity = result
        self.page.setPixmap(QPixmap.fromImage(image))
        self.save_pdf.setEnabled(True)
        self._show_record(record)

    def _show_record(self, record: VisitRecord) -> None:
        self.record = record
        lang = self.services.language
        who = (who_words(self.identity, lang) if self.identity is not None
               else record.first_name or t("station_guest", lang))
        number = t("station_visit_number", lang, number=record.number) if record.number else ""
        self.title.setText(t("station_report_heading", lang, who=who, number=number,
                             time=clock_time(record.finished_at)))
        short = (self.identity.name if self.identity is not None else record.first_name)
        self.named.emit(t("station_tab_report", lang, who=short or t("station_guest", lang)))
        review = record.review
        editable = review is None
        self.decision.setReadOnly(not editable)
        self.other.setReadOnly(not editable)
        for box in (*self.marks.values(), *self.follow_up.values()):
            box.setEnabled(editable)
        if review is not None:
            self.decision.setPlainText(review.shared_decision)
            for key, box in self.marks.items():
                box.setChecked(key in review.marks)
            for key, box in self.follow_up.items():
                box.setChecked(key in review.follow_up)
            self.other.setText("; ".join(f.removeprefix("other: ") for f in review.follow_up
                                         if f.startswith("other: ")))
            self.lock_state.setText(t("station_reviewed_locked", lang,
                                      when=day_and_time(review.reviewed_at, lang)))
        else:
            self.lock_state.setText(t("station_saving_locks", lang))
        self._can_save()

    def _can_save(self) -> None:
        open_ = self.record is not None and self.record.review is None
        self.save.setEnabled(open_ and bool(self.decision.toPlainText().strip()))

    def chosen_marks(self) -> list[str]:
        return [key for key, box in self.marks.items() if box.isChecked()]

    def chosen_follow_up(self) -> list[str]:
        chosen = [key for key, box in self.follow_up.items() if box.isChecked()]
        if self.other.text().strip():
            chosen.append(f"other: {self.other.text().strip()}")
        return chosen

    # --- acting ---------------------------------------------------------------------------------
    def _save_decision(self) -> None:
        decision = self.decision.toPlainText().strip()
        if not decision:
            return
        marks, follow_up = self.chosen_marks(), self.chosen_follow_up()
        self.save.setEnabled(False)
        show_message(self.message, t("station_saving_review", self.services.language))
        s, staff_id = self.services, self.member.id
        in_background(
            self,
            lambda: s.visits.review(self.visit_id, staff_id=staff_id, shared_decision=decision,
                                    follow_up=follow_up, marks=marks),
            self._saved,
            lambda m: (show_message(self.message, m, error=True), self._can_save()),
        )

    def _saved(self, record: VisitRecord) -> None:
        show_message(self.message, t("station_saved_locked", self.services.language))
        self._show_record(record)
        self.changed.emit(self.visit_id)
        self.load()  # the page now prints the decision: show it as it will be saved

    def _save_pdf(self) -> None:
        lang = self.services.language
        who = (self.identity.name if self.identity else None) or "guest"
        day = f"{self.record.started_at.astimezone():%Y-%m-%d}" if self.record else ""
        suggested = f"report-{who}-{day}-visit-{self.visit_id}.pdf".replace(" ", "-")
        path = self.services.dialogs.save_file(self, t("station_save_pdf_title", lang), suggested,
                                               t("station_pdf_kinds", lang))
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        show_message(self.message, t("station_saving_pdf", lang))
        desk, member, visit_id = self.desk, self.member, self.visit_id
        in_background(
            self, lambda: desk.save_pdf(visit_id, path, by=member),
            lambda written: show_message(self.message, t("station_saved_pdf", lang, path=written)),
            lambda m: show_message(self.message, t("station_could_not_save_pdf", lang,
                                                   reason=m.rstrip(".")), error=True),
        )
