"""A screen reader can use the kiosk: every control a person can reach has a name, in the
language of the screen, on every screen of a visit (dialogs included).

The names are what Qt's accessibility layer hands a screen reader (QAccessible's Name text):
a button's words, or the accessible name set where the words are a symbol ("⌫", "A", "▶"),
absent (a text box) or not enough alone (every "Change" on the review).
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)
from shiboken6 import getCppPointer

from decisionaid.content.emphasis import plain
from decisionaid.ui.common.strings import keys, t
from decisionaid.ui.testing import KioskDriver, wait_for

INTERACTIVE = (QAbstractButton, QAbstractSlider, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
               QAbstractSpinBox, QAbstractItemView)
# Arrows and marks drawn on buttons: a screen reader would say "black right-pointing triangle".
DRAWN = "\u25c0\u25b6\u25b2\u25bc\u25cf\u25cb\u2610\u2611\u25c9\u232b\u275a\u21ba"


def _takes_touches(widget: QWidget) -> bool:
    """A widget of ours that answers a press itself (a story card, the staff corner)."""
    for cls in type(widget).__mro__:
        if cls.__module__.startswith(("PySide6", "Shiboken")):
            return False
        if "mousePressEvent" in cls.__dict__ or "mouseReleaseEvent" in cls.__dict__:
            return True
    return False


def controls(window) -> list[QWidget]:
    """Every visible, enabled control on show: the warning, the screen and the top bar."""
    found = []
    for root in (window.overlay, window.screen, window.top_bar):
        if root is None:
            continue
        for widget in [root, *root.findChildren(QWidget)]:
            if not (widget.isVisibleTo(window) and widget.isEnabled()):
                continue
            # A scroll bar is announced by its role and position ("scroll bar, 40 %"); it has
            # no name of its own in any toolkit.
            if isinstance(widget, QScrollBar):
                continue
            if isinstance(widget, INTERACTIVE) or _takes_touches(widget):
                found.append(widget)
    return found


def name_of(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _english_only(window) -> set[str]:
    """Words that are English only: kiosk strings and content texts whose Spanish differs."""
    words = set()
    for key in keys():
        try:
            en, es = t(key, "en"), t(key, "es")
        except (KeyError, IndexError):
            continue  # a string that needs values filled in
        if en != es:
            words.add(en)
    if window.content is not None:
        for q in window.content.questionnaires:
            texts = [q.title, *(i.text for i in q.items)]
            texts += [o.label for i in q.items for o in (i.options or ())]
            for text in texts:
                if text and text.get("en") != text.get("es"):
                    words.add(plain(text["en"]))
    return {w for w in words if len(w) > 2}


class Inspector:
    """Looks at every screen the driver reaches and keeps what is missing."""

    def __init__(self, window, language: str):
        self.window = window
        self.language = language
        self.english = _english_only(window) if language == "es" else set()
        self.problems: list[str] = []
        self.screens: set[str] = set()

    def __call__(self, where: str | None = None) -> None:
        where = where or self.window.screen_name
        self.screens.add(where)
        for widget in controls(self.window):
            name = name_of(widget)
            what = f"{where}: {type(widget).__name__} {widget.objectName()!r}"
            if not any(ch.isalnum() for ch in name):
                self.problems.append(f"{what} has no name (shows {_shown(widget)!r})")
            elif len(name) == 1 and not name.isdigit() and not widget.objectName().startswith("char_"):
                # One letter is a name only for a key that types it ("A" for a text size is not).
                self.problems.append(f"{what} is named only {name!r}")
            elif any(mark in name for mark in DRAWN):
                self.problems.append(f"{what} has a drawn mark in its name: {name!r}")
            elif name in self.english:
                self.problems.append(f"{what} is named in English on a Spanish screen: {name!r}")

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join(sorted(set(self.problems)))


def _shown(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return text() if callable(text) else ""


def _start(window, qtbot, language: str) -> tuple[KioskDriver, Inspector]:
    inspect = Inspector(window, language)
    d = KioskDriver(window, lambda c: wait_for(qtbot, c), on_screen=inspect)
    if language != window.language:
        d.tap(f"lang_{language}")
    inspect("welcome")
    return d, inspect


def _press(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(widget.width() // 2, widget.height() // 2))


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_control_of_a_whole_shipped_visit_has_a_name(make_kiosk, shipped_config, qtbot, language):
    """The shipped questionnaires, every question type (info included), the review, the page
    and the thank-you screen."""
    window = make_kiosk(shipped_config)
    d, inspect = _start(window, qtbot, language)
    d.guest()
    d.walk_to_review(random.Random(5), ["Hello there", "I walk by the river"])
    inspect("review")
    d.tap_and_wait("next", "print")
    wait_for(qtbot, window.screen.page_ready).wait()
    inspect("print")
    d.tap_and_wait("finish", "done")
    assert {"item:scale", "item:choice", "item:multi", "item:yesno", "item:text", "item:info",
            "intro", "review", "print", "done"} <= inspect.screens | {window.screen_name}
    inspect.assert_clean()


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_control_of_sign_up_safety_stories_and_staff_has_a_name(make_kiosk, config, qtbot, language):
    """Sign-up (keyboard, year pad, months, days, PIN pad), the safety screen, a suggested
    story and its video controls, the library, the staff corner and peer sign-in."""
    window = make_kiosk(config)
    d, inspect = _start(window, qtbot, language)
    # The library and a story, before signing in.
    d.tap_and_wait("welcome_stories", "library")
    card = next(c for c in window.screen.findChildren(QWidget, "storyCard"))
    before = window.screen
    _press(card)
    wait_for(qtbot, lambda: window.screen is not before)
    inspect("vignette")
    d.tap("playPauseButton")
    inspect("vignette playing")
    d.tap_and_wait("doneButton", "library")
    d.tap_and_wait("next", "welcome")
    # Peer sign-in: the staff name and PIN.
    d.tap_and_wait("peer_sign_in")
    inspect("peer sign-in")
    d.enter_name("Pat")
    inspect("peer sign-in PIN")
    window.reset()
    wait_for(qtbot, lambda: window.screen_name == "welcome")
    if window.language != language:  # the next person starts in the kiosk's first language
        d.tap(f"lang_{language}")
    # Sign-up: each step.
    d.tap_and_wait("first_time", "first_time")
    d.tap("make_profile")
    inspect("sign-up name")
    d.type("Alex")
    d.tap("key_numbers")  # the numbers and punctuation page
    inspect("sign-up name, numbers page")
    d.tap("key_numbers")
    d.tap("next")
    inspect("sign-up year")
    d.digits("1985")
    inspect("sign-up month")
    d.tap("month_4")
    inspect("sign-up day")
    d.tap("day_12")
    inspect("sign-up PIN")
    d.digits("2580")
    inspect("sign-up PIN again")
    before = window.shown
    d.digits("2580")
    wait_for(qtbot, lambda: window.shown != before)
    inspect()
    # The visit: the safety answer, the suggested story, the review.
    d.tap_and_wait("next", "item:scale")
    d.tap("option_1")
    d.tap_and_wait("next")
    d.tap("option_3")
    d.tap_and_wait("next", "item:text")
    d.type("I wake at four")
    inspect("item:text, typed")
    d.tap_and_wait("next", "item:yesno")
    d.tap("option_True")
    d.tap_and_wait("next", "item:choice")
    d.tap("option_1")
    d.tap_and_wait("next", "safety")
    d.tap_and_wait("next", "intro")
    d.tap_and_wait("next", "item:multi")
    d.tap("option_weight")  # suggests a story
    d.tap_and_wait("next")
    while window.screen_name != "stories":
        d.tap_and_wait("skip")
    d.tap_and_wait("next", "review")
    # The staff corner: name, PIN, menu.
    corner = window.top_bar.corner
    QTest.mousePress(corner, Qt.MouseButton.LeftButton)
    window.timers.advance(window.times.staff_hold_ms / 1000)
    assert window.screen_name == "staff"
    QTest.mouseRelease(corner, Qt.MouseButton.LeftButton)
    inspect("staff name")
    d.enter_name("Pat")
    inspect("staff PIN")
    d.digits("2468")
    d.tap("key_ok")
    wait_for(qtbot, lambda: window.screen.step == "menu")
    inspect("staff menu")
    assert {"welcome", "library", "vignette", "first_time", "intro", "safety", "stories",
            "review"} <= {s.split(" ")[0] for s in inspect.screens}
    inspect.assert_clean()


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_control_of_sign_in_and_resume_has_a_name(make_kiosk, config, qtbot, language):
    """Signing in (name, year, month, day, PIN), then, after walking away mid-visit, signing in
    again to the "carry on where I stopped" screen."""
    window = make_kiosk(config)
    window.services.profiles.create("Kim", date(1988, 7, 7), "2580", language)
    d, inspect = _start(window, qtbot, language)

    def sign_in() -> None:
        d.tap_and_wait("been_before", "sign_in")
        inspect("sign-in name")
        d.enter_name("Kim")
        inspect("sign-in year")
        d.digits("1988")
        inspect("sign-in month")
        d.tap("month_7")
        inspect("sign-in day")
        d.tap("day_7")
        inspect("sign-in PIN")
        before = window.shown
        d.digits("2580")
        wait_for(qtbot, lambda: window.shown != before)
        inspect()

    sign_in()
    d.tap_and_wait("next", "item:scale")
    d.tap("option_1")
    d.tap_and_wait("next")
    window.reset()  # walked away
    wait_for(qtbot, lambda: window.screen_name == "welcome")
    if window.language != language:
        d.tap(f"lang_{language}")
    sign_in()
    assert window.screen_name == "resume"
    inspect.assert_clean()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_still_there_warning_has_names(make_kiosk, config, qtbot, language, fake_time):
    window = make_kiosk(config)
    d, inspect = _start(window, qtbot, language)
    d.guest()
    fake_time.advance(window.times.idle_ms / 1000)
    assert window.overlay is not None
    inspect("still there")
    assert any(w.objectName() == "still_here" for w in controls(window))
    inspect.assert_clean()


def test_names_follow_a_change_of_language(make_kiosk, config, qtbot):
    """The same controls, renamed in place when the language changes mid-question."""
    window = make_kiosk(config)
    d = KioskDriver(window, lambda c: wait_for(qtbot, c))
    d.guest()
    d.tap_and_wait("next", "item:scale")
    d.tap("option_1")
    d.tap_and_wait("next")
    d.tap("option_3")
    d.tap_and_wait("next", "item:text")
    english = {getCppPointer(w)[0]: name_of(w) for w in controls(window)}
    d.tap("lang_es")
    spanish = {getCppPointer(w)[0]: name_of(w) for w in controls(window)}
    renamed = {name for key, name in spanish.items() if english.get(key) not in (None, name)}
    assert t("back", "es") in renamed and t("read_aloud", "es") in renamed
    assert name_of(window.screen.answer.box) == "Cuéntanos más sobre tu sueño"
    assert name_of(window.top_bar.size_buttons["largest"]) == t("text_size_largest", "es")
    assert name_of(window.top_bar.corner) == t("staff_corner", "es")


def _role(widget: QWidget):
    return QAccessible.queryAccessibleInterface(widget).role()


def test_one_answer_choices_are_radio_buttons_and_the_progress_bar_has_a_name(make_kiosk, config, qtbot):
    """A screen reader hears a scale's answers and the language choices as radio buttons (one
    at a time), checked or not; the progress bar says how far the person is."""
    window = make_kiosk(config)
    d = KioskDriver(window, lambda c: wait_for(qtbot, c))
    for b in window.screen.language_buttons.values():
        assert _role(b) == QAccessible.Role.RadioButton
    d.tap("language")
    choice = window.top_bar.language_menu
    assert {_role(b) for b in choice.buttons.values()} == {QAccessible.Role.RadioButton}
    assert QAccessible.queryAccessibleInterface(choice.buttons["en"]).state().checked
    d.tap("lang_es")
    d.guest()
    d.tap_and_wait("next", "item:scale")
    d.tap("option_1")
    options = [b for b in window.screen.findChildren(QAbstractButton) if b.objectName().startswith("option_")
               and b.isVisibleTo(window)]
    assert options and {_role(b) for b in options} == {QAccessible.Role.RadioButton}
    chosen = QAccessible.queryAccessibleInterface(d.find("option_1"))
    assert chosen.state().checked and chosen.text(QAccessible.Text.Name)
    bar = window.screen.findChild(QWidget, "progress_bar")
    assert name_of(bar).startswith("Cuánto llevas: parte 1 de")


def test_the_top_bars_speaker_turns_light_with_black_and_yellow_and_back(kiosk, drive):
    """A dark speaker on the black bar cannot be seen: changing the colours changes it too."""
    from PySide6.QtGui import QIcon

    from decisionaid.ui.common.theme import ASSETS

    def looks_like(name: str) -> bool:
        shown = kiosk.top_bar.read_button.icon().pixmap(32, 32).toImage()
        return shown == QIcon(str(ASSETS / "icons" / name)).pixmap(32, 32).toImage()

    d = drive(kiosk)
    assert looks_like("speaker.svg")
    d.tap("contrast")
    assert kiosk.theme.high_contrast and looks_like("speaker-light.svg")
    d.tap("contrast")
    assert not kiosk.theme.high_contrast and looks_like("speaker.svg")
