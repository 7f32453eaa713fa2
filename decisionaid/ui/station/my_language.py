"""The top bar's language choice: the signed-in staff member picks the language the station and
the desk speak to them, kept with their account for the next sign-in too.

A drop-down beside "Sign out", each language named in itself ("English", "Español"), as a busy
peer worker expects from any desktop program; shown only where the site has more than one
language. The choice is saved first (and audited), and only then does the workspace change.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from decisionaid.services import staff
from decisionaid.services.staff import StaffMember
from decisionaid.ui.common.strings import LANGUAGE_NAMES, t
from decisionaid.ui.station.common import in_background
from decisionaid.ui.station.services import PeerServices


class MyLanguage(QComboBox):
    """``changed(member)`` once the account's new language is saved (``member`` as it is now);
    ``failed(message)`` when it could not be, and the choice shows the language in use again."""

    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, services: PeerServices, member: StaffMember, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.member = member
        self.setObjectName("my_language")
        lang = services.language
        self.setAccessibleName(t("station_my_language", lang))
        self.setToolTip(t("station_my_language", lang))
        for code in services.config.languages:
            self.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.setCurrentIndex(self.findData(lang))
        self.setVisible(len(services.config.languages) > 1)
        self.activated.connect(lambda index: self.choose(self.itemData(index)))

    def choose(self, code: str) -> None:
        """Save ``code`` as the account's language (off the UI thread), then ``changed``."""
        s, member = self.services, self.member
        if code == s.language:
            return
        self.setEnabled(False)
        in_background(
            self,
            lambda: staff.set_own_language(s.db, member, code, languages=s.config.languages,
                                           clock=s.clock),
            self.changed.emit, self._failed)

    def _failed(self, message: str) -> None:
        self.setEnabled(True)
        self.setCurrentIndex(self.findData(self.services.language))
        self.failed.emit(t("station_language_not_changed", self.services.language,
                           reason=message.rstrip(".")))
