"""The card the kiosk lays over a screen to say one thing ("Are you still there?", "A peer
worker is coming"): a box in the middle of a shade that takes every tap, so a tap beside the
box never reaches the screen underneath."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget


class OverlayCard(QFrame):
    """The shade and its centred box; a card puts its words and buttons in ``column``."""

    def __init__(self, parent: QWidget, theme, *, width: int, spacing: int):
        super().__init__(parent)
        self.setProperty("role", "overlay")
        outer = QVBoxLayout(self)
        self.box = QFrame()
        self.box.setProperty("role", "dialog")
        self.box.setMaximumWidth(theme.px(width))
        self.column = QVBoxLayout(self.box)
        pad = theme.px(48)
        self.column.setContentsMargins(pad, pad, pad, pad)
        self.column.setSpacing(theme.px(spacing))
        outer.addStretch(1)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.box)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(1)

    def mousePressEvent(self, event) -> None:
        event.accept()  # a tap beside the card does not reach the screen under it
