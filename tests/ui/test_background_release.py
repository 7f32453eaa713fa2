"""Work done off the UI thread for a screen lets the screen go once it is destroyed.

The print screen renders its page and picture in the pool; when a job ended before the call
that started it had returned (which a busy machine makes common), the old QRunnable's Python
object was kept by the pool for good, and the screen, its PDF and its picture with it: a kiosk
grew by about 2 MB a visit while other work kept the cores busy.
"""

from __future__ import annotations

import gc
import sys
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from decisionaid.ui.common.operations import run_in_background, wait_for_background


class Screen(QObject):
    """Stands for a screen: it holds its page, as the print screen does."""

    def __init__(self):
        super().__init__()
        self.page = bytes(10_000)
        self.results: list[object] = []

    def done(self, result) -> None:
        self.results.append(result)

    def failed(self, error) -> None:
        self.results.append(error)


def test_screens_destroyed_after_their_background_work_are_all_given_back(qapp):
    # Switching threads as often as possible makes "the job ended before start() returned"
    # happen many times in a few hundred jobs, as a starved machine does.
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    kept: list[weakref.ref] = []
    delivered = 0
    try:
        for n in range(500):
            screen = Screen()
            kept.append(weakref.ref(screen))
            run_in_background(lambda n=n: n, screen.done, screen.failed, screen)
            run_in_background(lambda: 1 / 0, screen.done, screen.failed, screen)
            assert wait_for_background(10_000)
            QCoreApplication.sendPostedEvents()  # the results reach the screen
            delivered += len(screen.results)
            screen.deleteLater()
            del screen
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        sys.setswitchinterval(switch)
    gc.collect()
    assert delivered == 2 * 500  # every result and every failure still arrives
    alive = sum(ref() is not None for ref in kept)
    assert alive == 0, f"{alive} of {len(kept)} destroyed screens are still held in memory"
