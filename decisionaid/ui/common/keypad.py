"""A large number pad for PINs and years: 4 digits, shown as dots (PIN) or as numbers (year)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import button


class Keypad(QWidget):
    """Emits ``completed(digits)`` once ``length`` digits are in. Keys are named ``key_0``…"""

    unspoken = True  # "Read to me" reads the question, not every key

    completed = Signal(str)

    def __init__(self, theme: Theme, language: str, *, length: int = 4, masked: bool = True,
                 min_length: int | None = None):
        super().__init__()
        self.length = length
        # Between min_length and length digits (staff PINs): an OK key sends them.
        self.min_length = min_length or length
        self.masked = masked
        self.digits = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(16))
        self.display = QLabel()
        self.display.setObjectName("keypad_display")
        self.display.setProperty("role", "huge")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.display)
        self.grid = grid = QGridLayout()
        grid.setSpacing(theme.px(12) // 2 + 4)
        key = theme.pad_px
        self.keys: dict[str, object] = {}
        for i, d in enumerate("123456789"):
            b = self._key(str(d), key)
            grid.addWidget(b, i // 3, i % 3)
        self.clear_key = self._key(t("clear", language), key, name="key_clear")
        grid.addWidget(self.clear_key, 3, 0)
        grid.addWidget(self._key("0", key), 3, 1)
        self.delete_key = self._key("\u232b", key, name="key_delete")
        self.delete_key.setAccessibleName(t("pad_delete", language))  # "⌫" says nothing
        grid.addWidget(self.delete_key, 3, 2)
        self.clear_key.clicked.connect(self.clear)
        self.delete_key.clicked.connect(self.delete)
        self.ok_key = None
        if self.min_length < self.length:
            self.ok_key = self._key(t("ok", language), key, name="key_ok")
            self.ok_key.setProperty("role", "primary")
            self.ok_key.clicked.connect(self.send)
            grid.addWidget(self.ok_key, 4, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        holder = QWidget()
        holder.setLayout(grid)
        holder.setMaximumWidth(theme.px(900))
        layout.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        self._show()

    def showEvent(self, event) -> None:
        self._even_columns()
        super().showEvent(event)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self, self._even_columns)  # once the keys have their new look

    def _even_columns(self) -> None:
        """Three equal columns, each as wide as the widest key needs: a word such as "Borrar"
        at the largest text size is never cut off. (Equal stretch alone shares out only the
        sum of the keys' widths, so a word key gets less than it asks for.)"""
        widest = max(b.sizeHint().width() for b in self.keys.values() if b is not self.ok_key)
        for column in range(3):
            self.grid.setColumnMinimumWidth(column, widest)

    def _key(self, text: str, size: int, name: str = ""):
        b = button("pad", text, name=name or f"key_{text}")
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if not name:
            b.clicked.connect(lambda _=False, d=text: self.press(d))
        self.keys[b.objectName()] = b
        return b

    def retranslate(self, language: str) -> None:
        self.clear_key.setText(t("clear", language))
        self.delete_key.setAccessibleName(t("pad_delete", language))
        if self.ok_key is not None:
            self.ok_key.setText(t("ok", language))
        self._even_columns()

    def send(self) -> None:
        if len(self.digits) >= self.min_length:
            self.completed.emit(self.digits)

    def press(self, digit: str) -> None:
        if len(self.digits) >= self.length:
            return
        self.digits += digit
        self._show()
        if len(self.digits) == self.length:
            self.completed.emit(self.digits)
        elif self.ok_key is not None:
            self.ok_key.setEnabled(len(self.digits) >= self.min_length)

    def delete(self) -> None:
        self.digits = self.digits[:-1]
        self._show()

    def clear(self) -> None:
        self.digits = ""
        self._show()

    def _show(self) -> None:
        if self.ok_key is not None:
            self.ok_key.setEnabled(len(self.digits) >= self.min_length)
        if self.min_length < self.length:
            self.display.setText("  ".join("\u25cf" * len(self.digits)) or "\u2013")
            return
        if self.masked:
            shown = "\u25cf" * len(self.digits) + "\u25cb" * (self.length - len(self.digits))
        else:
            shown = self.digits + "_" * (self.length - len(self.digits))
        self.display.setText("  ".join(shown))
