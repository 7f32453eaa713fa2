"""Check your answers: every part with its answers as the user gave them, each with Change.

Only the user's own words and chosen labels are shown: never a score or a flag.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from decisionaid.content.model import Content, ItemRef, text_in
from decisionaid.engine.conditions import holds
from decisionaid.engine.visit import Answer, answer_text
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import (
    NavBar,
    Screen,
    button,
    content_label,
    label,
    wording_arrow,
)


@dataclass(frozen=True)
class ReviewLine:
    ref: ItemRef
    question: str
    answer: str | None  # None: skipped


def review_lines(content: Content, answers: dict[ItemRef, Answer], language: str):
    """Per part: (title, lines) for the questions shown in this visit (skipped ones too)."""
    parts = []
    for q in content.questionnaires:
        lines = []
        for item in q.items:
            if not item.answerable:
                continue
            if item.show_if is not None and not holds(item.show_if, answers):
                continue  # not asked in this visit
            ref = ItemRef(q.id, item.id)
            value = answers.get(ref)
            shown = answer_text(item, value, language) if value is not None else None
            lines.append(ReviewLine(ref, text_in(item.text, language), shown))
        if lines:  # a part with nothing to answer (only information) is not listed
            parts.append((text_in(q.title, language), lines))
    return parts


class ReviewScreen(Screen):
    change = Signal(object)  # ItemRef
    confirmed = Signal()
    went_back = Signal()

    def __init__(self, content: Content, answers: dict[ItemRef, Answer], language: str, theme: Theme):
        super().__init__(language, theme)
        self.content = content
        self.answers = answers
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

    def _fill(self) -> None:
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(self.theme.px(16))
        self.change_buttons = {}
        for title, lines in review_lines(self.content, self.answers, self.language):
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
            old.deleteLater()
        self.scroll.setWidget(inner)

    def on_language(self, language: str) -> None:
        self._fill()

    def answer_label(self, ref: ItemRef) -> str:
        found = self.findChild(QWidget, f"answer_{ref.questionnaire}_{ref.item}")
        return found.text() if found is not None else ""

    def spoken_text(self) -> str:
        return self.title.text()
