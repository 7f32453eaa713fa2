"""The on-screen keyboard: letters first, numbers and signs one tap away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPlainTextEdit

from decisionaid.ui.common.keyboard import Keyboard
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.testing import wait_for


def key(keyboard: Keyboard, name: str) -> QAbstractButton:
    [found] = [b for b in keyboard.findChildren(QAbstractButton, name) if b.isVisibleTo(keyboard)]
    return found


def test_numbers_and_signs_are_one_tap_away_and_back(qtbot):
    """Typing a phone number or a dose: tap 123, type digits, tap back to letters."""
    box = QPlainTextEdit()
    keyboard = Keyboard(box, Theme(), "en")
    qtbot.addWidget(box)
    qtbot.addWidget(keyboard)
    keyboard.show()
    qtbot.mouseClick(key(keyboard, "char_a"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(key(keyboard, "key_numbers"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(key(keyboard, "char_5"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(key(keyboard, "char_¿"), Qt.MouseButton.LeftButton)
    assert box.toPlainText() == "A5¿"
    qtbot.mouseClick(key(keyboard, "key_numbers"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(key(keyboard, "char_ñ"), Qt.MouseButton.LeftButton)
    assert box.toPlainText() == "A5¿ñ"


def test_the_number_pad_never_cuts_off_a_word_key(qtbot):
    """"Borrar" on the PIN pad at the largest text size: the key is as wide as the word needs,
    and the three columns stay even; also after switching language on the screen."""
    from decisionaid.ui.common.keypad import Keypad

    theme = Theme().with_text_size("largest")
    theme.apply()
    try:
        pad = Keypad(theme, "en")
        qtbot.addWidget(pad)
        pad.resize(1800, 900)
        pad.show()
        qtbot.waitExposed(pad)
        for language in ("en", "es"):
            pad.retranslate(language)
            wait_for(qtbot, lambda: pad.clear_key.width() >= pad.clear_key.sizeHint().width())
            words = pad.clear_key.fontMetrics().horizontalAdvance(pad.clear_key.text())
            assert pad.clear_key.contentsRect().width() > words
            assert pad.keys["key_1"].width() == pad.clear_key.width() == pad.delete_key.width()
    finally:
        Theme().apply()  # the application-wide look goes back for the tests after this one
