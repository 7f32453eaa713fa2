"""Before the review: the peer stories the answers suggest, in the stories library, with a
clear way on ("No thanks, go on") and Back to the last question."""

from __future__ import annotations

from PySide6.QtCore import Signal

from decisionaid.content.model import Content
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import NavBar, Screen, release_hints, wording_arrow


class SuggestionsScreen(Screen):
    chosen = Signal(str)
    went_on = Signal()
    went_back = Signal()

    def __init__(self, content: Content, suggested: list[str], watched: list[str], language: str, theme: Theme,
                 library: bool = False):
        """``library``: opened from the top bar or the welcome screen, with one way out, back
        to where the person was; otherwise the offer before the review."""
        super().__init__(language, theme)
        self.suggested, self.watched, self.content = suggested, watched, content
        layout = self.page_layout()
        self.stories = self._library(language)
        layout.addWidget(self.stories, 1)
        self.nav = NavBar(self, skip=False)
        self.worded(self.nav.next_button, "back_to_where_i_was" if library else wording_arrow("no_thanks"))
        if library:
            self.nav.back_button.hide()
        layout.addWidget(self.nav)
        self.nav.next.connect(self.went_on)
        self.nav.back.connect(self.went_back)

    def _library(self, language: str):
        from PySide6.QtWidgets import QPushButton

        from decisionaid.ui.kiosk.stories_screen import StoriesScreen

        stories = StoriesScreen(self.content, language, self.suggested, self.watched)
        stories.chosen.connect(self.chosen)
        # One Back on the screen: ours, in the same place as on every other screen.
        for b in stories.findChildren(QPushButton, "storiesBackButton"):
            b.hide()
        return stories

    def on_language(self, language: str) -> None:
        old = self.stories
        self.stories = self._library(language)
        self.layout().replaceWidget(old, self.stories)
        release_hints(self, old)
        old.deleteLater()
