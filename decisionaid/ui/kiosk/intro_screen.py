"""The first screen of a section: its title and introduction, Start, and for an optional
section "Skip this part". Like the question screen, one is refilled (``load``) for each
section of a visit."""

from __future__ import annotations

from PySide6.QtCore import Signal

from decisionaid.content.model import text_in
from decisionaid.engine.visit import Screen as EngineScreen
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import (
    NavBar,
    Progress,
    ReadAloud,
    Screen,
    button,
    content_label,
    label,
    sentences,
    wording_arrow,
)


class IntroScreen(Screen):
    started = Signal()
    skipped = Signal()  # the whole (optional) section
    went_back = Signal()
    who_looked = Signal()  # "Who has looked at my answers" (shown at a signed-in visit's start)

    def __init__(self, language: str, theme: Theme, speaker):
        super().__init__(language, theme)
        self.questionnaire = None
        layout = self.page_layout()
        self.progress = Progress(self)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self.title = content_label("huge")
        self.title.setObjectName("title")
        # Regular weight: a whole paragraph in bold is shouting; the content's own **bold**
        # is the one emphasis.
        self.body = content_label("lead")
        self.body.setObjectName("intro")
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.optional = self.worded(label("help"), "optional_part")
        layout.addWidget(self.optional)
        self.read_aloud = ReadAloud(self, speaker)
        layout.addWidget(self.read_aloud)
        self.who_looked_button = self.worded(button("", name="who_looked"), "who_looked_open")
        self.who_looked_button.setMinimumHeight(theme.px(88))
        self.who_looked_button.hide()
        self.who_looked_button.clicked.connect(self.who_looked)
        layout.addWidget(self.who_looked_button)
        layout.addStretch(2)
        nav = NavBar(self, next_key="start_part", skip_key="skip_part")
        self.nav = nav
        self.worded(nav.next_button, wording_arrow("start_part"))
        layout.addWidget(nav)
        nav.next.connect(self.started)
        nav.skip.connect(self.skipped)
        nav.back.connect(self.went_back)

    def load(self, current: EngineScreen, language: str, *, can_go_back: bool) -> None:
        self.questionnaire = q = current.questionnaire
        self.progress.show_part(current.section_index, current.section_count, current.fraction,
                                lambda lang: text_in(q.title, lang), language)
        self.optional.setVisible(q.optional)
        self.nav.skip_button.setVisible(q.optional)
        self.nav.back_button.setEnabled(can_go_back)
        self.read_aloud.notice.hide()
        self.retranslate(language)
        self.to_top()

    def on_language(self, language: str) -> None:
        if self.questionnaire is None:
            return
        self.title.setText(text_in(self.questionnaire.title, language))
        intro = text_in(self.questionnaire.intro, language)
        self.body.setText(intro)
        self.body.setVisible(bool(intro))

    def spoken_text(self) -> str:
        optional = self.optional.text() if self.questionnaire.optional else ""
        return sentences(list(x for x in (self.title.text(), self.body.text(), optional) if x))
