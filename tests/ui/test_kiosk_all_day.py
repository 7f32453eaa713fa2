"""The kiosk runs all day: visit after visit, it does not pile up screens."""

from __future__ import annotations

import random

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from decisionaid.ui.testing import wait_for


def live_widgets() -> int:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return len(QApplication.allWidgets())


def test_the_count_of_live_widgets_does_not_grow_visit_after_visit(kiosk, drive, qtbot):
    """Five whole visits, each back to the welcome screen: as many widgets live after the last
    as after the first."""
    d = drive(kiosk)
    rng = random.Random(3)
    counts = []
    for _ in range(5):
        d.guest()
        d.walk_to_review(rng, ["A few words."])
        d.tap_and_wait("next", "print")
        wait_for(qtbot, lambda: kiosk.screen.pdf is not None)
        d.tap_and_wait("finish", "done")
        d.tap_and_wait("clear_now", "welcome")
        counts.append(live_widgets())
    assert counts[-1] <= counts[0], counts
