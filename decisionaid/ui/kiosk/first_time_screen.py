""""This is my first time": save answers for next time (name, date of birth, a new PIN typed
twice) or go on as a guest."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import button, label, wording
from decisionaid.ui.kiosk.signin_steps import StepFlow


class FirstTimeScreen(StepFlow):
    guest = Signal()
    create = Signal(str, object, str)  # name, date of birth, PIN

    def __init__(self, language: str, theme: Theme, today=date.today):
        super().__init__(language, theme, today)
        choice = QWidget()
        column = QVBoxLayout(choice)
        column.setContentsMargins(0, 0, 0, 0)  # in line with the title above it
        column.setSpacing(theme.px(32))
        self.body = self.worded(label("lead"), "first_time_body")
        self.make_profile = self.worded(button("primary", name="make_profile"), "make_profile")
        self.guest_button = self.worded(button("primary", name="guest"), "guest")
        for b in (self.make_profile, self.guest_button):
            b.setMinimumHeight(theme.px(120))
        column.addWidget(self.body)
        column.addWidget(self.make_profile)
        column.addWidget(self.guest_button)
        column.addStretch(1)
        self.add_step("choice", choice, wording("first_time_title"))
        self.make_profile.clicked.connect(lambda: self.go("name"))
        self.guest_button.clicked.connect(self.guest)
        self.add_name_step("name", self._named)
        self.add_birth_date_steps("birth", lambda _d: self.go("new_pin"))
        self.add_pin_step("new_pin", self._first_pin, "new_pin", "new_pin_help")
        self.again_pad = self.add_pin_step("pin_again", self._second_pin, "pin_again")
        self._pin = ""
        self.go("choice")

    def _named(self, name: str) -> None:
        self.name = name
        self.go("birth_year")

    def _first_pin(self, pin: str) -> None:
        self._pin = pin
        self.go("pin_again")

    def _second_pin(self, pin: str) -> None:
        if pin != self._pin:
            self._pin = ""
            self.go("new_pin", remember=False)
            self.show_problem("pins_differ")
            return
        self.again_pad.setEnabled(False)
        self.create.emit(self.name, self.birth_date, pin)

    def refused(self, key: str) -> None:
        """The profile could not be made (e.g. the PIN is taken for this name and birthday)."""
        self.again_pad.setEnabled(True)
        self._pin = ""
        self.go("new_pin", remember=False)
        self.show_problem(key)
