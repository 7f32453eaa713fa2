"""Statistics (admins only): per month, how many visits started, finished, were printed and
reviewed; how many had a Power Statement and Personal Medicine; flags and how fast they were
acknowledged; vignettes and suggestions. Aggregates only, as a chart and a table, with CSV."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from decisionaid.services import audit, statistics
from decisionaid.services.staff import StaffMember
from decisionaid.services.statistics import MonthStats
from decisionaid.ui.common.strings import t
from decisionaid.ui.station.charts import BarChart
from decisionaid.ui.station.common import fill, in_background, message_label, show_message, table
from decisionaid.ui.station.services import PeerServices

# The table's columns, as catalogue keys (station_stat_*).
COLUMNS = ("month", "started", "finished", "printed", "reviewed", "incomplete", "power_statement",
           "personal_medicine", "safety_flags", "concern_flags", "minutes_to_acknowledge",
           "vignettes_watched", "suggestions_made")


def stacked(label: str, width: int = 11) -> str:
    """A column heading broken into lines of about ``width`` characters, at spaces."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


class StatisticsScreen(QWidget):
    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(parent)
        if not member.is_admin:
            raise PermissionError(t("station_stats_admins_only", services.language))
        self.services = services
        self.member = member
        self.lines: list[MonthStats] = []
        today = services.clock().astimezone().date()
        self.since = QDateEdit(QDate(today.year - 1, today.month, 1))
        self.until = QDateEdit(QDate(today.year, today.month, today.day))
        lang = services.language
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd MMM yyyy")
            edit.setLocale(QLocale(lang))  # the month's name in the staff member's language
        self.show_button = QPushButton(t("station_show", lang))
        self.export_button = QPushButton(t("station_export_csv", lang))
        self.export_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(t("station_from", lang)))
        bar.addWidget(self.since)
        bar.addWidget(QLabel(t("station_to", lang)))
        bar.addWidget(self.until)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self.chart = BarChart(empty=t("station_no_visits_in_period", lang))
        # Headings on up to three short lines: all thirteen columns fit across the window.
        self.table = table([stacked(t(f"station_stat_{column}", lang)) for column in COLUMNS])
        self.table.setObjectName("statistics_table")
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(QLabel(t("station_counts_no_names", lang)))
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.message)
        self.show_button.clicked.connect(self.load)
        self.export_button.clicked.connect(self._export)
        self.load()

    def period(self) -> tuple[date, date]:
        return self.since.date().toPython(), self.until.date().toPython()

    def load(self) -> None:
        s, member = self.services, self.member
        since, until = self.period()
        show_message(self.message, t("station_counting", s.language))
        in_background(self, lambda: statistics.monthly(s.db, s.content, since, until, by=member),
                      self._show, lambda m: show_message(self.message, m, error=True))

    def _show(self, lines: list[MonthStats]) -> None:
        self.lines = lines
        fill(self.table, [[
            m.month, str(m.started), str(m.finished), str(m.printed), str(m.reviewed),
            str(m.incomplete), f"{m.power_statement_share:.0%}", f"{m.personal_medicine_share:.0%}",
            str(m.safety_flags), str(m.concern_flags),
            "" if m.median_minutes_to_acknowledge is None else f"{m.median_minutes_to_acknowledge:g}",
            str(m.vignettes_watched), str(m.suggestions_made),
        ] for m in lines])
        self.table.resizeColumnsToContents()
        lang = self.services.language
        # The chart names each month as the table does ("2026-12").
        self.chart.set_data([m.month for m in lines], [
            (t("station_stat_started", lang), [m.started for m in lines]),
            (t("station_stat_finished", lang), [m.finished for m in lines]),
            (t("station_stat_printed", lang), [m.printed for m in lines]),
            (t("station_stat_reviewed", lang), [m.reviewed for m in lines]),
        ])
        self.export_button.setEnabled(bool(lines))
        show_message(self.message, "" if lines else t("station_no_visits_in_period", lang))

    def _export(self) -> None:
        since, until = self.period()
        path = self.services.dialogs.save_file(
            self, t("station_export_statistics", self.services.language),
            f"decisionaid-statistics-{since:%Y%m}-{until:%Y%m}.csv",
            "CSV (*.csv)")
        if path is None:
            return
        text, s = statistics.to_csv(self.lines), self.services

        def work() -> None:
            path.write_text(text, encoding="utf-8")
            now = s.clock()
            s.db.write(lambda session: audit.record(
                session, audit.EXPORT, at=now, actor="peer", staff_id=self.member.id,
                format="statistics-csv", months=len(self.lines)))  # counts only: no one's data

        lang = s.language
        in_background(self, work,
                      lambda _: show_message(self.message, t("station_saved_path", lang, path=path)),
                      lambda m: show_message(self.message, t("station_could_not_save", lang, reason=m),
                                             error=True))
