""""Who has looked at my answers": after signing in, the person sees who at the clinic (name
and role) did what with their answers or visits, and when, in their language; read aloud like
every screen. Reading it is recorded too (see services/reads.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal

from decisionaid.services.reads import AccessEvent
from decisionaid.ui.common.strings import STRINGS, month_names, t
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import NavBar, ReadAloud, Screen, label, show_words

ROLES = ("peer", "admin", "prescriber")


def when_words(event: AccessEvent, language: str) -> str:
    local = event.at.astimezone()
    return t("who_looked_when", language, day=local.day,
             month=month_names(language)[local.month - 1], year=local.year,
             time=local.strftime("%H:%M"))


def who_words(event: AccessEvent, language: str) -> str:
    if event.staff_name is None:
        return t("who_command_line", language)
    role = event.staff_role if event.staff_role in ROLES else "other"
    return t("who_person", language, name=event.staff_name,
             role=t(f"who_role_{role}", language))


def what_words(event: AccessEvent, language: str) -> str:
    key = f"who_did_{event.action}"
    return t(key if key in STRINGS else "who_did_other", language)


def line_words(event: AccessEvent, language: str) -> str:
    return t("who_looked_line", language, when=when_words(event, language),
             who=who_words(event, language), what=what_words(event, language))


class WhoLookedScreen(Screen):
    went_back = Signal()

    def __init__(self, language: str, theme: Theme, speaker):
        super().__init__(language, theme)
        self.events: list[AccessEvent] | None = None
        layout = self.page_layout()
        self.title = self.worded(label("huge"), "who_looked_title")
        self.title.setObjectName("title")
        self.intro = self.worded(label("lead"), "who_looked_intro")
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        self.read_aloud = ReadAloud(self, speaker)
        layout.addWidget(self.read_aloud)
        self.lines_layout = layout
        self.lines: list = []
        self.empty = self.worded(label("lead"), "who_looked_none")
        self.empty.setObjectName("who_looked_none")
        self.empty.hide()
        self.trouble = self.worded(label("notice"), "who_looked_trouble")
        self.trouble.setObjectName("who_looked_trouble")
        self.trouble.hide()
        self.ask = self.worded(label("help"), "who_looked_ask")
        layout.addWidget(self.empty)
        layout.addWidget(self.trouble)
        layout.addWidget(self.ask)
        layout.addStretch(1)
        nav = NavBar(self, skip=False)
        nav.next_button.hide()  # nothing follows: Back, where it always is, returns
        self.nav = nav
        layout.addWidget(nav)
        nav.back.connect(self.went_back)

    def show_events(self, events: list[AccessEvent]) -> None:
        self.events = events
        self.empty.setVisible(not events)
        at = self.lines_layout.indexOf(self.empty)
        for i in range(len(events)):
            line = label("body")
            line.setObjectName("who_looked_line")
            self.lines_layout.insertWidget(at + i, line)
            line.show()  # now, not at the layout's next turn: "Read to me" may come first
            self.lines.append(line)
        self.on_language(self.language)

    def show_trouble(self) -> None:
        self.trouble.show()

    def on_language(self, language: str) -> None:
        for line, event in zip(self.lines, self.events or [], strict=False):
            show_words(line, line_words(event, language))
