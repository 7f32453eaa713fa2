"""Screens laid out in the direction their language is written: mirrored (Back on the right,
Next on the left, text from the right) for a language whose catalogue says it is right to left.

The direction is the whole application's (Qt lays every layout out by it), set when the
language is chosen; :func:`decisionaid.i18n.is_right_to_left` reads it from the language's own
kiosk catalogue, so a language added as files needs no code for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from decisionaid import i18n

if TYPE_CHECKING:
    from PySide6.QtCore import Qt


def direction_of(language: str) -> Qt.LayoutDirection:
    from PySide6.QtCore import Qt  # only when asked: see follow_language

    return Qt.LayoutDirection.RightToLeft if i18n.is_right_to_left(language) \
        else Qt.LayoutDirection.LeftToRight


def follow_language(language: str) -> None:
    """Lay the application out in ``language``'s direction (and back, for the next person).
    Compared as a yes or no first: building PySide's ``Qt`` enums costs the kiosk's first paint
    about 20 ms, and a left-to-right kiosk never needs them."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.isRightToLeft() != i18n.is_right_to_left(language):
        app.setLayoutDirection(direction_of(language))
