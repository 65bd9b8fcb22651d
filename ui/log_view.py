"""The traffic log widget: renders a session's log store, batched and capped."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.log_render import LogRenderer, RenderOptions
from app.log_store import LogEntry, LogStore

#: At most this many repaints a second under a flood (DESIGN §2: ~30).
FRAME_MS = 33
#: Entries rendered from one batch at most; older ones are skipped (the store keeps them).
DEFAULT_VIEW_ENTRIES = 5000
#: Lines the view keeps; Qt drops the oldest beyond this (the store and recording keep them).
DEFAULT_VIEW_LINES = 20000


class LogView(QPlainTextEdit):
    """Read-only view of a :class:`LogStore`, updated at most ~30 times a second.

    New entries are rendered in one insertion per frame. When more arrived in one frame than
    the view keeps, only the tail is rendered: text the cap would discard is never built.
    """

    #: Emitted after each repaint with the number of entries now out of view.
    rendered = Signal()

    def __init__(self, store: LogStore, peer_label, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logView")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self._store = store
        self._options = RenderOptions()
        self._renderer = LogRenderer(self._options, peer_label)
        self._view_entries = DEFAULT_VIEW_ENTRIES
        self.setMaximumBlockCount(DEFAULT_VIEW_LINES)
        self._last_seq = 0
        self._shown = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._render_new)

    # -- options ---------------------------------------------------------------------------
    @property
    def options(self) -> RenderOptions:
        return self._options

    def set_options(self, options: RenderOptions) -> None:
        """Change how entries are shown and re-render what the store holds."""
        if options == self._options:
            return
        self._options = options
        self._renderer.set_options(options)
        self.rerender()

    def set_store(self, store: LogStore) -> None:
        self._store = store
        self.rerender()

    # -- rendering -------------------------------------------------------------------------
    @Slot()
    def schedule(self) -> None:
        """New entries are in the store: render them within a frame."""
        if not self._timer.isActive():
            self._timer.start()

    def rerender(self) -> None:
        """Throw away the rendered text and render the store's tail again."""
        self._timer.stop()
        self._renderer.reset()
        self.clear()
        self._last_seq = 0
        self._shown = 0
        self._render_new()

    @Slot()
    def _render_new(self) -> None:
        new = self._store.entries_since(self._last_seq)
        if not new:
            return
        self._last_seq = new[-1].seq
        keep = self._view_entries
        if len(new) > keep:
            self._renderer.skip(new[:-keep])
            new = new[-keep:]
        self._append_entries(new)

    def _append_entries(self, entries: list[LogEntry]) -> None:
        text = self._renderer.render(entries)
        bar = self.verticalScrollBar()
        follow = bar.value() >= bar.maximum() - 4
        self.appendPlainText(text)
        self._shown += len(entries)
        if follow:
            bar.setValue(bar.maximum())
        self.rendered.emit()
