"""Test doubles for the user interface, in one place: they stand in for the real thing in the
tests, the demo and the benchmarks, and are never used by a running kiosk or peer station.

- ``KioskDriver`` presses a kiosk window's buttons and keys the way a person would.
- ``FakeMediaPlayer`` plays nothing; the test moves its position, ends it or fails it.
- ``RecordingPrinter`` prints nothing and keeps the PDFs it was sent.
- ``RecordingSpeaker`` reads nothing aloud and keeps what it was asked to read.
- ``wait_for`` is the tests' one way to wait: on a signal, or on a state that stays true.
- ``TimeFliesWhenWaiting`` is time for a wait in a local event loop (the demo's, the doctor's):
  whatever it waits for, its timer is over at the loop's next turn.

``KioskDriver`` is handed ``wait_until(condition)``: ``wait_for`` in tests, an event-loop wait
in the demo. Nothing here writes to the database.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QGraphicsItem, QGraphicsRectItem, QWidget

from decisionaid.ui.common.keyboard import Keyboard

WaitUntil = Callable[..., None]

# How long a wait may take before the test fails. Generous on purpose: a wait ends as soon as
# what it waits for is there, so a slow or busy machine makes a test slower, never red.
WAIT_CEILING_S = 60


def wait_for(qtbot, what, *, ceiling_s: float = WAIT_CEILING_S):
    """Wait, running the event loop, for ``what``:

    - a condition (a function): until it is true. Wait on a fact that lasts once it is there
      (a screen shown, a count reached, a row stored), never on a passing state a timer could
      end before the wait sees it; the timers tests use only move when the test moves them.
    - a signal: use as ``with wait_for(qtbot, window.session_started): ...`` around what makes
      it come (pytest-qt's blocker; ``.args`` holds what it carried).

    Either fails the test after ``ceiling_s``; nothing ever waits for a time to pass.
    """
    ms = int(ceiling_s * 1000)
    if hasattr(what, "connect") and hasattr(what, "emit"):
        return qtbot.waitSignal(what, timeout=ms)
    qtbot.waitUntil(what, timeout=ms)
    return None


def next_poll(qtbot, fake_time, *panels, every_s: float) -> None:
    """Let ``panels`` (the station's polled panels) read once more on ``fake_time``: wait for a
    read still out, move time on by their polling interval, and wait for the new read."""
    for panel in panels:
        wait_for(qtbot, lambda p=panel: not p.reading)
    before = [panel.reads for panel in panels]
    fake_time.advance(every_s)
    for panel, reads in zip(panels, before, strict=True):
        wait_for(qtbot, lambda p=panel, n=reads: p.reads > n and not p.reading)


class _FlyingTimer:
    def __init__(self, time: TimeFliesWhenWaiting, seconds: float, action: Callable[[], None],
                 owner: QObject):
        self._time, self._seconds, self._action, self._owner = time, seconds, action, owner

    def start(self, seconds: float | None = None) -> None:
        self._time.now += self._seconds if seconds is None else seconds
        QTimer.singleShot(0, self._owner, self._action)  # at the next turn, whatever the time

    def stop(self) -> None:
        pass

    def is_active(self) -> bool:
        return False


class TimeFliesWhenWaiting:
    """``Timers`` for code that waits in a local event loop, where ``FakeTime`` could never
    move: each timer started falls due at the loop's next turn, and the clock moves on by its
    seconds then, so a long wait is over at once and ``monotonic()`` says how long it was."""

    def __init__(self):
        self.now = 0.0

    def timer(self, seconds: float, action: Callable[[], None], owner: QObject, *,
              repeat: bool = False) -> _FlyingTimer:
        return _FlyingTimer(self, seconds, action, owner)

    def monotonic(self) -> float:
        return self.now


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
        bar = self.window.top_bar
        menu = bar.language_menu if bar.language_menu is not None and shiboken6.isValid(bar.language_menu) else None
        card = getattr(getattr(self.window, "help", None), "card", None)
        roots = [w for w in (self.window.overlay, menu, card, self.window.screen, bar) if w is not None]
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
        if name.startswith("lang_") and not self.has(name):
            self.tap("language")  # the top bar's one language button opens the list
        b = self.find(name)
        if not b.isEnabled():
            raise AssertionError(f"{name!r} is greyed out on the {self.screen_name} screen")
        self._click(b)

    def tap_and_wait(self, name: str, screen: str | None = None) -> None:
        before = self.window.shown
        self.tap(name)
        self.wait_until(lambda: self.window.shown != before)
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
                if not (board.shift or board.at_sentence_start()):
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
        self.wait_until(lambda: self.window.shown != before)
        self.on_screen(self.screen_name)

    def sign_in(self, name: str, born: date, pin: str) -> None:
        self.tap_and_wait("been_before", "sign_in")
        self.enter_name(name)
        self.enter_birth_date(born)
        before = self.window.shown
        self.digits(pin)
        self.wait_until(lambda: self.window.shown != before)
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

    def answer_as(self, answers: Mapping[tuple[str, str], object]) -> None:
        """Answer the question on screen as ``answers`` (by (questionnaire, item)) say, by
        tapping its options or typing on its keyboard; skip it if they have no answer."""
        screen = self.screen
        item = screen.item
        if item.type in ("info", "vignettes"):
            self.tap_and_wait("next")
            return
        ref = self.window.visit.current.ref
        value = answers.get((ref.questionnaire, ref.item))
        if value is None:
            self.tap_and_wait("skip")
            return
        widget = screen.answer
        if item.type == "text":
            if widget.value() != value:
                while widget.box.toPlainText():  # an earlier answer, carried forward
                    self._click(widget.keyboard.delete_key)
                self.type(str(value)[: item.max_length])
                self.on_screen("typed")
        elif item.type == "multi":
            wanted = value if isinstance(value, list) else [value]
            for option_value, b in widget.buttons:
                if b.isChecked() != (option_value in wanted):
                    self.tap(f"option_{option_value}")
        elif widget.value() != value:
            self.tap(f"option_{value}")
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


class FakeMediaPlayer(QObject):
    """A player that plays nothing: tests move its position, end it or fail it on command.

    ``fail_on_load`` makes the next ``load`` fail, as a missing codec or backend would.
    """

    started = Signal()
    playing_changed = Signal(bool)
    position_changed = Signal(float)
    frame_shown = Signal()
    finished = Signal()
    failed = Signal(str)

    def __init__(self, duration: float = 60.0, parent: QObject | None = None):
        super().__init__(parent)
        self._duration = duration
        self._position = 0.0
        self._playing = False
        self._volume = 1.0
        self._failed = False
        self.fail_on_load: str | None = None
        self.loaded: str | None = None
        self._item: QGraphicsRectItem | None = None

    @property
    def video_item(self) -> QGraphicsItem:
        if self._item is None or not shiboken6.isValid(self._item):
            self._item = QGraphicsRectItem(0, 0, 16, 9)
            self._item.setBrush(QBrush(QColor("#33404d")))
            self._item.setPen(QColor("#33404d"))
        return self._item

    def set_video_size(self, width: float, height: float) -> None:
        self.video_item.setRect(0, 0, width, height)

    def load(self, path: str | Path) -> None:
        self.loaded = str(path)
        self._position = 0.0
        self._set_playing(False)
        self._failed = False
        if self.fail_on_load:
            self.fail(self.fail_on_load)

    def play(self) -> None:
        if self._failed or self._playing:
            return
        if self._position >= self._duration:
            self._position = 0.0
        self._set_playing(True)
        self.started.emit()
        self.frame_shown.emit()

    def pause(self) -> None:
        self._set_playing(False)

    def stop(self) -> None:
        self._set_playing(False)
        self._position = 0.0

    def seek(self, seconds: float) -> None:
        self._position = max(0.0, min(seconds, self._duration))
        self.position_changed.emit(self._position)

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def position(self) -> float:
        return self._position

    @property
    def duration(self) -> float:
        return self._duration

    @property
    def is_playing(self) -> bool:
        return self._playing

    # --- driven by the test ------------------------------------------------------------------------
    def play_to(self, seconds: float, step: float = 0.25) -> None:
        """Advance while playing, in small steps as a real player reports them."""
        target = min(seconds, self._duration)
        while self._playing and self._position < target - 1e-9:
            self._position = min(target, self._position + step)
            self.position_changed.emit(self._position)
        if self._playing and self._position >= self._duration:
            self._set_playing(False)
            self.finished.emit()

    def play_to_end(self) -> None:
        self.play_to(self._duration)

    def fail(self, reason: str = "test failure") -> None:
        self._failed = True
        self._set_playing(False)
        self.failed.emit(reason)

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)


class RecordingPrinter:
    """Prints nothing; keeps the PDFs it was sent (all, or the last ``keep``) and counts them
    (tests and the demo)."""

    def __init__(self, fail: bool = False, keep: int | None = None):
        self.fail = fail
        self.keep = keep
        self.count = 0
        self.jobs: list[tuple[bytes, str]] = []

    def print_pdf(self, pdf: bytes, title: str) -> None:
        if self.fail:
            raise OSError("printer out of paper")
        self.count += 1
        self.jobs.append((pdf, title))
        if self.keep is not None:
            del self.jobs[: -self.keep or None]


class RecordingSpeaker(QObject):
    """A speaker that reads nothing and remembers what it was asked to read (tests, demo)."""

    speaking_changed = Signal(bool)

    def __init__(self, available: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self.available = available
        self.said: list[tuple[str, str]] = []

    def say(self, text: str, language: str) -> bool:
        if not self.available:
            return False
        self.said.append((text, language))
        return True

    def stop(self) -> None:
        pass
