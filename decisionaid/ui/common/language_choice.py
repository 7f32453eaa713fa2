"""The top bar's language choice: one button, in the same place and of the same width in every
language, that opens a short list of the site's languages over the screen.

One button rather than one per language: a row of "English" and "Español" side by side grows
when the names change places or width, and a finger that has just chosen one lands on the
other. The list is a set of large radio buttons (one language at a time), each name written in
its own language; a tap on one chooses it, a tap anywhere else closes the list unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QPushButton, QVBoxLayout, QWidget

from decisionaid.i18n import language_name
from decisionaid.ui.common.roles import as_radio
from decisionaid.ui.common.theme import Theme

CHOSEN, NOT_CHOSEN = "\u25c9", "\u25cb"


def names_of(languages: tuple[str, ...], between: str = " / ") -> str:
    """What the top bar's button says: every language's own name ("English / Español"), so a
    person who reads only one of them finds it, whichever language the screen is in. On the
    button they stand one above the other (``between="\n"``): a narrower button."""
    return between.join(language_name(code) for code in languages)


class LanguageChoice(QWidget):
    """Covers ``window`` (a dimmed backdrop) with a panel under ``anchor`` listing the languages.
    ``chosen(code)`` on a tap on a language; closes itself either way."""

    chosen = Signal(str)

    def __init__(self, window: QWidget, anchor: QWidget, languages: tuple[str, ...], current: str,
                 theme: Theme):
        from PySide6.QtCore import Qt  # not before the first paint (see widgets.py)

        super().__init__(window)
        self.setObjectName("language_choice")
        self.setGeometry(window.rect())
        self.panel = QFrame(self)
        self.panel.setObjectName("language_panel")
        self.panel.setProperty("role", "panel")
        column = QVBoxLayout(self.panel)
        margin = theme.px(16)
        column.setContentsMargins(margin, margin, margin, margin)
        column.setSpacing(theme.px(12))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for code in languages:
            name = language_name(code)
            b = QPushButton(f"{CHOSEN if code == current else NOT_CHOSEN}  {name}")
            b.setObjectName(f"lang_{code}")
            b.setProperty("role", "lang")
            b.setCheckable(True)
            b.setChecked(code == current)
            b.setAccessibleName(name)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            as_radio(b)
            self.group.addButton(b)
            self.buttons[code] = b
            b.clicked.connect(lambda _=False, c=code: self._choose(c))
            column.addWidget(b)
        self.panel.adjustSize()
        # Under the button, its right edge on the button's: the list opens where the finger is.
        corner = anchor.mapTo(window, QPoint(anchor.width(), anchor.height()))
        x = max(0, min(corner.x() - self.panel.width(), window.width() - self.panel.width()))
        self.panel.move(x, corner.y() + 4)
        self.show()
        self.raise_()

    def _choose(self, code: str) -> None:
        self.close_choice()
        self.chosen.emit(code)

    def close_choice(self) -> None:
        self.hide()
        self.deleteLater()

    def paintEvent(self, _event) -> None:
        from PySide6.QtGui import QColor, QPainter  # not before the first paint

        QPainter(self).fillRect(self.rect(), QColor(0, 0, 0, 90))

    def mousePressEvent(self, event) -> None:
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        event.accept()
        if not self.panel.geometry().contains(event.position().toPoint()):
            self.close_choice()
