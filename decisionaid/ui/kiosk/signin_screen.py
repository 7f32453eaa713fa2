""""I've been here before": first name or nickname, date of birth, then the 4-number PIN.

The screen only collects; the kiosk asks the profile service and calls ``not_matched`` or
``locked`` with the answer. A wrong PIN, an unknown name and paused details look the same
whether or not anyone has those details, by design (see services/profiles.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal

from decisionaid.ui.common.theme import Theme
from decisionaid.ui.kiosk.signin_steps import StepFlow


class SignInScreen(StepFlow):
    submitted = Signal(str, object, str)  # name, date of birth, PIN

    def __init__(self, language: str, theme: Theme, today=date.today):
        super().__init__(language, theme, today)
        self.add_name_step("name", self._named)
        self.add_birth_date_steps("birth", lambda _d: self.go("pin"))
        self.pin_pad = self.add_pin_step("pin", self._pin, "your_pin")
        self.go("name")

    def _named(self, name: str) -> None:
        self.name = name
        self.go("birth_year")

    def _pin(self, pin: str) -> None:
        self.pin_pad.setEnabled(False)
        self.submitted.emit(self.name, self.birth_date, pin)

    def not_matched(self) -> None:
        self.pin_pad.setEnabled(True)
        self.go("pin", remember=False)
        self.show_problem("not_found")

    def locked(self, key: str = "locked") -> None:
        """Paused (``locked``) or locked until a peer worker unlocks it (``held``)."""
        self.pin_pad.setEnabled(False)
        self.show_problem(key)
