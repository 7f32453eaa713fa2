"""Admin (admins only): staff accounts, the site configuration in force (read-only), whether
the content passes its check, and where export and purge are done."""

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
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content.loader import check
from decisionaid.services import staff
from decisionaid.services.staff import StaffMember
from decisionaid.storage.database import describe
from decisionaid.ui.peer.common import fill, in_background, message_label, say, selected_key, table
from decisionaid.ui.peer.services import PeerServices


def _pin_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(8)
    field.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}")))
    field.setPlaceholderText("4 to 8 digits")
    return field


class AdminScreen(QWidget):
    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(parent)
        if not member.is_admin:
            raise PermissionError("admin is for admins")
        self.services = services
        self.member = member
        self.members: list[StaffMember] = []

        # Staff accounts.
        accounts = QGroupBox("Staff accounts")
        self.staff_table = table(["Name", "Role", "Status"])
        self.staff_table.setObjectName("staff_table")
        self.new_name = QLineEdit()
        self.new_name.setObjectName("new_staff_name")
        self.new_role = QComboBox()
        self.new_role.addItems(["peer", "admin"])
        self.pin1, self.pin2 = _pin_field(), _pin_field()
        self.add_button = QPushButton("Add account")
        self.reset_button = QPushButton("Set this PIN for the selected account")
        self.disable_button = QPushButton("Disable the selected account…")
        form = QFormLayout()
        form.addRow("Name", self.new_name)
        form.addRow("Role", self.new_role)
        form.addRow("PIN", self.pin1)
        form.addRow("PIN again", self.pin2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.disable_button)
        al = QHBoxLayout(accounts)
        al.addWidget(self.staff_table, 1)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addStretch(1)
        al.addLayout(side, 1)

        # Site configuration and content.
        site = QGroupBox("Site configuration (read-only: edit the config file)")
        self.config_view = QPlainTextEdit(self._config_text())
        self.config_view.setReadOnly(True)
        QVBoxLayout(site).addWidget(self.config_view)
        content = QGroupBox("Content check")
        self.content_status = QLabel("Checking…")
        self.content_status.setObjectName("content_status")
        self.content_status.setWordWrap(True)
        self.recheck = QPushButton("Check again")
        cl = QVBoxLayout(content)
        cl.addWidget(self.content_status)
        cl.addWidget(self.recheck)
        data = QGroupBox("Export and purge")
        dl = QVBoxLayout(data)
        note = QLabel(
            "Run these on the server, where the files they write are kept safe:\n"
            "  decisionaid export --format fhir -o answers.json [--since DATE]\n"
            "  decisionaid export --format csv -o answers.csv\n"
            "  decisionaid purge --older-than DAYS\n"
            "Both are recorded in the audit log.")
        note.setStyleSheet("font-family: monospace;")
        dl.addWidget(note)
        lower = QHBoxLayout()
        lower.addWidget(site, 2)
        right = QVBoxLayout()
        right.addWidget(content)
        right.addWidget(data)
        lower.addLayout(right, 1)

        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(accounts, 1)
        layout.addLayout(lower, 1)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self._add)
        self.reset_button.clicked.connect(self._reset)
        self.disable_button.clicked.connect(self._disable)
        self.recheck.clicked.connect(self.check_content)
        self.load_staff()
        self.check_content()

    def _config_text(self) -> str:
        c = self.services.config
        return "\n".join([
            f"config file:     {c.source or '(none: built-in defaults)'}",
            f"site name:       {c.site_name}",
            f"languages:       {', '.join(c.languages)}",
            f"paper:           {c.paper}",
            f"kiosk idle time: {c.idle_timeout_s} s",
            f"station sign-out after: {self.services.idle_ms // 60000} min idle",
            f"printer:         {c.printer or '(system default)'}",
            f"database:        {describe(c.database_url)}",
            f"encrypted:       {'yes' if self.services.db.encrypted else 'no'}",
            f"content folder:  {c.content_dir}",
            "crisis message:",
            *(f"  [{lang}] {c.crisis_text(lang)}" for lang in c.languages),
        ])

    # --- staff ----------------------------------------------------------------------------------
    def load_staff(self) -> None:
        db = self.services.db
        in_background(self, lambda: staff.list(db), self._show_staff,
                      lambda m: say(self.message, m, error=True))

    def _show_staff(self, members: list[StaffMember]) -> None:
        self.members = members
        now = self.services.clock()
        fill(self.staff_table, [[m.name, m.role, "disabled" if m.disabled else
                                 "locked" if m.locked_at(now) else "active"] for m in members],
             [m.name for m in members])

    def _pins(self) -> str | None:
        if self.pin1.text() != self.pin2.text():
            say(self.message, "The two PINs are not the same.", error=True)
            return None
        return self.pin1.text()

    def _account_work(self, work, done: str) -> None:
        self.pin1.clear()
        self.pin2.clear()
        in_background(self, work, lambda _: (say(self.message, done), self.load_staff()),
                      lambda m: say(self.message, m[:1].upper() + m[1:] + ".", error=True))

    def _add(self) -> None:
        pin = self._pins()
        if pin is None:
            return
        s, name, role, by = self.services, self.new_name.text(), self.new_role.currentText(), self.member.id
        self.new_name.clear()
        self._account_work(
            lambda: staff.add(s.db, name, role, pin, by=by, actor="peer", hasher=s.hasher,
                              clock=s.clock),
            f"Added {name.strip()} ({role}).")

    def _reset(self) -> None:
        name = selected_key(self.staff_table)
        pin = self._pins()
        if name is None:
            say(self.message, "Select an account first.", error=True)
            return
        if pin is None:
            return
        s, by = self.services, self.member.id
        self._account_work(
            lambda: staff.reset_pin(s.db, name, pin, by=by, actor="peer", hasher=s.hasher,
                                    clock=s.clock),
            f"New PIN set for {name}; the account is unlocked.")

    def _disable(self) -> None:
        name = selected_key(self.staff_table)
        if name is None:
            say(self.message, "Select an account first.", error=True)
            return
        if not self.services.dialogs.confirm(self, "Disable account",
                                             f"Disable {name}? They will no longer be able to sign in."):
            return
        s, by = self.services, self.member.id
        self._account_work(lambda: staff.disable(s.db, name, by=by, actor="peer", clock=s.clock),
                           f"{name} can no longer sign in.")

    # --- content --------------------------------------------------------------------------------
    def check_content(self) -> None:
        config = self.services.config
        self.content_status.setText("Checking…")
        in_background(self, lambda: check(config.content_dir, config.languages),
                      self._show_check, lambda m: self.content_status.setText(m))

    def _show_check(self, result) -> None:
        if result.errors:
            lines = [str(e) for e in result.errors[:10]]
            self.content_status.setText(
                f"✗ {len(result.errors)} problem(s) — the kiosk will not start until they are "
                "mended:\n" + "\n".join(lines))
            self.content_status.setStyleSheet("color: #b00020;")
        else:
            self.content_status.setText(
                f"✓ OK: {result.questionnaires} questionnaires, {result.items} items, "
                f"{result.vignettes} vignettes.")
            self.content_status.setStyleSheet("color: #2e7d32;")
