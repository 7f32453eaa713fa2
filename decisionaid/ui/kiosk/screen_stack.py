"""Where the kiosk's screens go: one shown, filling the window below the top bar, and the screens
kept for refilling (a visit's section intro and one question screen per kind of answer)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class ScreenStack(QWidget):
    """Where the screens go: one shown, filling it, the others (the kept ones) hidden.

    Like ``QStackedWidget`` but cheaper to switch: that one turns updates off and on again
    across every screen it holds, the hidden ones included, each time the screen changes."""

    def __init__(self):
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._current: QWidget | None = None
        self._kept: dict[str, QWidget] = {}

    def addWidget(self, screen: QWidget) -> None:
        screen.hide()
        self._layout.addWidget(screen)

    def indexOf(self, screen: QWidget) -> int:
        return self._layout.indexOf(screen)

    def currentWidget(self) -> QWidget | None:
        return self._current

    def setCurrentWidget(self, screen: QWidget) -> None:
        old, self._current = self._current, screen
        if old is screen:
            return
        screen.setGeometry(self.rect())  # laid out at its real size, once
        screen.show()
        if old is not None:
            old.hide()

    def removeWidget(self, screen: QWidget) -> None:
        self._layout.removeWidget(screen)
        if self._current is screen:
            self._current = None

    # --- the screens kept for refilling -----------------------------------------------------------
    def kept(self, key: str, make: Callable[[], QWidget]) -> QWidget:
        """The screen kept under ``key``, made (and added, hidden) the first time."""
        screen = self._kept.get(key)
        if screen is None:
            screen = self._kept[key] = make()
            screen.setObjectName(key)
            self.addWidget(screen)
        return screen

    def has_kept(self, key: str) -> bool:
        return key in self._kept

    def is_kept(self, screen: QWidget) -> bool:
        return any(kept is screen for kept in self._kept.values())

    def drop_kept(self) -> list[QWidget]:
        """Forget the kept screens; returns them for the window to destroy."""
        kept, self._kept = list(self._kept.values()), {}
        return kept
