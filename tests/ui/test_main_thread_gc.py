"""Cyclic garbage is collected from the event loop's timer, on the screen's thread, once
automatic collection is off: a cycle made anywhere is freed at the next tick."""

from __future__ import annotations

import gc
import weakref

from decisionaid.services.clock import FakeTime
from decisionaid.ui.common.main_thread_gc import CHECK_EVERY_S, collect_on_this_thread


class Node:
    pass


def test_a_cycle_is_freed_at_the_next_tick_and_not_before(qapp):
    from PySide6.QtCore import QObject

    was_enabled = gc.isenabled()
    owner = QObject()
    time = FakeTime()
    try:
        collect_on_this_thread(time, owner)
        assert not gc.isenabled()
        threshold = gc.get_threshold()[0]
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
        _ = [Node() for _ in range(threshold + 10)]  # past the threshold, as a busy kiosk is
        assert gone() is not None  # nothing collects by itself
        time.advance(CHECK_EVERY_S)
        assert gone() is None
    finally:
        if was_enabled:
            gc.enable()
