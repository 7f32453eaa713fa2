"""The question screen: progress, the question, read-aloud, the answer widget for its type,
and Back / Skip / Next. Info screens may offer a peer story.

One screen serves every item of its type in turn: ``load`` refills it for the next item
(the kiosk keeps one per type while a visit lasts and destroys them all when it ends), so
moving on costs a few label changes rather than a new tree of widgets.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from decisionaid.content.model import Vignette, text_in
from decisionaid.engine.visit import Screen as EngineScreen
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import (
    DECORATIONS,
    NavBar,
    Progress,
    ReadAloud,
    Screen,
    content_label,
    label,
    sentences,
)
from decisionaid.ui.kiosk.answers import WIDGETS, answer_widget

# Option buttons made in advance for a fresh screen, so the first questions of a visit do
# not wait for them (the shipped scales have five options, the longest lists eight).
RESERVE = {"scale": 5, "choice": 6, "multi": 8, "yesno": 2}


class StoryButton(QPushButton):
    """"▶  Watch the video: TITLE", its words wrapped onto a second line where a language
    needs more room than the screen has (a button's own text never wraps)."""

    MARGIN = 12

    def __init__(self, name: str):
        super().__init__()
        self.setObjectName(name)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(self.MARGIN, self.MARGIN // 2, self.MARGIN, self.MARGIN // 2)
        layout.addWidget(self.words)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def setText(self, text: str) -> None:
        # The words are the label's: the button draws none of its own (text() is "").
        self.words.setText(text)
        self.setAccessibleName(text.strip(DECORATIONS))
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        inner = self.words.heightForWidth(width - 2 * self.MARGIN)
        return max(self.minimumHeight(), super().sizeHint().height(), inner + self.MARGIN + 8)

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(self.heightForWidth(max(self.width(), hint.width())))
        return hint


class QuestionScreen(Screen):
    """``answered(value)`` on Next (None for a screen with nothing to answer), ``skipped`` on
    Skip, ``went_back`` on Back, ``watch(vignette_id)`` for a story on an info screen."""

    answered = Signal(object)
    skipped = Signal()
    went_back = Signal()
    watch = Signal(str)

    def __init__(self, item_type: str, language: str, theme: Theme, speaker, *, options: int = 0):
        """``options``: how many option buttons to make at once (the most any item of this
        type has), so none is made while a person waits for the next question."""
        super().__init__(language, theme)
        self.item_type = item_type
        self.current: EngineScreen | None = None
        self.item = None
        layout = self.page_layout()
        self.progress = Progress(self)
        layout.addWidget(self.progress)
        # The question sits with its answers, the pair a little above the middle of the space
        # left, rather than at the top over an empty half-screen; on a tall (portrait) screen
        # in the middle, with as much room above as below (``resizeEvent``).
        layout.addStretch(1)
        head = QHBoxLayout()
        text_column = QVBoxLayout()
        self.question = content_label("question")
        self.question.setObjectName("question")
        self.help = content_label("help")
        self.help.setObjectName("help")
        text_column.addWidget(self.question)
        text_column.addWidget(self.help)
        head.addLayout(text_column, 1)
        self.read_aloud = ReadAloud(self, speaker)
        head.addWidget(self.read_aloud, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.carried = self.worded(label("notice"), "carried")
        layout.addWidget(self.carried)
        self.hint = label("small")
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)
        self.answer = answer_widget(item_type, theme, language)
        if hasattr(self.answer, "reserve"):
            self.answer.reserve(max(options, RESERVE.get(item_type, 0)))
        layout.addWidget(self.answer)
        self.stories_layout = QVBoxLayout()
        self.stories_layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.stories_layout)
        self.story_buttons: dict[str, object] = {}
        self.problem = label("notice")
        self.problem.setObjectName("problem")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(2)
        self._below = layout.count() - 1
        self._page = layout
        self.nav = NavBar(self)
        layout.addWidget(self.nav)
        self.nav.next.connect(self._next)
        self.nav.skip.connect(self.skipped)
        self.nav.back.connect(self.went_back)
        self.answer.changed.connect(self._update)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        below = 1 if self.height() > self.width() else 2
        if self._page.stretch(self._below) != below:
            self._page.setStretch(self._below, below)

    @classmethod
    def for_item(cls, item_type: str) -> str:
        """The pool key: items whose answer widgets are alike share a screen."""
        return WIDGETS[item_type].__name__

    def load(self, current: EngineScreen, language: str, *, can_go_back: bool,
             stories: Sequence[Vignette] = ()) -> None:
        """Show ``current``: its question, its options with nothing chosen but what the visit
        already holds, and Next greyed out until there is an answer."""
        self.current = current
        self.item = item = current.item
        q = current.questionnaire
        self.progress.show_part(current.section_index, current.section_count, current.fraction,
                                lambda lang: text_in(q.title, lang), language)
        self.read_aloud.setVisible(item.read_aloud)
        self.read_aloud.notice.hide()
        self.carried.setVisible(current.carried_forward)
        self.problem.hide()
        self.answer.load(item)
        self._offer(stories)
        self.nav.back_button.setEnabled(can_go_back)
        self.retranslate(language)
        if current.value is not None:
            self.answer.set_value(current.value)
        self.to_top()

    def _offer(self, stories: Sequence[Vignette]) -> None:
        for b in self.story_buttons.values():
            self.unworded(b)
            b.hide()
            b.deleteLater()
        self.story_buttons = {}
        for vignette in stories:
            b = StoryButton(f"story_{vignette.id}")
            self.worded(b, lambda lang, v=vignette: f"\u25b6  {t('watch', lang)}: {text_in(v.title, lang)}")
            b.clicked.connect(lambda _=False, vid=vignette.id: self.watch.emit(vid))
            self.story_buttons[vignette.id] = b
            self.stories_layout.addWidget(b)

    def on_language(self, language: str) -> None:
        if self.item is None:
            return
        self.question.setText(text_in(self.item.text, language))
        help_text = text_in(self.item.help, language)
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        self.answer.retranslate(language)
        self._update()

    def _update(self) -> None:
        if self.item is None:
            return
        hint = self.answer.hint(self.language)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        ready = not self.item.answerable or self.answer.value() is not None
        why = {"text": "why_type", "multi": "why_choose_many"}.get(self.item_type, "why_choose")
        self.nav.set_next(ready, t(why, self.language))

    def _next(self) -> None:
        self.answered.emit(self.answer.value())

    def show_problem(self, key: str) -> None:
        self.problem.setText(t(key, self.language))
        self.problem.show()

    def spoken_text(self) -> str:
        parts = [self.question.text(), self.help.text() if self.help.isVisible() else ""]
        parts.append(self.answer.spoken(self.language))
        return sentences(list(p for p in parts if p))
