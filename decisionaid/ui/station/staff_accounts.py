"""Admin: the staff accounts, each with its role, state and language; adding one, setting a
PIN, disabling one, giving one a language."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from decisionaid.services import staff
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import LANGUAGE_NAMES, t
from decisionaid.ui.station.common import fill, in_background, selected_key, show_message, table
from decisionaid.ui.station.services import PeerServices


def _pin_field(language: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(8)
    field.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}")))
    field.setPlaceholderText(t("station_pin_hint", language))
    return field


class StaffAccounts(QGroupBox):
    """The accounts' box of the Admin screen; what each action did, or why not, goes on
    ``message`` (the screen's line at the bottom)."""

    def __init__(self, services: PeerServices, member: StaffMember, message: QLabel):
        super().__init__(t("station_staff_accounts", services.language))
        self.services = services
        self.member = member
        self.message = message
        self.members: list[StaffMember] = []
        lang = services.language
        self.staff_table = table([t(f"station_col_{c}", lang)
                                  for c in ("name", "role", "status", "language")])
        self.staff_table.setObjectName("staff_table")
        self.new_name = QLineEdit()
        self.new_name.setObjectName("new_staff_name")
        self.new_role = QComboBox()
        for role in staff.STAFF_ROLES:  # shown in the staff member's words, kept as the code
            self.new_role.addItem(t(f"station_role_{role}", lang), role)
        # The language the station speaks to the account: None, the site's first, or its own.
        self.new_language = QComboBox()
        self.new_language.setObjectName("new_staff_language")
        self.new_language.addItem(self._language_words(None), None)
        for code in services.config.languages:
            self.new_language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.pin1, self.pin2 = _pin_field(lang), _pin_field(lang)
        self.add_button = QPushButton(t("station_add_account", lang))
        self.reset_button = QPushButton(t("station_set_pin_selected", lang))
        self.disable_button = QPushButton(t("station_disable_selected", lang))
        self.language_button = QPushButton(t("station_set_language_selected", lang))
        self.language_button.setObjectName("set_staff_language")
        form = QFormLayout()
        form.addRow(t("station_col_name", lang), self.new_name)
        form.addRow(t("station_col_role", lang), self.new_role)
        form.addRow(t("station_col_language", lang), self.new_language)
        form.addRow(t("station_pin", lang), self.pin1)
        form.addRow(t("station_pin_again", lang), self.pin2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.disable_button)
        al = QHBoxLayout(self)
        al.addWidget(self.staff_table, 1)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.language_button)
        side.addStretch(1)
        al.addLayout(side, 1)

        self.add_button.clicked.connect(self._add)
        self.reset_button.clicked.connect(self._reset)
        self.disable_button.clicked.connect(self._disable)
        self.language_button.clicked.connect(self._set_language)
        self.load_staff()

    def load_staff(self) -> None:
        db = self.services.db
        member = self.member
        in_background(self, lambda: staff.list(db, by=member), self._show_staff,
                      lambda m: show_message(self.message, m, error=True))

    def _show_staff(self, members: list[StaffMember]) -> None:
        self.members = members
        now, lang = self.services.clock(), self.services.language
        fill(self.staff_table, [[m.name, t(f"station_role_{m.role}", lang),
                                 t("station_account_disabled" if m.disabled else
                                   "station_account_locked" if m.locked_at(now)
                                   else "station_account_active", lang),
                                 self._language_words(m.language)]
                                for m in members],
             [m.name for m in members])

    def _language_words(self, code: str | None) -> str:
        """An account's language as the table and the choice show it: its name in itself, or
        "The site's first language (English)" for an account without one."""
        languages = self.services.config.languages
        if code in languages:
            return LANGUAGE_NAMES.get(code, code)
        first = languages[0]
        return t("station_site_language", self.services.language,
                 first=LANGUAGE_NAMES.get(first, first))

    def _pins(self) -> str | None:
        if self.pin1.text() != self.pin2.text():
            show_message(self.message, t("station_pins_differ", self.services.language), error=True)
            return None
        return self.pin1.text()

    def _account_work(self, work, done: str) -> None:
        self.pin1.clear()
        self.pin2.clear()
        in_background(self, work, lambda _: (show_message(self.message, done), self.load_staff()),
                      lambda m: show_message(self.message, m[:1].upper() + m[1:] + ".", error=True))

    def _add(self) -> None:
        pin = self._pins()
        if pin is None:
            return
        s, name, role, by = self.services, self.new_name.text(), self.new_role.currentData(), self.member
        language = self.new_language.currentData()
        self.new_name.clear()
        self._account_work(
            lambda: staff.add(s.db, name, role, pin, by=by, hasher=s.hasher,
                              clock=s.clock, language=language, languages=s.config.languages),
            t("station_added_account", s.language, name=name.strip(),
              role=t(f"station_role_{role}", s.language)))

    def _reset(self) -> None:
        name = selected_key(self.staff_table)
        pin = self._pins()
        if name is None:
            show_message(self.message, t("station_select_account", self.services.language),
                         error=True)
            return
        if pin is None:
            return
        s, by = self.services, self.member
        self._account_work(
            lambda: staff.reset_pin(s.db, name, pin, by=by, hasher=s.hasher,
                                    clock=s.clock),
            t("station_new_pin_set", s.language, name=name))

    def _disable(self) -> None:
        name = selected_key(self.staff_table)
        lang = self.services.language
        if name is None:
            show_message(self.message, t("station_select_account", lang), error=True)
            return
        if not self.services.dialogs.confirm(self, t("station_disable_account", lang),
                                             t("station_disable_ask", lang, name=name)):
            return
        s, by = self.services, self.member
        self._account_work(lambda: staff.disable(s.db, name, by=by, clock=s.clock),
                           t("station_disabled_account", lang, name=name))

    def _set_language(self) -> None:
        """The selected account gets the language chosen above (from its next sign-in)."""
        name = selected_key(self.staff_table)
        s, by = self.services, self.member
        if name is None:
            show_message(self.message, t("station_select_account", s.language), error=True)
            return
        code = self.new_language.currentData()
        self._account_work(
            lambda: staff.set_language(s.db, name, code, languages=s.config.languages, by=by,
                                       clock=s.clock),
            t("station_language_set", s.language, name=name, chosen=self._language_words(code)))
