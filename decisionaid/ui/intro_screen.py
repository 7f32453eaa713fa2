"""The first screen of a section: its title and introduction, Start, and for an optional
section "Skip this part"."""

from __future__ import annotations

from PySide6.QtCore import Signal

from decisionaid.content.model import text_in
from decisionaid.engine.visit import Screen as EngineScreen
from decisionaid.ui.theme import Theme
from decisionaid.ui.widgets import NavBar, Progress, ReadAloud, Screen, label, wording_arrow


class IntroScreen(Screen):
    started = Signal()
    skipped = Signal()  # the whole (optional) section
    went_back = Signal()

    def __init__(self, current: EngineScreen, language: str, theme: Theme, speaker, *, can_go_back: bool):
        super().__init__(language, theme)
        self.questionnaire = q = current.questionnaire
        layout = self.page_layout()
        layout.addWidget(Progress(self, current.section_index, current.section_count,
                                  current.fraction, lambda lang: text_in(q.title, lang)))
        layout.addStretch(1)
        self.title = label("huge")
        self.title.setObjectName("title")
        self.body = label("question")
        self.body.setObjectName("intro")
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.optional = self.say(label("help"), "optional_part")
        self.optional.setVisible(q.optional)
        layout.addWidget(self.optional)
        layout.addWidget(ReadAloud(self, speaker))
        layout.addStretch(2)
        nav = NavBar(self, skip=q.optional, next_key="start_part", skip_key="skip_part")
        nav.back_button.setEnabled(can_go_back)
        self.nav = nav
        self.say(nav.next_button, wording_arrow("start_part"))
        layout.addWidget(nav)
        nav.next.connect(self.started)
        nav.skip.connect(self.skipped)
        nav.back.connect(self.went_back)
        self.on_language(language)

    def on_language(self, language: str) -> None:
        self.title.setText(text_in(self.questionnaire.title, language))
        intro = text_in(self.questionnaire.intro, language)
        self.body.setText(intro)
        self.body.setVisible(bool(intro))

    def spoken_text(self) -> str:
        return ". ".join(x for x in (self.title.text(), self.body.text(), self.optional.text() if self.questionnaire.optional else "") if x)
