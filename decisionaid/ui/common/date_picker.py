"""A date of birth in three large steps: the year on a number pad, the month as 12 buttons,
the day as a grid of the days that month has."""

from __future__ import annotations

import calendar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from decisionaid.ui.common.strings import month_names
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import button


class MonthGrid(QWidget):
    """Twelve month buttons (``month_1``…``month_12``); a tap emits ``chosen(month)``."""

    chosen = Signal(int)

    def __init__(self, theme: Theme, language: str):
        super().__init__()
        grid = QGridLayout(self)
        grid.setSpacing(theme.px(12) // 2 + 6)
        self.buttons = []
        for m in range(1, 13):
            b = button("option", name=f"month_{m}")
            b.setProperty("role", "scale")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, month=m: self.chosen.emit(month))
            grid.addWidget(b, (m - 1) // 4, (m - 1) % 4)
            self.buttons.append(b)
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        for b, name in zip(self.buttons, month_names(language), strict=True):
            b.setText(name[:1].upper() + name[1:])


class DayGrid(QWidget):
    """The days of one month in rows of 7 (``day_1``…); a tap emits ``chosen(day)``."""

    unspoken = True  # "Read to me" reads the question, not every key

    chosen = Signal(int)

    def __init__(self, theme: Theme):
        super().__init__()
        self.theme = theme
        self.grid = QGridLayout(self)
        self.grid.setSpacing(theme.px(12) // 2 + 4)
        self.buttons: list = []
        for d in range(1, 32):
            b = button("scale", str(d), name=f"day_{d}")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setMinimumHeight(theme.px(80))
            b.clicked.connect(lambda _=False, day=d: self.chosen.emit(day))
            self.grid.addWidget(b, (d - 1) // 8, (d - 1) % 8)
            self.buttons.append(b)

    def show_month(self, year: int, month: int) -> None:
        days = calendar.monthrange(year, month)[1]
        for d, b in enumerate(self.buttons, start=1):
            b.setVisible(d <= days)
