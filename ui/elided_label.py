"""A one-line label that never widens its window: long text is elided, whole in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: The width the label asks for by default, in average characters; it takes what the layout
#: gives, down to nothing.
HINT_CHARS = 24


class ElidedLabel(QLabel):
    """A QLabel whose shown text is cut with "…" to its width.

    :meth:`text` returns the whole text (what was set), the tooltip shows it whole, and the
    size hints do not depend on it, so typing long input never changes the window's size.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None,
                 hint_chars: int = HINT_CHARS) -> None:
        super().__init__(parent)
        self._full = ""
        self._hint_chars = hint_chars
        # Preferred: the constant hint when there is room, down to the zero minimum when not.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setWordWrap(False)
        self.setText(text)

    def text(self) -> str:  # type: ignore[override]
        """The whole text, not the elided one shown."""
        return self._full

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._full = text
        self.setToolTip(text)
        self._show_elided()

    def _show_elided(self) -> None:
        width = max(self.contentsRect().width(), 0)
        # Only the first line: a multi-line text would grow the label's height.
        first, _, rest = self._full.partition("\n")
        shown = self.fontMetrics().elidedText(first + ("…" if rest else ""),
                                              Qt.TextElideMode.ElideRight, width)
        super().setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_elided()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * self._hint_chars, metrics.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height())
