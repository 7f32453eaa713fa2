"""The on-screen keyboard: our own widget, so it works in full screen on any system.

It types into the text box it is given (``QLineEdit`` or ``QPlainTextEdit``) without taking the
focus from it. Letters include the Spanish ñ á é í ó ú ü ¿ ¡; a second page has numbers and
punctuation. The first letter of the text and of each sentence starts in capitals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.ui.common.strings import symbol_name, t
from decisionaid.ui.common.theme import Theme, looks_applied
from decisionaid.ui.common.widgets import button

LETTERS = ("qwertyuiop", "asdfghjklñ", "zxcvbnm,.'", "áéíóúü¿¡-?")
SYMBOLS = ("1234567890", "-/:;()$&@\"", ".,?!'%+=#*", "¿¡_<>[]~€£")


class Key(QPushButton):
    """A key drawn once per look, size, label and state, then copied: the forty-odd rounded,
    bordered keys are most of the cost of drawing a text question, and they look the same
    every time it comes up."""

    _drawn: dict[tuple, QPixmap] = {}

    def paintEvent(self, event) -> None:
        ratio = self.devicePixelRatioF()
        key = (looks_applied(), self.width(), self.height(), ratio, self.text(), self.isDown(),
               self.isChecked(), self.isEnabled())
        picture = Key._drawn.get(key)
        if picture is None:
            if len(Key._drawn) > 600:  # a new look or size: the old pictures are no use
                Key._drawn.clear()
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            option = QStyleOptionButton()
            self.initStyleOption(option)
            painter = QPainter(picture)
            self.style().drawControl(QStyle.ControlElement.CE_PushButton, option, painter, self)
            painter.end()
            Key._drawn[key] = picture
        QPainter(self).drawPixmap(0, 0, picture)


class Keyboard(QWidget):
    """Emits ``typed`` after every key, so a screen can show letters left or enable Next."""

    unspoken = True  # "Read to me" reads the question, not every key

    typed = Signal()

    def __init__(self, target: QLineEdit | QPlainTextEdit, theme: Theme, language: str):
        super().__init__()
        # Its keys stay where a keyboard has them (Q at the left) in a right-to-left language,
        # whose screens are otherwise mirrored.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.target = target
        self.language = language
        self.shift = False
        self.auto_capitals = True
        key_h = theme.key_px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.pages = QStackedWidget()
        self.letter_keys: list = []
        self.symbol_keys: list = []  # named for a screen reader: "comma", not ","
        self.key_h = key_h
        self.pages.addWidget(self._page(LETTERS, key_h, letters=True))
        # The numbers page is built on first use: most answers never need it, and building
        # its forty keys would slow every text screen's first paint.
        layout.addWidget(self.pages)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        self.shift_key = self._special("shift", key_h, self.toggle_shift)
        self.page_key = self._special("numbers", key_h, self.toggle_page)
        self.space_key = self._special("space", key_h, lambda: self.insert(" "))
        self.delete_key = self._special("delete", key_h, self.backspace)
        self.shift_key.setCheckable(True)
        bottom.addWidget(self.shift_key, 2)
        bottom.addWidget(self.page_key, 2)
        bottom.addWidget(self.space_key, 5)
        bottom.addWidget(self.delete_key, 2)
        layout.addLayout(bottom)
        self._update_case()
        self._name_page_key()

    def _page(self, rows: tuple[str, ...], key_h: int, letters: bool) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        for row in rows:
            line = QHBoxLayout()
            line.setSpacing(6)
            for ch in row:
                b = button("key", ch, name=f"char_{ch}", kind=Key)
                b.setMinimumHeight(key_h)
                b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                b.clicked.connect(lambda _=False, key=b: self.insert(key.text()))
                if letters and ch.isalpha():
                    self.letter_keys.append(b)
                elif not ch.isalnum():
                    b.setAccessibleName(symbol_name(ch, self.language))
                    self.symbol_keys.append(b)
                line.addWidget(b)
            column.addLayout(line)
        return page

    def _special(self, key: str, key_h: int, action):
        b = button("key", t(key, self.language), name=f"key_{key}", kind=Key)
        b.setMinimumHeight(key_h)
        b.clicked.connect(action)
        return b

    def reset(self) -> None:
        """Back to the letters, no shift: as for a new answer."""
        self.shift = False
        self.shift_key.setChecked(False)
        if self.pages.currentIndex() != 0:
            self.toggle_page()
        self._update_case()

    def retranslate(self, language: str) -> None:
        self.language = language
        self.space_key.setText(t("space", language))
        self.delete_key.setText(t("delete", language))
        self._name_page_key()
        for b in self.symbol_keys:
            b.setAccessibleName(symbol_name(b.text(), language))
        self._update_case()

    def _name_page_key(self) -> None:
        letters = self.pages.currentIndex() == 1
        self.page_key.setText(t("letters" if letters else "numbers", self.language))
        self.page_key.setAccessibleName(t("letters" if letters else "numbers_name", self.language))

    # --- typing --------------------------------------------------------------------------------
    def text(self) -> str:
        if isinstance(self.target, QLineEdit):
            return self.target.text()
        return self.target.toPlainText()

    def insert(self, ch: str) -> None:
        if ch.isalpha() and (self.shift or self.at_sentence_start()):
            ch = ch.upper()
        if isinstance(self.target, QLineEdit):
            self.target.insert(ch)
        else:
            self.target.insertPlainText(ch)
        if self.shift and ch.isalpha():
            self.shift = False
            self.shift_key.setChecked(False)
        self._update_case()
        self.typed.emit()

    def backspace(self) -> None:
        if isinstance(self.target, QLineEdit):
            self.target.backspace()
        else:
            cursor = self.target.textCursor()
            cursor.deletePreviousChar()
            self.target.setTextCursor(cursor)
        self._update_case()
        self.typed.emit()

    def toggle_shift(self) -> None:
        self.shift = not self.shift
        self.shift_key.setChecked(self.shift)
        self._update_case()

    def toggle_page(self) -> None:
        if self.pages.count() == 1:
            self.pages.addWidget(self._page(SYMBOLS, self.key_h, letters=False))
        self.pages.setCurrentIndex(1 - self.pages.currentIndex())
        self._name_page_key()

    def at_sentence_start(self) -> bool:
        if not self.auto_capitals:
            return False
        before = self.text().rstrip(" ")
        return before == "" or before.endswith((".", "!", "?", "\n"))

    def _update_case(self) -> None:
        upper = self.shift or self.at_sentence_start()
        shown = (upper, self.language)
        if getattr(self, "_case_shown", None) == shown:
            return  # most keys pressed change nothing: thirty keys are not re-worded for each
        self._case_shown = shown
        for b in self.letter_keys:
            b.setText(b.text().upper() if upper else b.text().lower())
        self.shift_key.setText(t("lower" if upper else "shift", self.language))
        self.shift_key.setAccessibleName(t("lower_name" if upper else "shift_name", self.language))


def keep_cursor(target: QLineEdit | QPlainTextEdit) -> None:
    """The text box keeps the focus while keys are pressed; no system keyboard pops up."""
    target.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    target.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
