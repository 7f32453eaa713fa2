"""A finger drags the stories list and a story's words; opening them visit after visit keeps
nothing behind (each used to leave a gesture type and its Python enum class, for good)."""

from __future__ import annotations

import gc
import tracemalloc
from enum import EnumType

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea, QScroller

from decisionaid.ui.kiosk.stories_screen import StoriesScreen


def _library(content, qtbot) -> StoriesScreen:
    screen = StoriesScreen(content, "en", suggested_ids=("side-story",))
    qtbot.addWidget(screen)
    screen.resize(500, 120)  # shorter than its cards: the list scrolls
    return screen


def _gone(screen) -> None:
    screen.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_finger_drag_on_the_stories_list_drags_the_list(visit_content, qtbot):
    screen = _library(visit_content, qtbot)
    screen.show()
    qtbot.waitExposed(screen)
    viewport = screen.findChild(QScrollArea, "storiesScroll").viewport()
    scroller = QScroller.scroller(viewport)
    middle = viewport.rect().center()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    for step in range(1, 10):
        QTest.mouseMove(viewport, middle - QPoint(0, 15 * step))
    assert scroller.state() == QScroller.State.Dragging
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       middle - QPoint(0, 135))


def test_the_stories_library_opened_visit_after_visit_keeps_nothing_behind(visit_content, qtbot):
    def enum_classes() -> int:
        return sum(isinstance(o, EnumType) for o in gc.get_objects())

    for _ in range(5):  # the first ones set up what every later one shares
        _gone(_library(visit_content, qtbot))
    gc.collect()
    classes = enum_classes()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for _ in range(40):
            _gone(_library(visit_content, qtbot))
        gc.collect()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert enum_classes() == classes
    assert grown < 40 * 2048  # each opening used to keep some 2.6 KB more than it does now
