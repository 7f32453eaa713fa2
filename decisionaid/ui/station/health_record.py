"""Sent to the health record (peer workers and admins): each printed, saved or reviewed page
owed to the clinic's health record — waiting, sent, or not sent yet with the reason — and
"Send again" for one that was not. ``ChartSender`` sends what is due, off the UI thread, every
``chart_send_seconds`` (30 s) while the station is open, signed in or not
(services/chart_outbox.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from decisionaid.services.chart_outbox import ChartOutbox, DeliveryLine
from decisionaid.services.clock import Timers
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import t
from decisionaid.ui.station.common import (
    day_and_time,
    fill,
    in_background,
    message_label,
    selected_key,
    show_message,
    table,
)
from decisionaid.ui.station.services import PeerServices

COLUMNS = ("when", "who", "visit", "what", "where", "state")


class ChartSender(QObject):
    """Sends what is due every ``seconds`` on the station's ``timers``; one round at a time.
    ``round_done`` after each."""

    round_done = Signal()

    def __init__(self, outbox: ChartOutbox, seconds: float, parent: QObject | None,
                 timers: Timers):
        super().__init__(parent)
        self.outbox = outbox
        self.busy = False
        self.rounds = 0  # rounds come back so far (tests wait on it)
        self.timer = timers.timer(seconds, self.send_now, self, repeat=True)

    def start(self) -> None:
        self.timer.start()
        self.send_now()  # what waited while the station was closed goes at once

    def stop(self) -> None:
        self.timer.stop()

    def send_now(self) -> None:
        if self.busy:
            return
        self.busy = True

        def done(_result) -> None:
            self.busy = False
            self.rounds += 1
            self.round_done.emit()

        in_background(self, self.outbox.send_due, done, lambda _m: done(None))


def state_words(line: DeliveryLine, language: str) -> str:
    if line.state == "sent":
        return t("station_hr_state_sent", language, when=day_and_time(line.sent_at, language))
    if line.state == "pending":
        return t("station_hr_state_pending", language)
    if line.next_attempt_at is None:
        return t("station_hr_state_stopped", language, error=line.error or "")
    return t("station_hr_state_failed", language, tries=line.attempts, error=line.error or "",
             when=day_and_time(line.next_attempt_at, language))


class HealthRecordScreen(QWidget):
    def __init__(self, services: PeerServices, member: StaffMember, outbox: ChartOutbox,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.member = member
        self.outbox = outbox
        self.lines: list[DeliveryLine] = []
        lang = services.language
        self.counts = QLabel()
        self.counts.setObjectName("health_record_counts")
        self.table = table([t(f"station_hr_col_{c}", lang) for c in COLUMNS])
        self.table.setObjectName("health_record_table")
        self.send_again = QPushButton(t("station_hr_send_again", lang))
        self.send_again.setObjectName("send_again")
        self.refresh_button = QPushButton(t("station_hr_refresh", lang))
        self.message = message_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_again)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.send_again.clicked.connect(self._send_again)
        self.refresh_button.clicked.connect(self.refresh)

    def refresh(self) -> None:
        member = self.member
        in_background(self, lambda: (self.outbox.lines(by=member), self.outbox.counts()),
                      self._show, lambda m: show_message(self.message, m, error=True))

    def _show(self, found) -> None:
        lines, counts = found
        self.lines = lines
        lang = self.services.language
        self.counts.setText(t("station_hr_counts", lang, **counts) if lines
                            else t("station_hr_none", lang))
        fill(self.table, [[
            day_and_time(line.created_at, lang),
            line.first_name or t("station_guest", lang),
            str(line.visit_id),
            t(f"station_hr_event_{line.event}", lang),
            t(f"station_hr_dest_{line.destination}", lang),
            state_words(line, lang),
        ] for line in lines], [line.id for line in lines])

    def _send_again(self) -> None:
        lang = self.services.language
        delivery_id = selected_key(self.table)
        line = next((x for x in self.lines if x.id == delivery_id), None)
        if line is None or line.state == "sent":
            show_message(self.message, t("station_hr_pick", lang), error=True)
            return
        show_message(self.message, t("station_hr_sending", lang))
        member = self.member

        def done(result: DeliveryLine) -> None:
            if result.state == "sent":
                show_message(self.message, t("station_hr_sent_now", lang))
            else:
                show_message(self.message, t("station_hr_not_sent", lang, reason=result.error),
                             error=True)
            self.refresh()

        in_background(self, lambda: self.outbox.send_again(delivery_id, by=member), done,
                      lambda m: show_message(self.message, t("station_hr_not_sent", lang, reason=m),
                                             error=True))
