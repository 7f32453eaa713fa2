"""Small pieces every peer-station screen uses: background work, times, messages, tables."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem
from shiboken6 import Shiboken

from decisionaid.app import log_file
from decisionaid.errors import UserError
from decisionaid.services.visit_records import shown_state
from decisionaid.ui.common.operations import run_in_background
from decisionaid.ui.common.strings import STRINGS, month_names, t, tn

log = logging.getLogger(__name__)

RED = "#b00020"


def in_background(
    receiver: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None],
    language: str | None = None,
) -> None:
    """Run ``work`` off the UI thread; ``on_done(result)`` or ``on_failed(message)`` back on it.
    The message is the one line a ``UserError`` carries, or a plain 'could not' line."""

    def done(result: Any) -> None:
        if Shiboken.isValid(receiver):
            on_done(result)

    def failed(error: Exception) -> None:
        if not Shiboken.isValid(receiver):
            return  # the screen was closed (or its session signed out) meanwhile
        if isinstance(error, UserError | OSError):
            on_failed(str(error))
        else:
            log.error("peer station work failed", exc_info=error)
            # A station screen holds its services, and so the station's language.
            lang = language or getattr(getattr(receiver, "services", None), "language", "en")
            on_failed(t("station_went_wrong", lang, error=type(error).__name__, log=log_file()))

    # The relay lives as long as the application, not the screen: a screen closed while its
    # work is out simply gets no callback (checked above), and the worker never emits into a
    # deleted object.
    run_in_background(work, done, failed, QCoreApplication.instance())


def clock_time(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M") if moment else ""


def day_and_time(moment: datetime | None, language: str = "en") -> str:
    """"Mon 30 Nov 2026, 13:25" ("lun 30 nov 2026, 13:25"), whatever the machine's locale."""
    if not moment:
        return ""
    local = moment.astimezone()
    weekday = t("station_weekdays_short", language).split(",")[local.weekday()]
    return f"{weekday} {day(local, language)}, {local:%H:%M}"


def day(moment: date | None, language: str = "en", year: bool = True) -> str:
    """"30 Nov 2026" ("30 nov 2026"); a moment in time is shown on the local day."""
    if not moment:
        return ""
    local = moment.astimezone() if isinstance(moment, datetime) else moment
    month = t("station_months_short", language).split(",")[local.month - 1]
    return f"{local:%d} {month} {local.year}" if year else f"{local:%d} {month}"


def today_words(moment: datetime, language: str) -> str:
    """The day in the station's language: "1 December", "1 de diciembre"."""
    local = moment.astimezone()
    return t("station_day", language, day=local.day, month=month_names(language)[local.month - 1])


def state_words(state: str, printed: bool, language: str) -> str:
    """A visit's state in the station's language: in progress, finished, printed, reviewed or
    incomplete."""
    key = shown_state(state, printed)
    return t(f"station_state_{key}", language) if f"station_state_{key}" in STRINGS else state


def alerts_words(safety: int, concerns: int, language: str, please_ask: int = 0,
                 none: str | None = None) -> str:
    """A visit's open alerts in words, as every list of the station says them: safety flags,
    unanswered safety questions to ask about, then concerns; ``none`` (default: the word
    "none") when there are none."""
    parts = []
    if safety:
        parts.append(t("station_alert_safety", language, n=safety))
    if please_ask:
        parts.append(t("station_please_ask", language) if please_ask == 1
                     else t("station_please_ask_n", language, n=please_ask))
    if concerns:
        parts.append(tn("station_concern", concerns, language))
    return ", ".join(parts) or (t("station_no_alerts", language) if none is None else none)


def message_label() -> QLabel:
    """A line under a form for what just happened (or went wrong)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def show_message(label: QLabel, text: str, error: bool = False) -> None:
    label.setStyleSheet(f"color: {RED}; font-weight: bold;" if error else "")
    label.setText(text)


def table(headers: list[str]) -> QTableWidget:
    """A read-only table that selects whole rows, one at a time."""
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    widget.verticalHeader().setVisible(False)
    widget.horizontalHeader().setStretchLastSection(True)
    widget.setAlternatingRowColors(True)
    return widget


def fill(widget: QTableWidget, rows: list[list[str]], keys: list[object] | None = None) -> None:
    """Replace the table's rows; ``keys[i]`` is kept on row i's first cell (Qt.UserRole). Each
    cell's words are its tooltip too: a cell cut short by a narrow window still says them
    whole under the pointer."""
    widget.setUpdatesEnabled(False)
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if c == 0 and keys is not None:
                cell.setData(Qt.ItemDataRole.UserRole, keys[r])
            widget.setItem(r, c, cell)
    widget.setUpdatesEnabled(True)


def selected_key(widget: QTableWidget) -> Any:
    row = widget.currentRow()
    if row < 0 or widget.item(row, 0) is None:
        return None
    return widget.item(row, 0).data(Qt.ItemDataRole.UserRole)
