"""On a person's page: their sign-in's lock (with "Unlock sign-in", for a peer worker who is
with them in person) and the other profiles with the same name and date of birth (possible
duplicates, with "Join into this profile"). Both change things only after a yes, and both are
audited by the services."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from decisionaid.services import duplicates
from decisionaid.services.profiles import UNTIL_UNLOCKED, ProfileService
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import t
from decisionaid.ui.station.common import clock_time, day, in_background, show_message
from decisionaid.ui.station.services import PeerServices


class SignInAndDuplicates(QWidget):
    changed = Signal()  # a profile was unlocked or joined (its button is then spent)

    def __init__(self, services: PeerServices, member: StaffMember, user_id: int,
                 message: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.member, self.user_id, self.message = services, member, user_id, message
        self.name = ""
        lang = services.language
        self.lock = QLabel()
        self.lock.setObjectName("sign_in_lock")
        self.lock.setWordWrap(True)
        self.unlock_button = QPushButton(t("station_unlock_sign_in", lang))
        self.unlock_button.setObjectName("unlock_sign_in")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.lock, 1)
        row.addWidget(self.unlock_button)
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(self.rows)
        self.unlock_button.clicked.connect(self._unlock)
        self.joins: list[QPushButton] = []
        self.hide()

    def show_person(self, profile) -> None:
        """Show the lock from ``profile`` and read the possible duplicates (off the UI thread)."""
        lang = self.services.language
        self.name = profile.first_name
        until = profile.locked_until
        locked = until is not None and until > self.services.clock()
        if locked and until >= UNTIL_UNLOCKED:
            self.lock.setText(t("station_sign_in_held", lang))
        elif locked:
            self.lock.setText(t("station_sign_in_paused", lang, time=clock_time(until)))
        self.lock.setVisible(locked)
        self.unlock_button.setVisible(locked)
        s, uid, by = self.services, self.user_id, self.member
        in_background(self, lambda: duplicates.possible_duplicates(s.db, uid, by=by),
                      self._show_duplicates, lambda m: show_message(self.message, m, error=True))
        self.setVisible(locked)

    def _show_duplicates(self, found) -> None:
        lang = self.services.language
        for other in found:
            text = QLabel(t("station_possible_duplicate", lang, name=other.first_name,
                            made=day(other.created_at, lang), visits=other.visits))
            text.setWordWrap(True)
            join = QPushButton(t("station_join_profile", lang))
            join.setObjectName("join_profile")
            join.clicked.connect(lambda _=False, other_id=other.id, b=join: self._join(other_id, b))
            self.joins.append(join)
            row = QHBoxLayout()
            row.addWidget(text, 1)
            row.addWidget(join)
            self.rows.addLayout(row)
        if found:
            self.show()

    def _unlock(self) -> None:
        s, uid, by, lang = self.services, self.user_id, self.member, self.services.language
        if not s.dialogs.confirm(self, t("station_unlock_sign_in", lang),
                                 t("station_unlock_confirm", lang, name=self.name)):
            return
        profiles = ProfileService(s.db, hasher=s.hasher, clock=s.clock)
        in_background(self, lambda: profiles.unlock(uid, by=by),
                      lambda _: (show_message(self.message, t("station_unlocked", lang)),
                                 self.unlock_button.setEnabled(False), self.changed.emit()),
                      lambda m: show_message(self.message, m, error=True))

    def _join(self, other_id: int, join: QPushButton) -> None:
        s, uid, by, lang = self.services, self.user_id, self.member, self.services.language
        if not s.dialogs.confirm(self, t("station_join_profile", lang),
                                 t("station_join_confirm", lang, name=self.name)):
            return
        in_background(self, lambda: duplicates.merge(s.db, uid, other_id, by=by, clock=s.clock),
                      lambda _: (show_message(self.message, t("station_joined", lang)),
                                 join.setEnabled(False), self.changed.emit()),
                      lambda m: show_message(self.message, m, error=True))
