"""The Qt bindings the project installs keep Python's None, True and False counted right.

PySide6 6.12 built for CPython 3.12+ drops a reference to None on every call of a Qt method that
returns nothing, and to True/False on some emits; on CPython 3.11 the count runs out within a
few visits and the interpreter aborts ("deallocating None"). pyproject keeps PySide6 below 6.12
on Python 3.11; these tests fail if a release with the leak is ever installed there.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None, True and False are immortal on Python 3.12+: their counts cannot run out",
)


def test_a_kiosk_day_of_qt_calls_leaves_none_counted_right(qtbot):
    """20,000 calls of a Qt method returning nothing (a few hours of a kiosk) leave None's count
    where it was."""
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.update()
    assert sys.getrefcount(None) - before < 100


class _Reporter(QObject):
    playing = Signal(bool)


def test_emitting_truth_values_leaves_true_and_false_counted_right(qtbot):
    """A video's worth of playing/paused signals leaves True's and False's counts unchanged."""
    reporter = _Reporter()
    seen = [0]

    def count(_playing: bool) -> None:
        seen[0] += 1

    reporter.playing.connect(count)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(20_000):
        reporter.playing.emit(i % 2 == 0)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert seen[0] == 20_000
    assert abs(after[0] - before[0]) < 100 and abs(after[1] - before[1]) < 100
