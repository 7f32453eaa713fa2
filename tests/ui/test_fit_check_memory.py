"""Checking what fits, screen after screen, keeps nothing of the screens that are gone.

``problems(window)`` runs on every screen of the demo and its benchmark. It used
``window.findChildren``, which PySide ties to the window: the wrapper of every widget Qt made
itself (a scroll area's bars and viewport) stayed with the window after its screen was gone,
some ninety a visit, for as long as the window lived.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from decisionaid.ui.common.fit import problems


class Screen(QWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        area = QScrollArea()
        area.setWidget(QLabel("Words that scroll"))
        QVBoxLayout(self).addWidget(area)


def dead_wrappers() -> int:
    gc.collect()
    return sum(isinstance(o, shiboken6.Shiboken.Object) and not shiboken6.isValid(o)
               for o in gc.get_objects())


def test_checking_screens_that_come_and_go_leaves_no_dead_widgets_behind(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    before = dead_wrappers()
    for _ in range(50):
        screen = Screen(window)
        screen.resize(800, 600)
        screen.show()
        assert problems(window) == []
        screen.deleteLater()
        del screen
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert dead_wrappers() - before == 0


def test_the_check_still_finds_a_widget_deep_inside(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)
    screen = Screen(window)
    screen.resize(300, 200)
    tiny = QLabel("Far too many words for so small a label to hold", screen)
    tiny.setGeometry(0, 0, 20, 10)
    window.show()
    assert any("too" in line for line in problems(window)), problems(window)
