"""Thank you: the visit is saved, and where the page is; the screen clears itself after a short
while."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from decisionaid.services.clock import Timers
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import Screen, button, label


class DoneScreen(Screen):
    timed_out = Signal()

    def __init__(self, language: str, theme: Theme, clear_after_ms: int, timers: Timers, *,
                 page_in_hand: bool = True):
        """``page_in_hand``: the page was printed; if not (the printer failed, or none is
        set up), the screen says a peer worker can print it rather than "take your page in"."""
        super().__init__(language, theme)
        layout = self.page_layout()
        layout.addStretch(1)
        self.title = self.worded(label("huge"), "done_title")
        self.title.setObjectName("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = self.worded(label("lead"), "done_body" if page_in_hand else "done_body_no_page")
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        layout.addWidget(body)
        layout.addStretch(1)
        self.now = self.worded(button("", name="clear_now"), "done_now")
        layout.addWidget(self.now, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.timer = timers.timer(clear_after_ms / 1000, self.timed_out.emit, self)
        self.now.clicked.connect(self.timed_out)
        self.timer.start()
