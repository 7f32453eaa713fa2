"""The staff menu, reached by a 3-second press in the top-left corner and a staff PIN: close the
kiosk, open the peer station, print a test page, check this machine, or go back to the kiosk."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import button, label, wording
from decisionaid.ui.kiosk.signin_steps import StepFlow


class StaffScreen(StepFlow):
    submitted = Signal(str, str)
    leave = Signal()
    open_peer = Signal()
    test_page = Signal()
    check_machine = Signal()

    def __init__(self, language: str, theme: Theme):
        super().__init__(language, theme)
        self.staff_name = ""
        self.add_name_step("staff_name", self._named, "staff_name", None)
        self.add_pin_step("staff_pin", lambda pin: self.submitted.emit(self.staff_name, pin), "staff_pin", min_length=4, length=8)
        menu = QWidget()
        column = QVBoxLayout(menu)
        column.setContentsMargins(0, 0, 0, 0)  # in line with the title above it
        column.setSpacing(theme.px(24))
        self.leave_button = self.worded(button("", name="leave_kiosk"), "leave_kiosk")
        self.peer_button = self.worded(button("", name="open_peer"), "open_peer")
        self.test_button = self.worded(button("", name="test_page"), "test_page")
        self.check_button = self.worded(button("", name="check_machine"), "check_machine")
        self.back_button = self.worded(button("primary", name="back_to_kiosk"), "back_to_kiosk")
        self.note = label("notice")
        self.note.setObjectName("staff_note")
        self.note.hide()
        for b in (self.back_button, self.test_button, self.check_button, self.peer_button,
                  self.leave_button):
            column.addWidget(b)
        column.addWidget(self.note)
        column.addStretch(1)
        self.add_step("menu", menu, wording("staff_menu"))
        # What 'decisionaid doctor' says, one line per check (in English, as in the docs).
        self.checks = label()
        self.checks.setObjectName("machine_checks")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.checks)
        self.add_step("checks", scroll, wording("check_machine"))
        self.check_button.clicked.connect(self._check)
        self.leave_button.clicked.connect(self.leave)
        self.peer_button.clicked.connect(self.open_peer)
        self.test_button.clicked.connect(self.test_page)
        self.back_button.clicked.connect(self.cancelled)
        self.go("staff_name")

    def _check(self) -> None:
        self.checks.setText(t("checking", self.language))
        self.go("checks")
        self.check_machine.emit()

    def show_checks(self, lines: list[str]) -> None:
        self.checks.setText("\n".join(lines))

    def _named(self, name: str) -> None:
        self.staff_name = name
        self.go("staff_pin")

    def accepted(self) -> None:
        self.history.clear()
        self.go("menu", remember=False)

    def refused(self, message: str) -> None:
        self.go("staff_pin", remember=False)
        self.problem.setText(message)
        self.problem.show()

    def tell(self, key_or_text: str) -> None:
        try:
            text = t(key_or_text, self.language)
        except KeyError:
            text = key_or_text
        self.note.setText(text)
        self.note.show()
