"""Shown right after an answer that raises a safety flag: calm, thankful, says a peer worker
will check in, and gives the site's crisis message. No score, no diagnosis, no alarm."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal

from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import (
    NavBar,
    ReadAloud,
    Screen,
    button,
    label,
    sentences,
    wording_arrow,
)


class SafetyScreen(Screen):
    carry_on = Signal()
    went_back = Signal()
    talk_now = Signal()  # "I want to talk to someone now": the kiosk asks the peer station

    def __init__(self, language: str, theme: Theme, speaker, crisis_text: Callable[[str], str]):
        super().__init__(language, theme)
        layout = self.page_layout()
        layout.addStretch(1)
        self.title = self.worded(label("huge"), "safety_title")
        self.title.setObjectName("title")
        self.body = self.worded(label("lead"), "safety_body")
        self.body.setObjectName("body")
        self.crisis = self.worded(label("crisis"), crisis_text)
        self.crisis.setObjectName("crisis")
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addSpacing(theme.px(24))
        layout.addWidget(self.crisis)
        self.talk_button = self.worded(button("primary", name="talk_now"), "talk_now")
        self.talk_button.setMinimumHeight(theme.px(110))
        self.talk_button.clicked.connect(self.talk_now)
        layout.addSpacing(theme.px(24))  # its own place, not a part of the crisis box above
        layout.addWidget(self.talk_button)
        layout.addWidget(ReadAloud(self, speaker))
        layout.addStretch(2)
        self.nav = NavBar(self, skip=False)
        self.worded(self.nav.next_button, wording_arrow("carry_on"))
        layout.addWidget(self.nav)
        self.nav.next.connect(self.carry_on)
        self.nav.back.connect(self.went_back)

    def spoken_text(self) -> str:
        talk = (self.talk_button.text(),) if not self.talk_button.isHidden() else ()
        return sentences(list((self.title.text(), self.body.text(), self.crisis.text(), *talk)))
