"""A small chart of the last minute's RX/TX rates, painted with QPainter (QtCharts is not
part of PySide6-Essentials)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.traffic.rate import HISTORY_POINTS, RatePoint
from ui.style import colors


class RateChart(QWidget):
    """Two lines, received (green) and sent (blue) bytes per second, newest at the right,
    scaled to the highest rate shown. Holds the points it was last given (at most
    ``HISTORY_POINTS``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[RatePoint] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def points(self) -> list[RatePoint]:
        """The points shown, oldest first."""
        return list(self._points)

    def set_points(self, points: Sequence[RatePoint]) -> None:
        self._points = list(points)[-HISTORY_POINTS:]
        self.update()

    def sizeHint(self) -> QSize:
        height = self.fontMetrics().height()
        return QSize(HISTORY_POINTS * 2 + 2, height + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(0, 0, -1, -1)
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawRect(rect)
        peak = max((max(p.rx, p.tx) for p in self._points), default=0.0)
        if peak <= 0:
            return
        step = (rect.width() - 2) / max(HISTORY_POINTS - 1, 1)
        # Newest at the right edge: a fresh page fills in from the right.
        x0 = rect.right() - 1 - step * (len(self._points) - 1)
        bottom, height = rect.bottom() - 1, rect.height() - 3
        # Taken at each paint, so a change between light and dark shows at once.
        pair = colors(self.palette())
        for color, values in ((pair.rate_rx, [p.rx for p in self._points]),
                              (pair.rate_tx, [p.tx for p in self._points])):
            line = QPolygonF([QPointF(x0 + i * step, bottom - v / peak * height)
                              for i, v in enumerate(values)])
            painter.setPen(QPen(QColor(color), 1.5))
            painter.drawPolyline(line)
