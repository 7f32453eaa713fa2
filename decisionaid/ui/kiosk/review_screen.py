"""Check your answers: every part with its answers as the user gave them, each with Change.

Only the user's own words and chosen labels are shown: never a score or a flag.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from decisionaid.content import emphasis
from decisionaid.content.model import ItemRef
from decisionaid.services.kiosk_flow import ReviewPart
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import (
    NavBar,
    Screen,
    button,
    content_label,
    label,
    release_hints,
    sentences,
    wording_arrow,
)


class ReviewScreen(Screen):
    change = Signal(object)  # ItemRef
    confirmed = Signal()
    went_back = Signal()

    def __init__(self, parts: Callable[[str], Sequence[ReviewPart]], language: str, theme: Theme,
                 at: ItemRef | None = None):
        """``parts(language)``: the review's parts and lines in that language (the kiosk's flow
        says what they are); ``at``: the answer to bring into view (just changed)."""
        super().__init__(language, theme)
        self.parts = parts
        layout = self.page_layout()
        self.title = self.worded(label("title"), "review_title")
        self.title.setObjectName("title")
        layout.addWidget(self.title)
        layout.addWidget(self.worded(label("help"), "review_body"))
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll, 1)
        self.nav = NavBar(self, skip=False)
        self.worded(self.nav.next_button, wording_arrow("make_page"))
        layout.addWidget(self.nav)
        self.nav.next.connect(self.confirmed)
        self.nav.back.connect(self.went_back)
        self.change_buttons: dict[ItemRef, QWidget] = {}
        self._fill()
        if at is not None:
            self.bring_into_view(at)

    def _fill(self) -> None:
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(self.theme.px(16))
        self.change_buttons = {}
        for part in self.parts(self.language):
            title, lines = part.title, part.lines
            column.addWidget(label("section", title))
            panel = QFrame()
            panel.setProperty("role", "panel")
            grid = QGridLayout(panel)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 3)
            if not any(line.answer is not None for line in lines):
                grid.addWidget(label("help", t("part_skipped", self.language)), 0, 0, 1, 2)
                row_offset = 1
            else:
                row_offset = 0
            for row, line in enumerate(lines, start=row_offset):
                question = content_label("help", line.question)
                answer = label("answer", line.answer if line.answer is not None else t("skipped", self.language))
                answer.setObjectName(f"answer_{line.ref.questionnaire}_{line.ref.item}")
                if line.answer is not None:
                    answer.setStyleSheet("font-weight: bold;")
                b = button("", t("change", self.language), name=f"change_{line.ref.questionnaire}_{line.ref.item}")
                # Every row has a "Change": a screen reader says which answer it changes.
                b.setAccessibleName(t("change_named", self.language, question=question.text()))
                b.setSizePolicy(b.sizePolicy().horizontalPolicy().Fixed, b.sizePolicy().verticalPolicy())
                b.clicked.connect(lambda _=False, ref=line.ref: self.change.emit(ref))
                self.change_buttons[line.ref] = b
                grid.addWidget(question, row, 0)
                grid.addWidget(answer, row, 1)
                grid.addWidget(b, row, 2, Qt.AlignmentFlag.AlignVCenter)
            column.addWidget(panel)
        column.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            release_hints(self, old)
            old.deleteLater()
        self.scroll.setWidget(inner)

    def bring_into_view(self, ref: ItemRef) -> None:
        """Scroll to the row of ``ref``: back from changing an answer, the person sees it
        again, not the top of a long list. The rows move while the list is laid out (each
        wrapped answer finds its height), so the row is followed as the list settles, until
        the person scrolls it themselves; the row is looked up each time, as a change of
        language makes the list again."""
        from PySide6.QtCore import QTimer

        margin = self.theme.px(160)
        bar = self.scroll.verticalScrollBar()
        following, moving = True, False  # moving: this, not the person, moves the list

        def show_it(*_range) -> None:
            nonlocal moving
            row = self.change_buttons.get(ref)
            if following and row is not None:
                moving = True
                try:
                    self.scroll.ensureWidgetVisible(row, 0, margin)
                finally:
                    moving = False

        def moved(_value: int) -> None:
            nonlocal following
            if not moving:  # the person scrolled: the list is theirs from now on
                following = False
                bar.rangeChanged.disconnect(show_it)
                bar.valueChanged.disconnect(moved)

        bar.rangeChanged.connect(show_it)
        bar.valueChanged.connect(moved)
        QTimer.singleShot(0, self, show_it)

    def on_language(self, language: str) -> None:
        self._fill()

    def answer_label(self, ref: ItemRef) -> str:
        found = self.findChild(QWidget, f"answer_{ref.questionnaire}_{ref.item}")
        return found.text() if found is not None else ""

    def spoken_text(self) -> str:
        """The title and the help, then each part with each question and the answer given."""
        lang = self.language
        words = [self.title.text(), t("review_body", lang)]
        for part in self.parts(lang):
            words.append(part.title)
            if not any(line.answer is not None for line in part.lines):
                words.append(t("part_skipped", lang))
                continue
            for line in part.lines:
                answer = line.answer if line.answer is not None else t("skipped", lang)
                words.append(f"{emphasis.plain(line.question)}: {answer}")
        return sentences(list(w for w in words if w))
