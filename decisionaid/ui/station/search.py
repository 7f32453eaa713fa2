"""Find a service user by the start of their first name or their clinic id, or a visit by its
number; a page of results at a time."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from decisionaid.services.peer_queries import PAGE_SIZE, PersonLine
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import t
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

TYPING_PAUSE_S = 0.25  # a search starts once typing pauses this long


class SearchScreen(QWidget):
    open_person = Signal(int)
    open_visit = Signal(int)

    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.member = member
        self.page = 0
        self.people: list[PersonLine] = []
        self.query = QLineEdit()
        self.query.setObjectName("search_text")
        lang = services.language
        self.query.setPlaceholderText(t("station_search_hint", lang))
        self.query.setClearButtonEnabled(True)
        self.go = QPushButton(t("station_search", lang))
        row = QHBoxLayout()
        row.addWidget(QLabel(t("station_find", lang)))
        row.addWidget(self.query, 1)
        row.addWidget(self.go)
        self.results = table([t(f"station_col_{c}", lang)
                              for c in ("name", "born", "clinic_id", "visits", "last_visit")])
        self.results.setObjectName("search_results")
        self.more = QPushButton(t("station_more_results", lang))
        self.more.hide()
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.more)
        layout.addWidget(self.message)

        # Search as the name is typed, once typing pauses.
        self.debounce = services.timers.timer(TYPING_PAUSE_S, self.search, self)
        self.query.textChanged.connect(lambda _: self.debounce.start())
        self.query.returnPressed.connect(self.search)
        self.go.clicked.connect(self.search)
        self.more.clicked.connect(self._more)
        self.results.cellDoubleClicked.connect(self._open)

    def search(self) -> None:
        self.debounce.stop()
        text = self.query.text().strip()
        if text.startswith("#") and text[1:].isdigit():
            self.open_visit.emit(int(text[1:]))
            return
        self.page = 0
        self.people = []
        if not text:
            fill(self.results, [])
            self.more.hide()
            show_message(self.message, "")
            return
        queries, member = self.services.queries, self.member
        in_background(self, lambda: (text, queries.search(text, by=member)), self._show,
                      lambda m: show_message(self.message, m, error=True))

    def _more(self) -> None:
        self.page += 1
        text, page, queries = self.query.text().strip(), self.page, self.services.queries
        member = self.member
        in_background(self, lambda: (text, queries.search(text, page, by=member)), self._show,
                      lambda m: show_message(self.message, m, error=True))

    def _show(self, found: tuple[str, list[PersonLine]]) -> None:
        text, people = found
        if text != self.query.text().strip():
            return  # the user has typed on since: a newer search is coming
        self.people.extend(people)
        fill(self.results, [[p.first_name, day(p.date_of_birth, self.services.language), p.clinic_id or "",
                             str(p.visits), day(p.last_visit, self.services.language)] for p in self.people],
             [p.id for p in self.people])
        self.more.setVisible(len(people) == PAGE_SIZE)
        show_message(self.message, t("station_no_one_found" if not self.people
                                     else "station_double_click_person", self.services.language))

    def _open(self, *_args) -> None:
        person = selected_key(self.results)
        if person is not None:
            self.open_person.emit(person)
