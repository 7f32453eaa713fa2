"""Does a window's content fit it? The check behind ``decisionaid demo`` and the screen-size
tests: every control a person may need lies inside the window (or inside a scrolling area
that can bring it into view), and no text is cut off.

A finding names the widget (its object name, else its class and first words) and what is
wrong, in a line a person can act on.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit)
SLACK = 1  # rounding in layouts


def describe(widget: QWidget) -> str:
    if widget.objectName():
        return widget.objectName()
    words = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        words = " ".join(widget.text().split())[:40]
    return f"{type(widget).__name__} '{words}'" if words else type(widget).__name__


def _scroller(widget: QWidget, top: QWidget) -> QScrollArea | None:
    """The nearest scroll area ``widget`` scrolls inside of, below ``top``."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return grand if isinstance(grand, QScrollArea) else None
        parent = grand
    return None


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def _label_clipped(widget: QLabel) -> str:
    text = widget.text()
    if not text or (widget.pixmap() is not None and not widget.pixmap().isNull()):
        return ""
    room = widget.contentsRect()
    margin = widget.margin() * 2 + widget.indent() if widget.indent() > 0 else widget.margin() * 2
    width = room.width() - margin
    if widget.wordWrap():
        need = widget.heightForWidth(widget.width())
        if need > widget.height() + SLACK:
            return f"is cut off at the bottom (needs {need} px of height, has {widget.height()})"
        # A single word wider than the label is cut at the side, whatever the height.
        metrics = widget.fontMetrics()
        bold = QFont(widget.font())
        bold.setBold(True)
        wide = QFontMetrics(bold) if "<b>" in text else metrics
        for word in _plain(text).split():
            if wide.horizontalAdvance(word) > width + SLACK:
                return f"cuts the word '{word}' (needs {wide.horizontalAdvance(word)} px, has {width})"
        return ""
    hint = widget.sizeHint()
    if hint.width() > widget.width() + SLACK or hint.height() > widget.height() + SLACK:
        return (f"is cut off (needs {hint.width()}x{hint.height()} px, "
                f"has {widget.width()}x{widget.height()})")
    return ""


def _plain(text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", text).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def _button_clipped(widget: QAbstractButton) -> str:
    if not widget.text():
        return ""
    hint = widget.sizeHint()
    if hint.width() > widget.width() + SLACK:
        return f"is too narrow for its words (needs {hint.width()} px, has {widget.width()})"
    if hint.height() > widget.height() + SLACK:
        return f"is too short for its words (needs {hint.height()} px, has {widget.height()})"
    return ""


def _widgets_under(top: QWidget) -> list[QWidget]:
    """Every widget under ``top``, as ``top.findChildren(QWidget)`` but walked a parent at a
    time: PySide ties what findChildren returns to ``top``, so the wrapper of each widget Qt made
    itself (a scroll area's bars and viewport) stayed with a long-lived window after the widget
    was gone, some ninety a visit; tied to its own parent, it goes with it."""
    found: list[QWidget] = []

    def visit(parent) -> None:  # in findChildren's order: each child, then what is under it
        for child in parent.children():
            if isinstance(child, QWidget):
                found.append(child)
            visit(child)

    visit(top)
    return found


def problems(top: QWidget) -> list[str]:
    """What does not fit in ``top`` as shown now, one line each."""
    found: list[str] = []
    window = top.rect()
    for widget in _widgets_under(top):
        if not widget.isVisibleTo(top) or not isinstance(widget, (QLabel, *CONTROLS)):
            continue
        if widget.width() <= 0 or widget.height() <= 0:
            continue
        where = _rect_in(widget, top)
        area = _scroller(widget, top)
        if area is None:
            if not window.contains(where):
                found.append(f"{describe(widget)} lies outside the window "
                             f"(at {where.x()},{where.y()} {where.width()}x{where.height()} "
                             f"in {window.width()}x{window.height()})")
                continue
        else:
            # Up and down, a scrolling area brings it into view; across, nothing does.
            view = _rect_in(area.viewport(), top)
            if where.left() < view.left() - SLACK or where.right() > view.right() + SLACK:
                found.append(f"{describe(widget)} is wider than its scrolling area "
                             f"({where.width()} px in {view.width()})")
                continue
        if isinstance(widget, QLabel):
            if isinstance(widget.parentWidget(), QAbstractButton) and not widget.wordWrap():
                continue
            why = _label_clipped(widget)
        elif isinstance(widget, QAbstractButton):
            why = _button_clipped(widget)
        else:
            why = ""
        if why:
            found.append(f"{describe(widget)} {why}")
    layout = top.layout()
    if layout is not None:
        need = layout.totalMinimumSize()
        if need.width() > top.width() + SLACK or need.height() > top.height() + SLACK:
            found.append(f"the window needs {need.width()}x{need.height()} px, "
                         f"has {top.width()}x{top.height()}")
    return found
