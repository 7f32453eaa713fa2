"""What a screen reader is told a control is, where Qt's own guess is wrong.

A row of large buttons of which only one can be chosen (a scale, a single choice, the
language) is drawn with checkable push buttons; Qt would announce each as a toggle button
("check box" to some readers), which tells a blind user that several may be on at once.
``as_radio(button)`` makes the accessibility layer announce it as a radio button, checked or
not, with the same name and the same press action.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget

DECORATIONS = " \u25c9\u25cb\u25cf\u2713\u2714\u2610\u2611\u25b6\u25c0"
_installed = False


class _RadioButton(QAccessibleWidget):
    def __init__(self, button: QAbstractButton):
        super().__init__(button, QAccessible.Role.RadioButton)
        self._button = button

    def text(self, kind):
        if kind == QAccessible.Text.Name:
            return self._button.accessibleName() or " ".join(self._button.text().strip(DECORATIONS).split())
        return super().text(kind)

    def state(self):
        state = super().state()
        state.checkable = True
        state.checked = self._button.isChecked()
        return state

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self._button.click()


def _factory(key: str, obj):
    if isinstance(obj, QAbstractButton) and obj.property("a11y_role") == "radio":
        return _RadioButton(obj)
    return None


def as_radio(button: QAbstractButton) -> QAbstractButton:
    """Announce ``button`` (checkable, in an exclusive group) as a radio button."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
    button.setProperty("a11y_role", "radio")
    return button
