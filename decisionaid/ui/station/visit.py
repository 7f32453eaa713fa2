"""One visit: every answer by section, the flags and who acknowledged them, the vignettes
watched, the report as it prints, and the review that records the shared decision and locks
the visit. Opening it is audit-logged (the visit service does that)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content.model import ItemRef, text_in
from decisionaid.engine import answer_text
from decisionaid.services import reads, staff
from decisionaid.services.check_ins import CheckIns
from decisionaid.services.staff import StaffMember
from decisionaid.services.visit_records import DECISION_MARKS, VisitRecord
from decisionaid.services.visit_report import skipped_safety_questions
from decisionaid.ui.common.strings import t
from decisionaid.ui.station.common import (
    RED,
    clock_time,
    day_and_time,
    in_background,
    message_label,
    show_message,
    state_words,
)
from decisionaid.ui.station.services import PeerServices
from decisionaid.ui.station.today import reprint

# The follow-up support a peer worker can offer, as stored in the review (named in the
# catalogue as station_follow_up_KEY).
FOLLOW_UP = ("wellness-tools", "group-or-meeting", "vignette-together", "check-in-call")
FOLLOW_UP_PX = 230  # the widest follow-up check box that still goes two to a row


class VisitScreen(QWidget):
    open_person = Signal(int)
    changed = Signal(int)  # the visit was reviewed, printed or finished here

    def __init__(self, services: PeerServices, member: StaffMember, visit_id: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.member = member
        self.visit_id = visit_id
        self.record: VisitRecord | None = None
        self._names: dict[int, str] = {}
        self._checked_in: dict[tuple[str, str], object] = {}

        lang = services.language
        self.title = QLabel(t("station_tab_visit", lang, visit_id=visit_id))
        self.title.setProperty("role", "heading")
        self.title.setObjectName("visit_title")
        self.person_button = QPushButton(t("station_their_history", lang))
        self.person_button.hide()
        self.reprint_button = QPushButton(t("station_reprint", lang))
        self.reprint_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.person_button)
        top.addWidget(self.reprint_button)

        self.flags = QLabel(t("station_reading_visit", lang))
        self.flags.setObjectName("visit_flags")
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.RichText)
        self.answers = QTreeWidget()
        self.answers.setObjectName("visit_answers")
        self.answers.setHeaderLabels([t("station_col_question", lang), t("station_col_answer", lang)])
        self.answers.setColumnWidth(0, 320)
        self.answers.setWordWrap(True)
        self.watched = QLabel()
        self.watched.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_heading(t("station_flags", lang)))
        left_layout.addWidget(self.flags)
        left_layout.addWidget(_heading(t("station_answers_by_section", lang)))
        left_layout.addWidget(self.answers, 1)
        left_layout.addWidget(_heading(t("station_vignettes_watched", lang)))
        left_layout.addWidget(self.watched)

        self.preview = QLabel(t("station_rendering_report", lang))
        self.preview.setObjectName("report_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(420)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.review = self._review_box()
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.review, 0)
        layout.addWidget(self.message)

        self.reprint_button.clicked.connect(self._reprint)
        self.person_button.clicked.connect(
            lambda: self.record and self.record.service_user_id
            and self.open_person.emit(self.record.service_user_id))
        self.load()

    # --- the review form ------------------------------------------------------------------------
    def _review_box(self) -> QGroupBox:
        lang = self.services.language
        box = QGroupBox(t("station_review_box", lang))
        box.setObjectName("review")
        self.decision = QPlainTextEdit()
        self.decision.setObjectName("shared_decision")
        self.decision.setMaximumHeight(90)
        self.decision.setPlaceholderText(t("station_decision_hint", lang))
        # The four marks of a good decision, ticked as the note is checked (two by two, so the
        # answers above keep their room on a 720-pixel-high screen).
        marks_heading = QLabel(t("station_marks_heading", lang))
        marks_heading.setProperty("role", "quiet")
        self.marks: dict[str, QCheckBox] = {}
        marks = QGridLayout()
        marks.setContentsMargins(0, 0, 0, 0)
        for i, key in enumerate(DECISION_MARKS):
            self.marks[key] = QCheckBox(t(f"station_mark_{key}", lang))
            self.marks[key].setObjectName(f"mark_{key}")
            marks.addWidget(self.marks[key], i // 2, i % 2)
        self.follow_up = {}
        checks = QVBoxLayout()
        checks.addWidget(QLabel(t("station_follow_up_wanted", lang)))
        follow_grid = QGridLayout()
        follow_grid.setContentsMargins(0, 0, 0, 0)
        for key in FOLLOW_UP:
            self.follow_up[key] = QCheckBox(t(f"station_follow_up_{key}", lang))
            self.follow_up[key].setObjectName(f"follow_up_{key}")
        # Two by two where the words are short; one under another where a language's are long,
        # so the visit still fits a 1024-pixel-wide screen (a check box's words never wrap).
        across = 2 if max(b.sizeHint().width() for b in self.follow_up.values()) <= FOLLOW_UP_PX else 1
        for i, key in enumerate(FOLLOW_UP):
            follow_grid.addWidget(self.follow_up[key], i // across, i % across)
        checks.addLayout(follow_grid)
        other = QHBoxLayout()
        self.other_check = QCheckBox(t("station_other", lang))
        self.other_text = QLineEdit()
        self.other_text.setObjectName("follow_up_other")
        self.other_text.textChanged.connect(lambda t: self.other_check.setChecked(bool(t.strip())))
        other.addWidget(self.other_check)
        other.addWidget(self.other_text)
        checks.addLayout(other)
        self.note = QLineEdit()
        self.note.setObjectName("peer_note")
        self.note.setPlaceholderText(t("station_peer_note_hint", lang))
        self.save = QPushButton(t("station_save_and_lock", lang))
        self.save.setObjectName("save_review")
        self.save.setEnabled(False)
        self.lock_state = QLabel()
        self.lock_state.setWordWrap(True)
        self.decision.textChanged.connect(self._can_save)

        left = QVBoxLayout()
        left.addWidget(QLabel(t("station_decision_today", lang)))
        left.addWidget(self.decision, 1)
        left.addWidget(marks_heading)
        left.addLayout(marks)
        right = QVBoxLayout()
        right.addLayout(checks)
        right.addWidget(self.note)
        right.addStretch(1)
        right.addWidget(self.lock_state)
        right.addWidget(self.save)
        row = QHBoxLayout(box)
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        self.save.clicked.connect(self._save_review)
        return box

    def _can_save(self) -> None:
        record = self.record
        finished = record is not None and record.state in ("complete", "incomplete")
        self.save.setEnabled(finished and bool(self.decision.toPlainText().strip()))

    def follow_up_chosen(self) -> list[str]:
        chosen = [key for key, box in self.follow_up.items() if box.isChecked()]
        if self.other_check.isChecked() and self.other_text.text().strip():
            chosen.append(f"other: {self.other_text.text().strip()}")
        return chosen

    # --- reading --------------------------------------------------------------------------------
    def load(self) -> None:
        s = self.services
        in_background(self, self._read, self._show, lambda m: show_message(self.message, m, error=True))
        in_background(
            self, lambda: s.render_pages(self._report()),
            self._show_preview,
            lambda m: self.preview.setText(t("station_no_preview_because", s.language, reason=m)),
        )

    def _report(self) -> bytes:
        """The report's PDF for the preview, its reading recorded first."""
        s = self.services
        reads.record_report_read(s.db, self.visit_id, by=self.member, at=s.clock(),
                                 purpose="preview")
        return s.make_page(self.visit_id)

    def _read(self) -> VisitRecord:
        """The visit (its opening audit-logged) and the names of who acknowledged its flags."""
        record = self.services.visits.view(self.visit_id, staff_id=self.member.id)
        self._names = staff.names(self.services.db, {
            f.acknowledged_by for f in record.flags if f.acknowledged_by is not None})
        # Who checked in about an unanswered safety question (the Today board's "Please ask").
        self._checked_in = {
            a.key[:2]: a for a in CheckIns(self.services.db, self.services.content).acknowledgements(
                self.visit_id) if not a.key[2]}
        return record

    def _show(self, record: VisitRecord) -> None:
        self.record = record
        content = self.services.content
        lang = self.services.language
        who = record.first_name or t("station_guest", lang)
        number = t("station_visit_number", lang, number=record.number) if record.number else ""
        state = state_words(record.state, False, lang)
        if record.state == "complete" and record.printed_at:
            state = t("station_finished_printed", lang, time=clock_time(record.printed_at))
        self.title.setText(f"{who}{number} — {day_and_time(record.started_at, lang)} — {state}")
        self.person_button.setVisible(record.service_user_id is not None)
        self.reprint_button.setEnabled(record.state != "in_progress")

        self._show_flags(record)
        self.answers.clear()
        for questionnaire in content.questionnaires:
            answered = [(i, record.answers[r]) for i in questionnaire.items
                        if (r := ItemRef(questionnaire.id, i.id)) in record.answers]
            if not answered:
                continue
            section = QTreeWidgetItem([text_in(questionnaire.title, lang), ""])
            section.setFirstColumnSpanned(True)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            for item, value in answered:
                section.addChild(QTreeWidgetItem([
                    text_in(item.text, lang), answer_text(item, value, lang)]))
            self.answers.addTopLevelItem(section)
        self.answers.expandAll()
        if not record.answers:
            self.answers.addTopLevelItem(QTreeWidgetItem([t("station_no_answers_yet", lang), ""]))
        watched = [
            f"{text_in(content.vignettes[v.vignette_id].title, lang) if v.vignette_id in content.vignettes else v.vignette_id}"
            f" — {int(v.seconds_watched // 60)}:{int(v.seconds_watched % 60):02d}"
            f"{t('station_to_the_end', lang) if v.finished else ''}"
            for v in record.views
        ]
        self.watched.setText("\n".join(watched) or t("station_none", lang))
        self._show_review(record)

    def _show_flags(self, record: VisitRecord) -> None:
        # A safety question left unanswered is on the report's ALERTS too; it is no flag but a
        # check-in, recorded from the Today board's "Please ask" band (services/check_ins.py).
        skipped = skipped_safety_questions(self.services.content, record)
        lang = self.services.language
        if not record.flags and not skipped:
            self.flags.setText(t("station_no_flags", lang))
            return
        names = self._names
        lines = []
        for key in skipped:
            seen = self._checked_in.get(tuple(key))
            line = (f"<span style='color:{'#555' if seen else RED}'>"
                    + t("station_safety_not_answered", lang, question=_html(
                        text_in(self.services.content.item(ItemRef(*key)).text, lang)))
                    + "</span><br>&nbsp;&nbsp;")
            if seen:
                line += t("station_acknowledged_by", lang, who=_html(seen.by or t("station_staff", lang)),
                          time=clock_time(seen.at), note=_html(seen.note))
            else:
                line += t("station_ask_in_check_in", lang)
            lines.append(line)
        for f in sorted(record.flags, key=lambda f: f.severity != "safety"):
            question = self.services.queries.question(f.questionnaire_id, f.source_id,
                                                      f.is_score, f.question)
            mark = t("station_mark_safety" if f.severity == "safety" else "station_mark_concern",
                     lang)
            colour = RED if not f.acknowledged else "#555"
            line = (f"<span style='color:{colour}'><b>{mark}</b>: {_html(question)} — "
                    f"“{_html(f.answer)}”</span>")
            if f.acknowledged:
                staff_word = t("station_staff", lang)
                by = names.get(f.acknowledged_by, staff_word) if f.acknowledged_by else staff_word
                line += "<br>&nbsp;&nbsp;" + t("station_acknowledged_by", lang, who=_html(by),
                                               time=clock_time(f.acknowledged_at),
                                               note=_html(f.note or ""))
            else:
                line += ("<br>&nbsp;&nbsp;" + t("station_not_yet_acknowledged", lang)
                         if f.severity == "safety" else "")
            lines.append(line)
        self.flags.setText("<br>".join(lines))

    def _show_review(self, record: VisitRecord) -> None:
        review = record.review
        lang = self.services.language
        editable = review is None and record.state in ("complete", "incomplete")
        # Read-only rather than greyed out: a locked review must stay easy to read.
        for widget in (self.decision, self.note, self.other_text):
            widget.setReadOnly(not editable)
        for box in (self.other_check, *self.follow_up.values(), *self.marks.values()):
            box.setEnabled(editable)
        if review is not None:
            self.decision.setPlainText(review.shared_decision)
            self.note.setText(review.note)
            for key, box in self.follow_up.items():
                box.setChecked(key in review.follow_up)
            for key, box in self.marks.items():
                box.setChecked(key in review.marks)
            others = [f.removeprefix("other: ") for f in review.follow_up if f.startswith("other: ")]
            self.other_text.setText("; ".join(others))
            self.lock_state.setText(t("station_reviewed_locked", lang,
                                      when=day_and_time(review.reviewed_at, lang)))
        elif record.state == "in_progress":
            self.lock_state.setText(t("station_still_in_progress", lang))
        else:
            self.lock_state.setText(t("station_saving_locks", lang))
        self._can_save()

    def _show_preview(self, pages: list[bytes]) -> None:
        if not pages:
            self.preview.setText(t("station_no_preview", self.services.language))
            return
        image = QImage.fromData(pages[0], "PNG")
        # The whole width of the page in view: a peer reads it top to bottom, never sideways.
        width = max(360, self.preview.parentWidget().width() - 24)
        self.preview.setPixmap(QPixmap.fromImage(image).scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation))

    # --- acting ---------------------------------------------------------------------------------
    def _save_review(self) -> None:
        decision = self.decision.toPlainText().strip()
        if not decision:
            return
        follow_up, note = self.follow_up_chosen(), self.note.text()
        marks = [key for key, box in self.marks.items() if box.isChecked()]
        self.save.setEnabled(False)
        show_message(self.message, t("station_saving_review", self.services.language))
        s = self.services
        in_background(
            self,
            lambda: s.visits.review(self.visit_id, staff_id=self.member.id,
                                    shared_decision=decision, follow_up=follow_up, note=note,
                                    marks=marks),
            self._reviewed,
            lambda m: (show_message(self.message, m, error=True), self._can_save()),
        )

    def _reviewed(self, record: VisitRecord) -> None:
        show_message(self.message, t("station_saved_locked", self.services.language))
        self._names.setdefault(self.member.id, self.member.name)
        self._show(record)
        self.changed.emit(self.visit_id)

    def _reprint(self) -> None:
        reprint(self, self.services, self.member, self.visit_id, self.message,
                lambda: self.changed.emit(self.visit_id))


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "subheading")
    return label


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
