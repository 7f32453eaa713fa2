"""The question screen: progress, the question, read-aloud, the answer widget for its type,
and Back / Skip / Next. Info screens may offer a peer story."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from decisionaid.content.model import Vignette, text_in
from decisionaid.engine.visit import Screen as EngineScreen
from decisionaid.ui.answers import answer_widget
from decisionaid.ui.strings import t
from decisionaid.ui.theme import Theme
from decisionaid.ui.widgets import NavBar, Progress, ReadAloud, Screen, button, label


class QuestionScreen(Screen):
    """``answered(value)`` on Next (None for a screen with nothing to answer), ``skipped`` on
    Skip, ``went_back`` on Back, ``watch(vignette_id)`` for a story on an info screen."""

    answered = Signal(object)
    skipped = Signal()
    went_back = Signal()
    watch = Signal(str)

    def __init__(self, current: EngineScreen, language: str, theme: Theme, speaker,
                 *, can_go_back: bool, stories: list[Vignette] = (), next_key: str = "next"):
        super().__init__(language, theme)
        self.current = current
        self.item = current.item
        q = current.questionnaire
        layout = self.page_layout()
        layout.addWidget(Progress(self, current.section_index, current.section_count,
                                  current.fraction, lambda lang: text_in(q.title, lang)))
        head = QHBoxLayout()
        text_column = QVBoxLayout()
        self.question = label("question")
        self.question.setObjectName("question")
        self.help = label("help")
        self.help.setObjectName("help")
        text_column.addWidget(self.question)
        text_column.addWidget(self.help)
        head.addLayout(text_column, 1)
        self.read_aloud = ReadAloud(self, speaker)
        if self.item.read_aloud:
            head.addWidget(self.read_aloud, 0, Qt.AlignmentFlag.AlignTop)
        else:
            self.read_aloud.hide()
        layout.addLayout(head)
        self.carried = self.say(label("notice"), "carried")
        self.carried.setVisible(current.carried_forward)
        layout.addWidget(self.carried)
        self.hint = label("small")
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)
        self.answer = answer_widget(self.item, theme, language)
        layout.addWidget(self.answer, 1)
        self.story_buttons = {}
        for vignette in stories:
            b = button("", name=f"story_{vignette.id}")
            self.say(b, lambda lang, v=vignette: f"\u25b6  {t('watch', lang)}: {text_in(v.title, lang)}")
            b.clicked.connect(lambda _=False, vid=vignette.id: self.watch.emit(vid))
            self.story_buttons[vignette.id] = b
            layout.addWidget(b)
        self.problem = label("notice")
        self.problem.setObjectName("problem")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.nav = NavBar(self, next_key=next_key)
        self.nav.back_button.setEnabled(can_go_back)
        layout.addWidget(self.nav)
        self.nav.next.connect(self._next)
        self.nav.skip.connect(self.skipped)
        self.nav.back.connect(self.went_back)
        self.answer.changed.connect(self._update)
        if current.value is not None:
            self.answer.set_value(current.value)
        self.on_language(language)

    def on_language(self, language: str) -> None:
        self.question.setText(text_in(self.item.text, language))
        help_text = text_in(self.item.help, language)
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        self.answer.retranslate(language)
        self._update()

    def _update(self) -> None:
        hint = self.answer.hint(self.language)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.nav.next_button.setEnabled(not self.item.answerable or self.answer.value() is not None)

    def _next(self) -> None:
        self.answered.emit(self.answer.value())

    def show_problem(self, key: str) -> None:
        self.problem.setText(t(key, self.language))
        self.problem.show()

    def spoken_text(self) -> str:
        parts = [self.question.text(), self.help.text() if self.help.isVisible() else ""]
        parts.append(self.answer.spoken(self.language))
        return ". ".join(p for p in parts if p)
