"""Drives a kiosk window the way a person would: by pressing its buttons and keys.

The demo walks whole visits with it, and the UI tests use it for the steps they are not about.
``wait_until(condition, timeout_ms)`` is handed in: pytest-qt's ``qtbot.waitUntil`` in tests,
an event-loop wait in the demo. Nothing here writes to the database.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget

from decisionaid.ui.keyboard import Keyboard

WaitUntil = Callable[..., None]


class KioskDriver:
    def __init__(self, window, wait_until: WaitUntil, on_screen: Callable[[str], None] | None = None):
        self.window = window
        self.wait_until = wait_until
        self.on_screen = on_screen or (lambda name: None)

    # --- looking ------------------------------------------------------------------------------
    @property
    def screen(self) -> QWidget:
        return self.window.screen

    @property
    def screen_name(self) -> str:
        return self.window.screen_name

    def find(self, name: str) -> QAbstractButton:
        """The visible button called ``name`` on the current screen (or the idle warning)."""
        roots = [w for w in (self.window.overlay, self.window.screen, self.window.top_bar) if w is not None]
        for root in roots:
            for b in root.findChildren(QAbstractButton, name):
                if b.isVisibleTo(self.window):
                    return b
        raise LookupError(f"no visible button {name!r} on the {self.screen_name} screen")

    def has(self, name: str) -> bool:
        try:
            self.find(name)
        except LookupError:
            return False
        return True

    # --- doing --------------------------------------------------------------------------------
    def tap(self, name: str) -> None:
        b = self.find(name)
        if not b.isEnabled():
            raise AssertionError(f"{name!r} is greyed out on the {self.screen_name} screen")
        QTest.mouseClick(b, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(b.width() // 2, b.height() // 2))

    def tap_and_wait(self, name: str, screen: str | None = None) -> None:
        before = self.window.shown
        self.tap(name)
        self.wait_until(lambda: self.window.shown != before, timeout=10000)
        if screen is not None:
            assert self.screen_name == screen, f"expected {screen}, got {self.screen_name}"
        self.on_screen(self.screen_name)

    def type(self, text: str) -> None:
        """Type on the current screen's visible on-screen keyboard, key by key."""
        boards = [k for k in self.screen.findChildren(Keyboard) if k.isVisibleTo(self.window)]
        board = boards[0]
        for ch in text:
            if ch == " ":
                self._click(board.space_key)
                continue
            if ch.isupper():
                # The keyboard capitalises sentence starts itself; shift otherwise.
                if not (board.shift or board._at_sentence_start()):
                    self._click(board.shift_key)
                ch = ch.lower()
            key = self._char_key(board, ch)
            self._click(key)

    def _char_key(self, board: Keyboard, ch: str):
        for page in (0, 1):
            if board.pages.widget(page) is None:
                self._click(board.page_key)  # the numbers page is made when first asked for
            for b in board.pages.widget(page).findChildren(QAbstractButton):
                if b.objectName() == f"char_{ch}":
                    if board.pages.currentIndex() != page:
                        self._click(board.page_key)
                    return b
        raise LookupError(f"no key for {ch!r}")

    def _click(self, b: QAbstractButton) -> None:
        QTest.mouseClick(b, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(b.width() // 2, b.height() // 2))

    def digits(self, digits: str) -> None:
        for d in digits:
            self.tap(f"key_{d}")

    def enter_name(self, name: str) -> None:
        self.type(name)
        self.tap("next")

    def enter_birth_date(self, born: date) -> None:
        self.digits(f"{born.year:04d}")
        self.tap(f"month_{born.month}")
        self.tap(f"day_{born.day}")

    # --- whole steps --------------------------------------------------------------------------
    def sign_up(self, name: str, born: date, pin: str) -> None:
        self.tap_and_wait("first_time", "first_time")
        self.tap("make_profile")
        self.enter_name(name)
        self.enter_birth_date(born)
        self.digits(pin)
        before = self.window.shown
        self.digits(pin)
        self.wait_until(lambda: self.window.shown != before, timeout=10000)
        self.on_screen(self.screen_name)

    def sign_in(self, name: str, born: date, pin: str) -> None:
        self.tap_and_wait("been_before", "sign_in")
        self.enter_name(name)
        self.enter_birth_date(born)
        before = self.window.shown
        self.digits(pin)
        self.wait_until(lambda: self.window.shown != before, timeout=10000)
        self.on_screen(self.screen_name)

    def guest(self) -> None:
        self.tap_and_wait("first_time", "first_time")
        self.tap_and_wait("guest")

    def answer(self, rng: random.Random, texts: list[str]) -> None:
        """Answer the question on screen with a seeded choice (sometimes skipping)."""
        screen = self.screen
        item = screen.item
        if item.type in ("info", "vignettes"):
            self.tap_and_wait("next")
            return
        if item.type == "text":
            if not texts or rng.random() < 0.2:
                self.tap_and_wait("skip")
                return
            self.type(texts.pop(0)[: item.max_length])
            self.on_screen("typed")
        elif item.type == "multi":
            options = [o for o in item.options if not o.exclusive]
            chosen = rng.sample(options, k=min(len(options), rng.randint(1, item.max or 2)))
            for o in chosen:
                self.tap(f"option_{o.value}")
        elif item.type == "yesno":
            self.tap(f"option_{rng.random() < 0.5}")
        else:
            safe = [o for o in item.options if o.flag != "safety"] or list(item.options)
            self.tap(f"option_{rng.choice(safe).value}")
        self.tap_and_wait("next")

    def walk_to_review(self, rng: random.Random, texts: list[str], limit: int = 400) -> None:
        """Answer screens until the review screen, passing every screen on the way."""
        for _ in range(limit):
            if self.screen_name == "review":
                return
            self.walk_step(rng, texts)
        raise AssertionError("the visit did not reach the review screen")

    def walk_step(self, rng: random.Random, texts: list[str]) -> None:
        """One step forward from the screen on show."""
        name = self.screen_name
        if name in ("intro", "safety"):
            self.tap_and_wait("next")
        elif name.startswith("item:"):
            self.answer(rng, texts)
        elif name == "stories":
            self.tap_and_wait("next")
        elif name == "resume":
            self.tap_and_wait("resume")
        else:
            raise AssertionError(f"unexpected screen {name}")
