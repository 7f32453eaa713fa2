"""Peer-assisted sign-in: the peer worker's name and staff PIN, then find the person (name and
date of birth), sign them up, or start a visit without a name. No list of names is shown:
finding needs the exact name and birthday, and if two people share them, the person's PIN.
Someone whose PIN was reset at the peer station chooses a new one here, typed twice."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import button, wording
from decisionaid.ui.kiosk.signin_steps import StepFlow


class PeerSignInScreen(StepFlow):
    staff_submitted = Signal(str, str)  # staff name, staff PIN
    find = Signal(str, object)  # name, date of birth
    find_with_pin = Signal(str, object, str)
    create = Signal(str, object, str)
    pin_chosen = Signal(str)  # a new PIN for ``profile``, after a reset
    guest = Signal()

    def __init__(self, language: str, theme: Theme, today=date.today, *, staff_only: bool = False):
        super().__init__(language, theme, today)
        self.staff_name = ""
        self.staff_id: int | None = None  # the signed-in peer worker, for the audit log
        self.profile = None  # the person found, when they must choose a new PIN
        self.add_name_step("staff_name", self._staff_named, "staff_name", None)
        self.staff_pad = self.add_pin_step("staff_pin", self._staff_pin, "staff_pin", min_length=4, length=8)
        menu = QWidget()
        column = QVBoxLayout(menu)
        column.setContentsMargins(0, 0, 0, 0)  # in line with the title above it
        column.setSpacing(theme.px(28))
        self.find_button = self.worded(button("primary", name="peer_find"), "peer_find")
        self.create_button = self.worded(button("primary", name="peer_create"), "peer_create")
        self.guest_button = self.worded(button("primary", name="peer_guest"), "peer_guest")
        for b in (self.find_button, self.create_button, self.guest_button):
            column.addWidget(b)
        column.addStretch(1)
        self.add_step("menu", menu, wording("peer_sign_in"))
        self.mode = ""
        self.find_button.clicked.connect(lambda: self._start("find"))
        self.create_button.clicked.connect(lambda: self._start("create"))
        self.guest_button.clicked.connect(self.guest)
        self.add_name_step("name", self._named, "their_name", None)
        self.add_birth_date_steps("birth", self._born)
        self.user_pad = self.add_pin_step("user_pin", self._user_pin, "your_pin")
        self.new_pad = self.add_pin_step("new_pin", self._new_pin, "new_pin", "peer_pin_help")
        self.again_pad = self.add_pin_step("pin_again", self._again, "pin_again")
        self._pin = ""
        self.go("staff_name")

    def _staff_named(self, name: str) -> None:
        self.staff_name = name
        self.go("staff_pin")

    def _staff_pin(self, pin: str) -> None:
        self.staff_submitted.emit(self.staff_name, pin)

    def staff_accepted(self) -> None:
        self.history.clear()  # Back from here leaves; it never returns to the staff PIN
        self.go("menu", remember=False)

    def staff_refused(self, message: str) -> None:
        self.go("staff_pin", remember=False)
        self.problem.setText(message)
        self.problem.show()

    def _start(self, mode: str) -> None:
        self.mode = mode
        self.go("name")

    def _named(self, name: str) -> None:
        self.name = name
        self.go("birth_year")

    def _born(self, born: date) -> None:
        if self.mode == "find":
            self.find.emit(self.name, born)
        else:
            self.go("new_pin")

    def needs_pin(self) -> None:
        """More than one person has this name and birthday: their PIN tells them apart."""
        self.go("user_pin")

    def _user_pin(self, pin: str) -> None:
        self.find_with_pin.emit(self.name, self.birth_date, pin)

    def _new_pin(self, pin: str) -> None:
        self._pin = pin
        self.go("pin_again")

    def _again(self, pin: str) -> None:
        if pin != self._pin:
            self.go("new_pin", remember=False)
            self.show_problem("pins_differ")
            return
        if self.mode == "choose":
            self.pin_chosen.emit(pin)
            return
        self.create.emit(self.name, self.birth_date, pin)

    def choose_new_pin(self, profile) -> None:
        """The person was found, and their PIN was reset: they choose a new one now."""
        self.profile = profile
        self.mode = "choose"
        self.go("new_pin")
        self.show_problem("choose_new_pin")

    def refused(self, key: str) -> None:
        self.show_problem(key)
