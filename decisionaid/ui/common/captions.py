"""Captions drawn over the video: large light text on a dark backing, near the bottom.

``CaptionOverlay`` is a graphics item that sits above the video item in the same scene, so it
paints on top of the picture on every platform. ``CaptionTrack`` holds a vignette's cues and says
which text shows at a given second.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from decisionaid.content.captions import CaptionError, Cue, cue_at, parse_webvtt

log = logging.getLogger(__name__)

# Caption text height as a share of the video's height, and its smallest size: readable from an
# arm's length on a kiosk by someone with low vision.
_TEXT_SHARE = 0.065
_MIN_TEXT_PX = 22
_MAX_WIDTH_SHARE = 0.9
_BACKING = QColor(0, 0, 0, 215)
_TEXT = QColor("#ffffff")


class CaptionTrack:
    """The cues of one captions file. A file that cannot be read gives no captions (logged)."""

    def __init__(self, cues: list[Cue] | None = None):
        self.cues = cues or []

    @classmethod
    def from_file(cls, path: str | Path | None) -> CaptionTrack:
        if not path:
            return cls()
        try:
            return cls(parse_webvtt(Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, CaptionError) as e:
            log.warning("captions not shown: %s: %s", path, e)
            return cls()

    def text_at(self, seconds: float) -> str:
        cue = cue_at(self.cues, seconds)
        return cue.text if cue else ""


class CaptionOverlay(QGraphicsItem):
    """One caption, centred near the bottom of ``area``; nothing is drawn when there is no text."""

    def __init__(self, family: str = "DejaVu Sans"):
        super().__init__()
        self._area = QRectF(0, 0, 640, 360)
        self._text = ""
        self._font = QFont(family)
        self._font.setBold(True)
        self.setZValue(10)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update()

    def set_area(self, area: QRectF) -> None:
        self.prepareGeometryChange()
        self._area = QRectF(area)
        self.update()

    def text_px(self) -> int:
        """The caption's letter height in pixels (before shrinking a long caption to fit)."""
        return max(_MIN_TEXT_PX, round(self._area.height() * _TEXT_SHARE))

    def _layout(self) -> tuple[QFont, float, QRectF, QRectF]:
        """The font, padding, backing box and text box for the current text and area.

        The cue's own line breaks were made for some other width, so the text is re-wrapped to
        this one; a caption that would take more than three lines is drawn smaller.
        """
        text = " ".join(self._text.split())
        font = QFont(self._font)
        size = self.text_px()
        flags = int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)
        while True:
            font.setPixelSize(size)
            metrics = QFontMetricsF(font)
            pad = size * 0.45
            width = self._area.width() * _MAX_WIDTH_SHARE - 2 * pad
            used = metrics.boundingRect(QRectF(0, 0, width, 10_000), flags, text)
            if used.height() <= metrics.lineSpacing() * 3.2 or size <= _MIN_TEXT_PX:
                break
            size = max(_MIN_TEXT_PX, size - 2)
        text_box = QRectF(0, 0, width, used.height())
        box = QRectF(0, 0, used.width() + 2 * pad, used.height() + 1.2 * pad)
        box.moveCenter(self._area.center())
        box.moveBottom(self._area.bottom() - self._area.height() * 0.04)
        text_box.moveCenter(box.center())
        return font, pad, box, text_box

    def boundingRect(self) -> QRectF:
        return self._area

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._text:
            return
        font, pad, box, text_box = self._layout()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_BACKING)
        painter.drawRoundedRect(box, pad * 0.6, pad * 0.6)
        painter.setFont(font)
        painter.setPen(_TEXT)
        flags = int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)
        painter.drawText(text_box, flags, " ".join(self._text.split()))
