"""The first screen: a welcome, the language, and the three ways in. Shows nothing of anyone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy

from decisionaid.i18n import language_name
from decisionaid.ui.common.roles import as_radio
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import (
    ReadAloud,
    Screen,
    at_right,
    button,
    centred,
    label,
    sentences,
    show_words,
)


class LanguageButton(QPushButton):
    """The marks (◉ ○) come from a font a little taller than the style's minimum height, which
    a crowded page would otherwise squeeze the button down to."""

    def event(self, event) -> bool:
        done = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.FontChange):
            self.setMinimumHeight(self.sizeHint().height())
        return done


class WelcomeScreen(Screen):
    returning = Signal()
    first_time = Signal()
    peer = Signal()
    stories = Signal()
    language_chosen = Signal(str)

    def __init__(self, language: str, theme: Theme, speaker, site_name: str, languages: tuple[str, ...]):
        super().__init__(language, theme)
        layout = self.page_layout()
        layout.addStretch(1)
        self.site = label("title", site_name)
        centred(self.site)
        self.title = self.worded(label("huge"), "welcome_title")
        self.title.setObjectName("title")
        centred(self.title)
        self.body = self.worded(label("lead"), "welcome_body")
        self.body.setObjectName("body")
        centred(self.body)
        layout.addWidget(self.title)
        layout.addWidget(self.site)
        layout.addSpacing(theme.px(8))
        layout.addWidget(self.body)
        layout.addSpacing(theme.px(16))
        # The language first, as large as the other choices: someone who reads only Spanish
        # must find it without reading English.
        langs = QHBoxLayout()
        langs.setSpacing(theme.px(24))
        self.language_buttons = {}
        for code in languages:
            # A choice, not an action: marked like an answer, never filled like "Next".
            b = button("lang", name=f"welcome_lang_{code}", kind=LanguageButton)
            b.setProperty("compact", True)
            b.setCheckable(True)
            b.setChecked(code == language)
            as_radio(b)  # one language at a time
            b.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            self.language_buttons[code] = b
            langs.addWidget(b)
        layout.addLayout(langs)
        layout.addSpacing(theme.px(24))
        row = QHBoxLayout()
        row.setSpacing(theme.px(32))
        self.returning_button = self.worded(button("primary", name="been_before"), "been_before")
        self.first_button = self.worded(button("primary", name="first_time"), "first_time")
        row.addWidget(self.returning_button)
        row.addWidget(self.first_button)
        layout.addLayout(row)
        layout.addSpacing(theme.px(16))
        # The stories and "Read to me" share a row: on a small screen at the largest text the
        # whole welcome fits without scrolling (it is the first thing anyone sees).
        more = QHBoxLayout()
        more.setSpacing(theme.px(24))
        self.stories_button = self.worded(button("", name="welcome_stories"), "stories_button")
        more.addWidget(self.stories_button, 1)
        self.read_aloud = ReadAloud(self, speaker)
        more.addWidget(self.read_aloud, 0)
        layout.addLayout(more)
        layout.addStretch(2)
        # For staff: a smaller, quieter control in the corner, still a full touch target.
        self.peer_button = self.worded(button("secondary", name="peer_sign_in"), "peer_sign_in")
        self.peer_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addLayout(at_right(self.peer_button))
        self.returning_button.clicked.connect(self.returning)
        self.first_button.clicked.connect(self.first_time)
        self.peer_button.clicked.connect(self.peer)
        self.stories_button.clicked.connect(self.stories)
        self.on_language(language)

    def set_ready(self, ready: bool) -> None:
        """The ways in work once the kiosk has opened its content and database."""
        for b in (self.returning_button, self.first_button, self.peer_button, self.stories_button):
            b.setEnabled(ready)

    def on_language(self, language: str) -> None:
        for code, b in self.language_buttons.items():
            b.setChecked(code == language)
            mark = "\u25c9" if code == language else "\u25cb"
            show_words(b, f"{mark}  {language_name(code)}")

    def spoken_text(self) -> str:
        return sentences(list((self.title.text(), self.body.text(), self.returning_button.text(), self.first_button.text())))
