"""Two small charts drawn with QPainter: a line over visits (a trend item) and grouped bars
per month (statistics). No chart library: they only need to be read at a glance."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#1f5fa8", "#2e7d32", "#e08a00", "#6a1b9a", "#00838f")


class LineChart(QWidget):
    """Values (low..high) across visits, oldest left; the axis labels the extremes."""

    def __init__(self, title: str, low: int, high: int, labels: dict[int, str],
                 points: list[tuple[str, int]], parent: QWidget | None = None):
        super().__init__(parent)
        self.title, self.low, self.high = title, low, max(high, low + 1)
        self.labels, self.points = labels, points
        self.setMinimumSize(280, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(360, 160)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(6, 2, self.width() - 12, 18), Qt.AlignmentFlag.AlignLeft, self.title)
        p.setFont(self.font())
        left, top, right, bottom = 130, 26, self.width() - 40, self.height() - 24
        p.setPen(QPen(QColor("#bbb")))
        for value in (self.low, self.high):
            y = self._y(value, top, bottom)
            p.drawLine(QPointF(left, y), QPointF(right, y))
            p.setPen(QColor("#555"))
            p.drawText(QRectF(4, y - 9, left - 8, 18), Qt.AlignmentFlag.AlignRight,
                       self.labels.get(value, str(value)))
            p.setPen(QPen(QColor("#bbb")))
        n = len(self.points)
        xs = [left + (right - left) * (i / (n - 1) if n > 1 else 0.5) for i in range(n)]
        pen = QPen(QColor(PALETTE[0]), 2.5)
        p.setPen(pen)
        for i in range(1, n):
            p.drawLine(QPointF(xs[i - 1], self._y(self.points[i - 1][1], top, bottom)),
                       QPointF(xs[i], self._y(self.points[i][1], top, bottom)))
        p.setBrush(QColor(PALETTE[0]))
        for i, (label, value) in enumerate(self.points):
            y = self._y(value, top, bottom)
            p.drawEllipse(QPointF(xs[i], y), 4, 4)
            if n <= 8 or i in (0, n - 1):
                p.setPen(QColor("#555"))
                p.drawText(QRectF(xs[i] - 40, bottom + 4, 80, 16), Qt.AlignmentFlag.AlignHCenter, label)
                p.setPen(pen)
        p.end()

    def _y(self, value: float, top: float, bottom: float) -> float:
        return bottom - (value - self.low) / (self.high - self.low) * (bottom - top)


class BarChart(QWidget):
    """Groups of bars, one group per label (a month), one colour per series."""

    def __init__(self, empty: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.empty = empty  # what an empty chart says, in the station's language
        self.labels: list[str] = []
        self.series: list[tuple[str, list[float]]] = []
        self.drawn_labels: list[str] = []  # the month names the last paint wrote under the bars
        self.setMinimumHeight(220)

    def set_data(self, labels: list[str], series: list[tuple[str, list[float]]]) -> None:
        self.labels, self.series = labels, series
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        if not self.labels or not self.series:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty)
            p.end()
            return
        left, top, right, bottom = 40, 30, self.width() - 10, self.height() - 24
        peak = max((v for _, values in self.series for v in values), default=1) or 1
        x = 8.0
        for i, (name, _) in enumerate(self.series):  # the legend
            p.fillRect(QRectF(x, 8, 12, 12), QColor(PALETTE[i % len(PALETTE)]))
            p.setPen(QColor("#333"))
            p.drawText(QRectF(x + 16, 4, 120, 20), Qt.AlignmentFlag.AlignLeft, name)
            x += 24 + p.fontMetrics().horizontalAdvance(name)
        p.setPen(QColor("#999"))
        p.drawLine(QPointF(left, bottom), QPointF(right, bottom))
        p.drawText(QRectF(0, top - 8, left - 4, 16), Qt.AlignmentFlag.AlignRight, f"{peak:g}")
        group = (right - left) / len(self.labels)
        bar = min(40.0, max(2.0, group * 0.8 / len(self.series)))  # a few months: not slabs
        # Every month named in full, as in the table; where they would overlap, every n-th.
        widest = max(p.fontMetrics().horizontalAdvance(label) for label in self.labels) + 8
        every = max(1, math.ceil(widest / group))
        for g, label in enumerate(self.labels):
            gx = left + (g + 0.5) * group - bar * len(self.series) / 2
            for s, (_, values) in enumerate(self.series):
                h = (values[g] / peak) * (bottom - top)
                p.fillRect(QRectF(gx + s * bar, bottom - h, bar - 1, h),
                           QColor(PALETTE[s % len(PALETTE)]))
            if g % every:
                continue
            p.setPen(QColor("#333"))
            centre = left + (g + 0.5) * group
            p.drawText(QRectF(centre - widest / 2, bottom + 4, widest, 18),
                       Qt.AlignmentFlag.AlignHCenter, label)
        self.drawn_labels = [label for g, label in enumerate(self.labels) if g % every == 0]
        p.end()
