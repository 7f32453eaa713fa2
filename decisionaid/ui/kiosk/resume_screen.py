"""Welcome back: today's visit was started earlier; carry on where it stopped, or go back to
the first question (answers are kept either way)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import Screen, button, label, wording


class ResumeScreen(Screen):
    carry_on = Signal()
    from_start = Signal()
    who_looked = Signal()

    def __init__(self, language: str, theme: Theme, first_name: str):
        super().__init__(language, theme)
        layout = self.page_layout()
        layout.addStretch(1)
        self.title = self.worded(label("huge"), wording("hello_name", name=first_name))
        self.title.setObjectName("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = self.worded(label("lead"), "resume_body")
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        layout.addWidget(body)
        layout.addSpacing(theme.px(40))
        self.carry_button = self.worded(button("primary", name="resume"), "resume")
        self.carry_button.setMinimumHeight(theme.px(130))
        self.start_button = self.worded(button("", name="resume_start"), "resume_start")
        layout.addWidget(self.carry_button)
        layout.addWidget(self.start_button)
        self.who_looked_button = self.worded(button("", name="who_looked"), "who_looked_open")
        layout.addWidget(self.who_looked_button)
        layout.addStretch(2)
        self.who_looked_button.clicked.connect(self.who_looked)
        self.carry_button.clicked.connect(self.carry_on)
        self.start_button.clicked.connect(self.from_start)
