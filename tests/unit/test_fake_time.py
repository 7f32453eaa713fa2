"""Time that moves only when told (tests and the demo): a timer whose owner is gone never fires,
and is let go, with what it would have run, even while time stands still."""

from __future__ import annotations

import gc
import weakref

from decisionaid.services.clock import FakeTime


class Signal:
    def __init__(self):
        self.slots = []

    def connect(self, slot) -> None:
        self.slots.append(slot)

    def emit(self) -> None:
        for slot in self.slots:
            slot()


class Screen:
    """Stands for a Qt widget: it says when it is destroyed."""

    def __init__(self):
        self.destroyed = Signal()


def test_a_timer_of_a_destroyed_screen_never_fires_and_lets_the_screen_go():
    time_ = FakeTime()
    fired = []
    screens = [Screen() for _ in range(50)]
    gone = [weakref.ref(s) for s in screens]
    for s in screens:
        time_.timer(5, lambda s=s: fired.append(s), s).start()
    for s in screens:
        s.destroyed.emit()
    del screens, s
    time_.timer(1, lambda: None, None)  # the demo never moves its time on; timers are still made
    gc.collect()
    assert all(ref() is None for ref in gone)
    time_.advance(10)
    assert fired == []


def test_a_timer_of_a_screen_still_there_fires():
    time_ = FakeTime()
    fired = []
    screen = Screen()
    time_.timer(5, lambda: fired.append(screen), screen).start()
    time_.timer(1, lambda: None, None)
    time_.advance(5)
    assert fired == [screen]
