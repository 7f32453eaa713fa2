"""A finger drags a list or a text up and down, as on a phone (Qt's ``QScroller``).

``QScroller.grabGesture`` registers a new gesture recognizer under a new gesture type at every
call, and PySide6 makes a Python enum class for each new type it is handed back: neither is
ever freed, some 2.6 KB for every screen that scrolls, visit after visit. Here the flick
recognizer is registered once per process, on an object that lives as long as it, and each
scroll area's viewport grabs that same gesture (its own scroller, made first, takes the drags).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QScroller, QWidget

_flick: list = []  # [the object holding the recognizer, its gesture type]


def _flick_gesture():
    if not _flick or not shiboken6.isValid(_flick[0]):
        # Kept here, with no parent, to the end of the process: as a child of the application
        # it went in the application's teardown, unregistering the recognizer under the
        # gesture manager's feet (a heap error at exit).
        holder = QObject()
        holder.setObjectName("flickGestureHolder")
        kind = QScroller.grabGesture(holder, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        _flick[:] = [holder, kind]
    return _flick[1]


def drag_to_scroll(viewport: QWidget) -> None:
    """Let a finger (or a held mouse button) drag ``viewport``'s content, with a flick at the end."""
    kind = _flick_gesture()
    QScroller.scroller(viewport)  # before its first gesture, which then reaches this scroller
    viewport.grabGesture(kind)
