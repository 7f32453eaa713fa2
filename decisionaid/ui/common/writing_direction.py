"""Screens laid out in the direction their language is written: mirrored (Back on the right,
Next on the left, text from the right) for a language whose catalogue says it is right to left.

The direction is the whole application's (Qt lays every layout out by it), set when the
language is chosen; :func:`decisionaid.i18n.is_right_to_left` reads it from the language's own
kiosk catalogue, so a language added as files needs no code for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from decisionaid import i18n


def direction_of(language: str) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if i18n.is_right_to_left(language) \
        else Qt.LayoutDirection.LeftToRight


def follow_language(language: str) -> None:
    """Lay the application out in ``language``'s direction (and back, for the next person)."""
    app = QApplication.instance()
    wanted = direction_of(language)
    if isinstance(app, QApplication) and app.layoutDirection() != wanted:
        app.setLayoutDirection(wanted)
