"""What each screen of a demo run looked like, written beside the pictures as ``screens.json``:
the screen's name and language, the window's geometry and the geometry of every control on
show, so a test (or a person) can check a run without looking at the pictures.

It also says what was wrong: a window that is not the screen's size (the kiosk is the screen;
a window that grew or shrank with its content hides the navigation row or leaves a strip), and
a control outside the window where nothing can scroll it into view.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QProgressBar, QWidget

from decisionaid.ui.common.fit import describe

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QProgressBar)


def _rect(rect: QRect) -> dict[str, int]:
    return {"x": rect.x(), "y": rect.y(), "width": rect.width(), "height": rect.height()}


def _scrolls(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` sits in a scrolling area (which can bring it into view)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def _roots(window) -> list[QWidget]:
    """What a person can see: the warning, the language list, the help card, the screen, the bar."""
    import shiboken6

    bar = window.top_bar
    help_card = getattr(getattr(window, "help", None), "card", None)
    found = [window.overlay, bar.language_menu, help_card, window.screen, bar]
    return [w for w in found if w is not None and shiboken6.isValid(w) and w.isVisibleTo(window)]


class ScreenLog:
    """Takes each screen as the demo reaches it (``take``) and writes them all (``write``)."""

    def __init__(self, size: tuple[int, int]):
        self.size = size
        self.screens: list[dict] = []
        self.skipped: list[dict] = []  # steps the content could not offer, and why

    def take(self, window, name: str) -> list[str]:
        """Record the screen on show; returns what is wrong with it (one line each)."""
        wrong: list[str] = []
        frame = window.geometry()
        width, height = self.size
        if (frame.width(), frame.height()) != (width, height):
            wrong.append(f"the window is {frame.width()}x{frame.height()}, not the screen's {width}x{height}")
        glass = window.windowHandle().screen() if window.windowHandle() is not None else None
        # On a real display the screen itself must be the size asked for, and hold the window.
        real = glass is not None and QGuiApplication.platformName() != "offscreen"
        if real and glass.geometry() != frame:
            wrong.append(f"the window at {frame.x()},{frame.y()} {frame.width()}x{frame.height()} "
                             f"is not inside the screen ({glass.geometry().width()}x{glass.geometry().height()})")
        inside = window.rect()
        controls = []
        for root in _roots(window):
            for widget in [root, *root.findChildren(QWidget)]:
                if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(window):
                    continue
                where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
                scrolls = _scrolls(widget, window)
                on_screen = inside.contains(where)
                if not on_screen and not scrolls:
                    wrong.append(f"{describe(widget)} is off the window "
                                 f"(at {where.x()},{where.y()} {where.width()}x{where.height()})")
                words = widget.accessibleName() or (widget.text() if hasattr(widget, "text") else "")
                controls.append({"name": widget.objectName() or describe(widget), "words": words,
                                 **_rect(where), "on_screen": on_screen, "scrolls": scrolls})
        self.screens.append({"name": name, "language": window.language, "window": _rect(frame),
                             "controls": controls, "problems": wrong})
        return wrong

    def skip(self, step: str, why: str) -> None:
        self.skipped.append({"step": step, "why": why})

    def write(self, path: Path) -> Path:
        width, height = self.size
        every = all(s["window"]["width"] == width and s["window"]["height"] == height for s in self.screens)
        document = {"screen": {"width": width, "height": height}, "every_window_is_the_screen": every,
                    "screens": self.screens, "skipped": self.skipped}
        path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return path
