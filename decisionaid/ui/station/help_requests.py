"""Help requests on the Today board: people at a kiosk who pressed "I'd like help" or, on the
safety screen, "I want to talk to someone now". Shown in their own blue band, apart from the red
safety flags, longest waiting first; "I'm helping" marks one handled (audit-logged) and it goes.

Read every ``poll_seconds`` (2 s) on a worker thread, like the board, so a request from any kiosk
sharing the database shows within a few seconds. A new one sounds and asks for attention.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from decisionaid.services.help import TALK_NOW, HelpRequests, OpenHelpRequest
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import STRINGS, t, tn
from decisionaid.ui.station.common import clock_time, in_background, show_message
from decisionaid.ui.station.polled import ListBand
from decisionaid.ui.station.services import PeerServices

BAND = ("QFrame#help_band { background: #0d3557; } QFrame#help_band QLabel { color: white; }"
        " QFrame#help_band QLabel#help_title { font-size: 15pt; font-weight: bold; }")


def where(screen: str, language: str) -> str:
    """The kiosk's screen in words ("answering a question"), or its code if it has none."""
    key = f"station_screen_{screen.split(':')[0]}"
    return t(key, language) if key in STRINGS else screen


class HelpRow(QWidget):
    def __init__(self, request: OpenHelpRequest, language: str):
        super().__init__()
        self.request = request
        who = (request.first_name or t("station_guest", language)) if request.visit_id is not None \
            else t("station_help_not_signed_in", language)
        key = "station_help_talk_now" if request.kind == TALK_NOW else "station_help_line"
        self.text = QLabel(t(key, language, time=clock_time(request.raised_at), who=who,
                             kiosk=request.kiosk, screen=where(request.screen, language)))
        self.text.setWordWrap(True)
        self.text.setObjectName(f"help_line_{request.id}")
        self.handled = QPushButton(t("station_help_handled", language))
        self.handled.setObjectName(f"help_handled_{request.id}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.handled)


class HelpRequestsPanel(ListBand):
    """The band of open help requests (hidden while there are none)."""

    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(services, "help", BAND, parent)
        self.member = member
        self.requests = HelpRequests(services.db, clock=services.clock)

    def read_work(self):
        requests, member = self.requests, self.member
        return lambda: requests.open_requests(by=member)

    def make_row(self, request: OpenHelpRequest) -> HelpRow:
        row = HelpRow(request, self.services.language)
        row.handled.clicked.connect(lambda _=False, r=request.id: self._handled(r))
        return row

    def title_for(self, count: int) -> str:
        return tn("station_help", count, self.services.language)

    def new_items(self) -> None:
        super().new_items()
        QApplication.alert(self.window(), 0)

    def _handled(self, request_id: int) -> None:
        row = self.rows.get(request_id)
        if row is not None:
            row.handled.setEnabled(False)
        requests, member, lang = self.requests, self.member, self.services.language
        in_background(
            self, lambda: requests.handled(request_id, by=member),
            lambda _: (show_message(self.message, t("station_help_marked", lang)), self.refresh()),
            lambda m: (show_message(self.message, m, error=True), self.refresh()),
        )
