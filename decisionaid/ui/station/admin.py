"""Admin (admins only): staff accounts, the site configuration in force (read-only), whether
the content passes its check, exporting the stored answers and deleting old visits."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content.loader import check
from decisionaid.i18n import language_name
from decisionaid.services import export, retention
from decisionaid.services.export import ExportResult
from decisionaid.services.retention import SAFE_MINIMUM_DAYS, PurgeResult
from decisionaid.services.staff import StaffMember
from decisionaid.storage.database import describe
from decisionaid.ui.common.strings import t, tn
from decisionaid.ui.station.common import (
    day,
    in_background,
    message_label,
    show_message,
)
from decisionaid.ui.station.services import PeerServices
from decisionaid.ui.station.staff_accounts import StaffAccounts

# format code -> what the admin picks, and the file name's ending
EXPORT_FORMATS = {"fhir": ("FHIR JSON", "json"), "csv": ("CSV", "csv")}
KEEP_DAYS = 365  # what the purge offers first: a year of visits stays
CONFIRM_WORD = "DELETE"  # typed to purge fewer than SAFE_MINIMUM_DAYS days


def _count(n: int, thing: str, language: str) -> str:
    """``n`` visits, answers, flags, views or reviews, in words."""
    return tn(f"station_count_{thing}", n, language, n=f"{n:,}")


class AdminScreen(QWidget):
    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(parent)
        if not member.is_admin:
            raise PermissionError(t("station_admins_only", services.language))
        self.services = services
        self.member = member

        # Staff accounts: what they say goes on the line at the bottom.
        lang = services.language
        self.message = message_label()
        self.accounts = accounts = StaffAccounts(services, member, self.message)
        self.staff_table = accounts.staff_table

        # Site configuration and content.
        site = QGroupBox(t("station_site_config", lang))
        self.config_view = QPlainTextEdit(self._config_text())
        self.config_view.setReadOnly(True)
        QVBoxLayout(site).addWidget(self.config_view)
        content = QGroupBox(t("station_content_check", lang))
        self.content_status = QLabel(t("station_checking", lang))
        self.content_status.setObjectName("content_status")
        self.content_status.setWordWrap(True)
        self.content_status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.recheck = QPushButton(t("station_check_again", lang))
        # A long list of problems scrolls rather than crowding export and purge off the screen.
        status_area = QScrollArea()
        status_area.setWidgetResizable(True)
        status_area.setFrameShape(QFrame.Shape.NoFrame)
        status_area.setWidget(self.content_status)
        cl = QVBoxLayout(content)
        cl.addWidget(status_area)
        cl.addWidget(self.recheck)

        # What 'decisionaid doctor' says about this machine (run on demand: it plays a video).
        machine = QGroupBox(t("station_this_machine", lang))
        self.doctor_view = QPlainTextEdit(t("station_doctor_hint", lang))
        self.doctor_view.setObjectName("doctor_view")
        self.doctor_view.setReadOnly(True)
        self.doctor_button = QPushButton(t("station_check_machine", lang))
        self.doctor_button.setObjectName("doctor_button")
        ml = QVBoxLayout(machine)
        ml.addWidget(self.doctor_view)
        ml.addWidget(self.doctor_button)

        # Export answers.
        exporting = QGroupBox(t("station_export_answers", lang))
        self.export_format = QComboBox()
        self.export_format.setObjectName("export_format")
        for code, (label, _) in EXPORT_FORMATS.items():
            self.export_format.addItem(label, code)
        today = services.clock().astimezone().date()
        self.since_on = QCheckBox(t("station_only_since", lang))
        self.since = QDateEdit(QDate(today.year, today.month, 1))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("dd MMM yyyy")
        self.since.setLocale(QLocale(lang))  # the month's name in the staff member's language
        self.since.setEnabled(False)
        self.export_button = QPushButton(t("station_export_button", lang))
        self.export_button.setObjectName("export_button")
        self.export_status = message_label()
        self.export_status.setObjectName("export_status")
        el = QVBoxLayout(exporting)
        row = QHBoxLayout()
        row.addWidget(QLabel(t("station_format", lang)))
        row.addWidget(self.export_format)
        row.addStretch(1)
        row.addWidget(self.since_on)
        row.addWidget(self.since)
        el.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(t("station_users_by_code", lang)), 1)
        row.addWidget(self.export_button)
        el.addLayout(row)
        el.addWidget(self.export_status)

        # Delete old visits.
        purging = QGroupBox(t("station_delete_old_visits", lang))
        self.purge_days = QSpinBox()
        self.purge_days.setObjectName("purge_days")
        self.purge_days.setRange(1, 36500)
        self.purge_days.setValue(KEEP_DAYS)
        self.purge_button = QPushButton(t("station_purge_button", lang))
        self.purge_button.setObjectName("purge_button")
        self.purge_status = message_label()
        self.purge_status.setObjectName("purge_status")
        pl = QVBoxLayout(purging)
        row = QHBoxLayout()
        row.addWidget(QLabel(t("station_delete_older_than", lang)))
        row.addWidget(self.purge_days)
        row.addWidget(QLabel(t("station_days", lang)))
        row.addStretch(1)
        row.addWidget(self.purge_button)
        pl.addLayout(row)
        what_goes = QLabel(t("station_what_goes", lang))
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

        layout = QVBoxLayout(self)
        layout.addWidget(accounts, 1)
        layout.addLayout(lower, 1)
        layout.addWidget(self.message)

        self.recheck.clicked.connect(self.check_content)
        self.doctor_button.clicked.connect(self.check_machine)
        self.since_on.toggled.connect(self.since.setEnabled)
        self.export_button.clicked.connect(self.export_answers)
        self.purge_button.clicked.connect(self.purge_old_visits)
        self.check_content()

    def _config_text(self) -> str:
        c, lang = self.services.config, self.services.language
        listing = t(
            "station_config_listing", lang, source=c.source or t("station_no_config_file", lang),
            site=c.site_name, languages=", ".join(f"{language_name(code)} ({code})" for code in c.languages),
            paper=t("station_paper_a4" if c.paper == "a4" else "station_paper_letter", lang),
            idle=c.idle_timeout_s, sign_out=int(self.services.idle_seconds // 60),
            printer=c.printer or t("station_system_printer", lang),
            database=describe(c.database_url),
            encrypted=t("station_yes" if self.services.db.encrypted else "station_no", lang),
            content=c.content_dir)
        return "\n".join([listing, *(f"  [{code}] {c.crisis_text(code)}" for code in c.languages)])

    # --- content --------------------------------------------------------------------------------
    def check_content(self) -> None:
        config = self.services.config
        self.content_status.setText(t("station_checking", self.services.language))
        in_background(self, lambda: check(config.content_dir, config.languages),
                      self._show_check, lambda m: self.content_status.setText(m))

    def _show_check(self, result) -> None:
        lang = self.services.language
        if result.errors:
            lines = [str(e) for e in result.errors[:10]]
            self.content_status.setText(tn("station_content_problems", len(result.errors), lang,
                                          lines="\n".join(lines)))
            self.content_status.setStyleSheet("color: #b00020;")
        else:
            self.content_status.setText(t(
                "station_content_ok", lang, questionnaires=result.questionnaires,
                items=result.items, vignettes=result.vignettes))
            self.content_status.setStyleSheet("color: #2e7d32;")

    # --- this machine ---------------------------------------------------------------------------
    def check_machine(self) -> None:
        """The plain checks off the UI thread, then the speech, media and screen ones on it."""
        from decisionaid.services.doctor import all_passed, run_checks
        from decisionaid.ui.common.doctor import QT_CHECKS

        config, timers = self.services.config, self.services.timers
        self.doctor_button.setEnabled(False)
        lang = self.services.language
        self.doctor_view.setPlainText(t("station_checking", lang))

        def done(findings) -> None:
            for check_qt in QT_CHECKS:
                findings += check_qt(config, timers)
            summary = t("station_all_checks_passed" if all_passed(findings)
                        else "station_do_what_fail_says", lang)
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
        lang = self.services.language
        self.export_button.setText(t("station_export_button", lang))
        self.purge_button.setText(t("station_purge_button", lang))
        self.export_button.setEnabled(True)
        self.purge_button.setEnabled(True)

    def export_answers(self) -> None:
        """Ask where to save, then write every stored answer (since the date, if ticked) in the
        chosen format, off the UI thread; the export is audit-logged under this staff member."""
        code = self.export_format.currentData()
        label, ending = EXPORT_FORMATS[code]
        today = self.services.clock().astimezone().date()
        lang = self.services.language
        path = self.services.dialogs.save_file(
            self, t("station_export_answers", lang), f"decisionaid-answers-{today:%Y%m%d}.{ending}",
            f"{label} (*.{ending})")
        if path is None:
            return
        s, by = self.services, self.member
        since = self.since.date().toPython() if self.since_on.isChecked() else None
        self._busy(self.export_button, t("station_exporting", lang))
        show_message(self.export_status, t("station_exporting_to", lang, path=path))
        in_background(
            self,
            lambda: export.export(s.db, path, format=code, content=s.content, since=since,
                                  by=by, clock=s.clock),
            self._exported, self._export_failed)

    def _exported(self, result: ExportResult) -> None:
        self._ready()
        lang = self.services.language
        show_message(self.export_status, t("station_export_saved", lang,
                                           visits=_count(result.visits, "visit", lang),
                                           answers=_count(result.answers, "answer", lang),
                                           path=result.path))

    def _export_failed(self, message: str) -> None:
        self._ready()
        show_message(self.export_status, t("station_not_saved", self.services.language,
                                           reason=message.rstrip(".")), error=True)

    def purge_old_visits(self) -> None:
        """Count the visits older than the number of days (off the UI thread), ask, and delete
        them; under SAFE_MINIMUM_DAYS the admin must also type CONFIRM_WORD."""
        days, s = self.purge_days.value(), self.services
        self._busy(self.purge_button, t("station_counting", s.language))
        show_message(self.purge_status, "")

        def count() -> tuple[int, datetime]:
            now = s.clock()
            return (retention.count_older(s.db, days, clock=lambda: now),
                    retention.cutoff_for(days, now))

        in_background(self, count, lambda found: self._confirm_purge(days, *found),
                      self._purge_failed)

    def _confirm_purge(self, days: int, visits: int, cutoff: datetime) -> None:
        lang = self.services.language
        before = day(cutoff, lang)
        if visits == 0:
            self._ready()
            show_message(self.purge_status, t("station_nothing_before", lang, before=before))
            return
        dialogs = self.services.dialogs
        if not dialogs.confirm(
            self, t("station_delete_old_visits", lang),
            t("station_delete_ask", lang, visits=_count(visits, "visit", lang), before=before)):
            self._ready()
            show_message(self.purge_status, t("station_nothing_deleted", lang))
            return
        if days < SAFE_MINIMUM_DAYS:
            typed = dialogs.ask_text(
                self, t("station_delete_recent", lang),
                t("station_delete_recent_ask", lang, days=days, minimum=SAFE_MINIMUM_DAYS,
                  word=CONFIRM_WORD))
            if (typed or "").strip().upper() != CONFIRM_WORD:
                self._ready()
                show_message(self.purge_status, t("station_nothing_deleted_type", lang,
                                                  minimum=SAFE_MINIMUM_DAYS, word=CONFIRM_WORD))
                return
        s, by = self.services, self.member
        self._busy(self.purge_button, t("station_deleting", lang))
        show_message(self.purge_status,
                     t("station_deleting_n", lang, visits=_count(visits, "visit", lang)))
        in_background(
            self,
            lambda: retention.purge(s.db, days, by=by, clock=s.clock),
            self._purged, self._purge_failed)

    def _purged(self, result: PurgeResult) -> None:
        self._ready()
        lang = self.services.language
        show_message(self.purge_status, t(
            "station_deleted", lang, visits=_count(result.visits, "visit", lang),
            before=day(result.cutoff, lang), answers=_count(result.answers, "answer", lang),
            flags=_count(result.flags, "flag", lang), views=_count(result.views, "view", lang),
            reviews=_count(result.reviews, "review", lang)))

    def _purge_failed(self, message: str) -> None:
        self._ready()
        show_message(self.purge_status, t("station_nothing_deleted_because", self.services.language,
                                          reason=message.rstrip(".")), error=True)
