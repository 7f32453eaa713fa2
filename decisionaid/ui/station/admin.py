"""Admin (admins only): staff accounts, the site configuration in force (read-only), whether
the content passes its check, exporting the stored answers and deleting old visits."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content.loader import check
from decisionaid.services import export, retention, staff
from decisionaid.services.export import ExportResult
from decisionaid.services.retention import SAFE_MINIMUM_DAYS, PurgeResult
from decisionaid.services.staff import StaffMember
from decisionaid.storage.database import describe
from decisionaid.ui.station.common import (
    day,
    fill,
    in_background,
    message_label,
    selected_key,
    show_message,
    table,
)
from decisionaid.ui.station.services import PeerServices

# format code -> what the admin picks, and the file name's ending
EXPORT_FORMATS = {"fhir": ("FHIR JSON", "json"), "csv": ("CSV", "csv")}
EXPORT, PURGE = "Export…", "Purge…"
KEEP_DAYS = 365  # what the purge offers first: a year of visits stays
CONFIRM_WORD = "DELETE"  # typed to purge fewer than SAFE_MINIMUM_DAYS days


def _count(n: int, thing: str) -> str:
    return f"{n:,} {thing}{'' if n == 1 else 's'}"


def _pin_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(8)
    field.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}")))
    field.setPlaceholderText("4 to 8 digits")
    return field


class AdminScreen(QWidget):
    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(parent)
        if not member.is_admin:
            raise PermissionError("admin is for admins")
        self.services = services
        self.member = member
        self.members: list[StaffMember] = []

        # Staff accounts.
        accounts = QGroupBox("Staff accounts")
        self.staff_table = table(["Name", "Role", "Status"])
        self.staff_table.setObjectName("staff_table")
        self.new_name = QLineEdit()
        self.new_name.setObjectName("new_staff_name")
        self.new_role = QComboBox()
        self.new_role.addItems(list(staff.STAFF_ROLES))
        self.pin1, self.pin2 = _pin_field(), _pin_field()
        self.add_button = QPushButton("Add account")
        self.reset_button = QPushButton("Set this PIN for the selected account")
        self.disable_button = QPushButton("Disable the selected account…")
        form = QFormLayout()
        form.addRow("Name", self.new_name)
        form.addRow("Role", self.new_role)
        form.addRow("PIN", self.pin1)
        form.addRow("PIN again", self.pin2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.disable_button)
        al = QHBoxLayout(accounts)
        al.addWidget(self.staff_table, 1)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addStretch(1)
        al.addLayout(side, 1)

        # Site configuration and content.
        site = QGroupBox("Site configuration (read-only: edit the config file)")
        self.config_view = QPlainTextEdit(self._config_text())
        self.config_view.setReadOnly(True)
        QVBoxLayout(site).addWidget(self.config_view)
        content = QGroupBox("Content check")
        self.content_status = QLabel("Checking…")
        self.content_status.setObjectName("content_status")
        self.content_status.setWordWrap(True)
        self.content_status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.recheck = QPushButton("Check again")
        # A long list of problems scrolls rather than crowding export and purge off the screen.
        status_area = QScrollArea()
        status_area.setWidgetResizable(True)
        status_area.setFrameShape(QFrame.Shape.NoFrame)
        status_area.setWidget(self.content_status)
        cl = QVBoxLayout(content)
        cl.addWidget(status_area)
        cl.addWidget(self.recheck)

        # What 'decisionaid doctor' says about this machine (run on demand: it plays a video).
        machine = QGroupBox("This machine")
        self.doctor_view = QPlainTextEdit("Press the button to check the database, printer, "
                                          "speech, video, disk and backups.")
        self.doctor_view.setObjectName("doctor_view")
        self.doctor_view.setReadOnly(True)
        self.doctor_button = QPushButton("Check this machine")
        self.doctor_button.setObjectName("doctor_button")
        ml = QVBoxLayout(machine)
        ml.addWidget(self.doctor_view)
        ml.addWidget(self.doctor_button)

        # Export answers.
        exporting = QGroupBox("Export answers")
        self.export_format = QComboBox()
        self.export_format.setObjectName("export_format")
        for code, (label, _) in EXPORT_FORMATS.items():
            self.export_format.addItem(label, code)
        today = services.clock().astimezone().date()
        self.since_on = QCheckBox("Only visits since")
        self.since = QDateEdit(QDate(today.year, today.month, 1))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("dd MMM yyyy")
        self.since.setEnabled(False)
        self.export_button = QPushButton(EXPORT)
        self.export_button.setObjectName("export_button")
        self.export_status = message_label()
        self.export_status.setObjectName("export_status")
        el = QVBoxLayout(exporting)
        row = QHBoxLayout()
        row.addWidget(QLabel("Format"))
        row.addWidget(self.export_format)
        row.addStretch(1)
        row.addWidget(self.since_on)
        row.addWidget(self.since)
        el.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel("Service users appear by a code, not by name."), 1)
        row.addWidget(self.export_button)
        el.addLayout(row)
        el.addWidget(self.export_status)

        # Delete old visits.
        purging = QGroupBox("Delete old visits")
        self.purge_days = QSpinBox()
        self.purge_days.setObjectName("purge_days")
        self.purge_days.setRange(1, 36500)
        self.purge_days.setValue(KEEP_DAYS)
        self.purge_button = QPushButton(PURGE)
        self.purge_button.setObjectName("purge_button")
        self.purge_status = message_label()
        self.purge_status.setObjectName("purge_status")
        pl = QVBoxLayout(purging)
        row = QHBoxLayout()
        row.addWidget(QLabel("Delete visits older than"))
        row.addWidget(self.purge_days)
        row.addWidget(QLabel("days"))
        row.addStretch(1)
        row.addWidget(self.purge_button)
        pl.addLayout(row)
        what_goes = QLabel("Each goes with its answers, flags and review; profiles stay. "
                           "You are shown how many first.")
        what_goes.setWordWrap(True)
        pl.addWidget(what_goes)
        pl.addWidget(self.purge_status)
        lower = QHBoxLayout()
        lower.addWidget(site, 1)
        right = QVBoxLayout()
        right.addWidget(content)
        right.addWidget(machine)
        right.addWidget(exporting)
        right.addWidget(purging)
        right.addStretch(1)
        lower.addLayout(right, 1)

        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(accounts, 1)
        layout.addLayout(lower, 1)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self._add)
        self.reset_button.clicked.connect(self._reset)
        self.disable_button.clicked.connect(self._disable)
        self.recheck.clicked.connect(self.check_content)
        self.doctor_button.clicked.connect(self.check_machine)
        self.since_on.toggled.connect(self.since.setEnabled)
        self.export_button.clicked.connect(self.export_answers)
        self.purge_button.clicked.connect(self.purge_old_visits)
        self.load_staff()
        self.check_content()

    def _config_text(self) -> str:
        c = self.services.config
        return "\n".join([
            f"config file:     {c.source or '(none: built-in defaults)'}",
            f"site name:       {c.site_name}",
            f"languages:       {', '.join(c.languages)}",
            f"paper:           {c.paper}",
            f"kiosk idle time: {c.idle_timeout_s} s",
            f"station sign-out after: {self.services.idle_ms // 60000} min idle",
            f"printer:         {c.printer or '(system default)'}",
            f"database:        {describe(c.database_url)}",
            f"encrypted:       {'yes' if self.services.db.encrypted else 'no'}",
            f"content folder:  {c.content_dir}",
            "crisis message:",
            *(f"  [{lang}] {c.crisis_text(lang)}" for lang in c.languages),
        ])

    # --- staff ----------------------------------------------------------------------------------
    def load_staff(self) -> None:
        db = self.services.db
        member = self.member
        in_background(self, lambda: staff.list(db, by=member), self._show_staff,
                      lambda m: show_message(self.message, m, error=True))

    def _show_staff(self, members: list[StaffMember]) -> None:
        self.members = members
        now = self.services.clock()
        fill(self.staff_table, [[m.name, m.role, "disabled" if m.disabled else
                                 "locked" if m.locked_at(now) else "active"] for m in members],
             [m.name for m in members])

    def _pins(self) -> str | None:
        if self.pin1.text() != self.pin2.text():
            show_message(self.message, "The two PINs are not the same.", error=True)
            return None
        return self.pin1.text()

    def _account_work(self, work, done: str) -> None:
        self.pin1.clear()
        self.pin2.clear()
        in_background(self, work, lambda _: (show_message(self.message, done), self.load_staff()),
                      lambda m: show_message(self.message, m[:1].upper() + m[1:] + ".", error=True))

    def _add(self) -> None:
        pin = self._pins()
        if pin is None:
            return
        s, name, role, by = self.services, self.new_name.text(), self.new_role.currentText(), self.member
        self.new_name.clear()
        self._account_work(
            lambda: staff.add(s.db, name, role, pin, by=by, hasher=s.hasher,
                              clock=s.clock),
            f"Added {name.strip()} ({role}).")

    def _reset(self) -> None:
        name = selected_key(self.staff_table)
        pin = self._pins()
        if name is None:
            show_message(self.message, "Select an account first.", error=True)
            return
        if pin is None:
            return
        s, by = self.services, self.member
        self._account_work(
            lambda: staff.reset_pin(s.db, name, pin, by=by, hasher=s.hasher,
                                    clock=s.clock),
            f"New PIN set for {name}; the account is unlocked.")

    def _disable(self) -> None:
        name = selected_key(self.staff_table)
        if name is None:
            show_message(self.message, "Select an account first.", error=True)
            return
        if not self.services.dialogs.confirm(self, "Disable account",
                                             f"Disable {name}? They will no longer be able to sign in."):
            return
        s, by = self.services, self.member
        self._account_work(lambda: staff.disable(s.db, name, by=by, clock=s.clock),
                           f"{name} can no longer sign in.")

    # --- content --------------------------------------------------------------------------------
    def check_content(self) -> None:
        config = self.services.config
        self.content_status.setText("Checking…")
        in_background(self, lambda: check(config.content_dir, config.languages),
                      self._show_check, lambda m: self.content_status.setText(m))

    def _show_check(self, result) -> None:
        if result.errors:
            lines = [str(e) for e in result.errors[:10]]
            self.content_status.setText(
                f"✗ {len(result.errors)} problem(s) — the kiosk will not start until they are "
                "mended:\n" + "\n".join(lines))
            self.content_status.setStyleSheet("color: #b00020;")
        else:
            self.content_status.setText(
                f"✓ OK: {result.questionnaires} questionnaires, {result.items} items, "
                f"{result.vignettes} vignettes.")
            self.content_status.setStyleSheet("color: #2e7d32;")

    # --- this machine ---------------------------------------------------------------------------
    def check_machine(self) -> None:
        """The plain checks off the UI thread, then the speech, media and screen ones on it."""
        from decisionaid.services.doctor import all_passed, run_checks
        from decisionaid.ui.common.doctor import QT_CHECKS

        config = self.services.config
        self.doctor_button.setEnabled(False)
        self.doctor_view.setPlainText("Checking…")

        def done(findings) -> None:
            for check_qt in QT_CHECKS:
                findings += check_qt(config)
            summary = ("All checks passed." if all_passed(findings) else
                       "Do what each FAIL line says, then check again.")
            self.doctor_view.setPlainText("\n".join([*(f.line() for f in findings), summary]))
            self.doctor_button.setEnabled(True)

        def failed(message: str) -> None:
            self.doctor_view.setPlainText(message)
            self.doctor_button.setEnabled(True)

        in_background(self, lambda: run_checks(config=config), done, failed)

    # --- export and purge -----------------------------------------------------------------------
    def _busy(self, button: QPushButton, text: str) -> None:
        """One data job at a time: an export never reads what a purge is deleting."""
        self.export_button.setEnabled(False)
        self.purge_button.setEnabled(False)
        button.setText(text)

    def _ready(self) -> None:
        self.export_button.setText(EXPORT)
        self.purge_button.setText(PURGE)
        self.export_button.setEnabled(True)
        self.purge_button.setEnabled(True)

    def export_answers(self) -> None:
        """Ask where to save, then write every stored answer (since the date, if ticked) in the
        chosen format, off the UI thread; the export is audit-logged under this staff member."""
        code = self.export_format.currentData()
        label, ending = EXPORT_FORMATS[code]
        today = self.services.clock().astimezone().date()
        path = self.services.dialogs.save_file(
            self, "Export answers", f"decisionaid-answers-{today:%Y%m%d}.{ending}",
            f"{label} (*.{ending})")
        if path is None:
            return
        s, by = self.services, self.member
        since = self.since.date().toPython() if self.since_on.isChecked() else None
        self._busy(self.export_button, "Exporting…")
        show_message(self.export_status, f"Exporting to {path}…")
        in_background(
            self,
            lambda: export.export(s.db, path, format=code, content=s.content, since=since,
                                  by=by, clock=s.clock),
            self._exported, self._export_failed)

    def _exported(self, result: ExportResult) -> None:
        self._ready()
        show_message(self.export_status, f"Saved {_count(result.visits, 'visit')} "
                                f"({_count(result.answers, 'answer')}) to {result.path}.")

    def _export_failed(self, message: str) -> None:
        self._ready()
        show_message(self.export_status, f"Not saved: {message.rstrip('.')}.", error=True)

    def purge_old_visits(self) -> None:
        """Count the visits older than the number of days (off the UI thread), ask, and delete
        them; under SAFE_MINIMUM_DAYS the admin must also type CONFIRM_WORD."""
        days, s = self.purge_days.value(), self.services
        self._busy(self.purge_button, "Counting…")
        show_message(self.purge_status, "")

        def count() -> tuple[int, datetime]:
            now = s.clock()
            return (retention.count_older(s.db, days, clock=lambda: now),
                    retention.cutoff_for(days, now))

        in_background(self, count, lambda found: self._confirm_purge(days, *found),
                      self._purge_failed)

    def _confirm_purge(self, days: int, visits: int, cutoff: datetime) -> None:
        before = day(cutoff)
        if visits == 0:
            self._ready()
            show_message(self.purge_status, f"No visits started before {before}: nothing to delete.")
            return
        dialogs = self.services.dialogs
        if not dialogs.confirm(
            self, "Delete old visits",
            f"Delete {_count(visits, 'visit')} started before {before}, with their answers, "
            "flags, vignette views and peer reviews? Profiles stay. This cannot be undone."):
            self._ready()
            show_message(self.purge_status, "Nothing was deleted.")
            return
        if days < SAFE_MINIMUM_DAYS:
            typed = dialogs.ask_text(
                self, "Delete recent visits",
                f"{days} days is fewer than {SAFE_MINIMUM_DAYS}: this deletes visits from the "
                f"last few weeks too.\nType {CONFIRM_WORD} to go ahead.")
            if (typed or "").strip().upper() != CONFIRM_WORD:
                self._ready()
                show_message(self.purge_status, f"Nothing was deleted: under {SAFE_MINIMUM_DAYS} days, "
                                       f"type {CONFIRM_WORD} to confirm.")
                return
        s, by = self.services, self.member
        self._busy(self.purge_button, "Deleting…")
        show_message(self.purge_status, f"Deleting {_count(visits, 'visit')}…")
        in_background(
            self,
            lambda: retention.purge(s.db, days, by=by, clock=s.clock),
            self._purged, self._purge_failed)

    def _purged(self, result: PurgeResult) -> None:
        self._ready()
        show_message(self.purge_status,
            f"Deleted {_count(result.visits, 'visit')} started before {day(result.cutoff)} "
            f"({_count(result.answers, 'answer')}, {_count(result.flags, 'flag')}, "
            f"{_count(result.views, 'vignette view')}, {_count(result.reviews, 'peer review')}).")

    def _purge_failed(self, message: str) -> None:
        self._ready()
        show_message(self.purge_status, f"Nothing was deleted: {message.rstrip('.')}.", error=True)
