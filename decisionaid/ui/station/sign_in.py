"""The first screen: a staff member signs in with their name and PIN."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.services import staff
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import t
from decisionaid.ui.station.common import in_background, message_label, show_message
from decisionaid.ui.station.services import PeerServices


class SignInScreen(QWidget):
    signed_in = Signal(object)  # StaffMember

    def __init__(self, services: PeerServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("peer_sign_in")
        lang = services.language
        title = QLabel(t("station_title", lang, site=services.config.site_name))
        title.setProperty("role", "title")
        title.setWordWrap(True)
        hint = QLabel(t("station_sign_in_hint", lang))
        hint.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("staff_name")
        self.name.setPlaceholderText(t("station_name_hint", lang))
        self.pin = QLineEdit()
        self.pin.setObjectName("staff_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(t("station_pin_hint", lang))
        self.pin.setMaxLength(8)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}")))
        self.button = QPushButton(t("station_sign_in", lang))
        self.button.setObjectName("sign_in")
        self.button.setDefault(True)
        self.message = message_label()
        self.message.setObjectName("sign_in_message")

        form = QFormLayout()
        form.addRow(t("station_name", lang), self.name)
        form.addRow(t("station_pin", lang), self.pin)
        # A white card on the kiosk's warm background, wide enough for the title on two lines.
        box = QFrame()
        box.setProperty("role", "panel")
        box.setFixedWidth(460)
        column = QVBoxLayout(box)
        column.setContentsMargins(28, 24, 28, 24)
        column.setSpacing(12)
        form.setVerticalSpacing(10)
        column.addWidget(title)
        column.addWidget(hint)
        column.addLayout(form)
        column.addWidget(self.button)
        column.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        # Centred by stretches, not by alignment: an aligned widget is given the height of its
        # own size hint, at a narrower width than its fixed one, and the title was cut off.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(box)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

        self.button.clicked.connect(self.submit)
        self.name.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)

    def reset(self, message: str = "") -> None:
        """Back to an empty form (after signing out)."""
        self.name.clear()
        self.pin.clear()
        self.button.setEnabled(True)
        show_message(self.message, message)
        self.name.setFocus()

    def submit(self) -> None:
        name, pin = self.name.text(), self.pin.text()
        if not name.strip() or not pin:
            show_message(self.message, t("station_need_name_and_pin", self.services.language),
                         error=True)
            return
        self.button.setEnabled(False)
        show_message(self.message, t("station_checking", self.services.language))
        s = self.services
        # A PIN check costs tens of milliseconds by design: never on the UI thread.
        in_background(
            self,
            # Every role signs in here: a prescriber to their desk, peers and admins to Today.
            lambda: staff.sign_in(s.db, name, pin, hasher=s.hasher, clock=s.clock),
            self._accepted,
            self._refused,
            language=s.language,
        )

    def _accepted(self, member: StaffMember) -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        show_message(self.message, "")
        self.signed_in.emit(member)

    def _refused(self, message: str) -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        show_message(self.message, message[:1].upper() + message[1:] + ".", error=True)
        self.pin.setFocus()
