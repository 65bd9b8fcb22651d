"""The traffic log widget: renders a session's log store, batched and capped."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument, QTextOption, QWheelEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.traffic.log_store import LogEntry, LogStore
from app.traffic.renderer import LogRenderer, RenderOptions

#: At most this many repaints a second under a flood (DESIGN §2: ~30).
FRAME_MS = 33
#: What one repaint renders at most. Qt lays text out at ~0.5 µs a character and binary
#: shown as text takes 4 characters a byte (\xNN), so 10 KB stays near 20 ms, well under
#: the 50 ms stall budget; under a flood the rest of a frame's entries are skipped (counted,
#: and still in the store and the recording).
FRAME_ENTRIES = 300
FRAME_BYTES = 10 * 1024
#: While a flood outruns the view nobody can read along anyway: frames shrink to this, which
#: leaves the CPU to receiving (on a 2-core machine the GUI thread competes with it).
FLOOD_FRAME_ENTRIES = 100
FLOOD_FRAME_BYTES = 4 * 1024
#: A re-render (encoding or mode changed) may take longer once: it shows this much history.
RERENDER_ENTRIES = 3000
RERENDER_BYTES = 512 * 1024
#: Bytes of one entry shown at most; the rest is summarised ("… N more bytes not shown").
ENTRY_BYTES_SHOWN = 1024
#: Lines the view keeps; Qt drops the oldest beyond this (the store and recording keep them).
VIEW_LINES = 10000
MIN_POINT_SIZE, MAX_POINT_SIZE = 6, 48


class LogView(QPlainTextEdit):
    """Read-only view of a :class:`LogStore`, updated at most ~30 times a second.

    New entries are rendered with one insertion per frame; when more arrived than a frame
    shows, only the newest are rendered (text the cap would discard is never built). It
    follows the end unless the user has scrolled up, can be paused, filtered to some
    connections, and zoomed (Ctrl+wheel, Ctrl++ / Ctrl+-) for projectors.
    """

    #: After each repaint; the page updates its "not shown" note from it.
    rendered = Signal()
    #: The font size changed (point size), so the page can remember it.
    zoomed = Signal(int)

    def __init__(self, store: LogStore, peer_label: Callable[[int], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logView")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setMaximumBlockCount(VIEW_LINES)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Binary shown as text (\x01\x03…) has no spaces to break at; without this a long
        # entry is laid out as one huge line first, which stalls the window.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self._store = store
        self._options = RenderOptions(max_entry_bytes=ENTRY_BYTES_SHOWN)
        self._renderer = LogRenderer(self._options, peer_label)
        self._filter: frozenset[int] | None = None
        self._paused = False
        self._flooding = False
        self._last_seq = 0
        #: Entries (and their bytes) never rendered because a flood outran the view.
        self.skipped_entries = 0
        self.skipped_bytes = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._render_new)
        # Follow the end until the user scrolls up; the range grows after layout, which
        # happens later than the insertion, so following is done when the range changes.
        self._follow = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)

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

    def set_filter(self, conn_ids: Iterable[int] | None) -> None:
        """Show only these connections' traffic (None: everything) and re-render."""
        new = None if conn_ids is None else frozenset(conn_ids)
        if new != self._filter:
            self._filter = new
            self.rerender()

    @property
    def paused(self) -> bool:
        return self._paused

    def set_paused(self, paused: bool) -> None:
        """Freeze the display; traffic keeps being counted, stored and recorded."""
        self._paused = paused
        if not paused:
            self._render_new()

    # -- rendering -------------------------------------------------------------------------
    @Slot()
    def schedule(self) -> None:
        """New entries are in the store: render them within a frame."""
        if not self._timer.isActive() and not self._paused:
            self._timer.start()

    def rerender(self) -> None:
        """Throw away the rendered text and render the store's recent history again."""
        self._timer.stop()
        self._renderer.reset()
        self.clear()
        self._last_seq = self._store.last_seq
        entries = self._select_tail(reversed(self._store), RERENDER_ENTRIES, RERENDER_BYTES)
        if entries:
            self._append(entries)
        self.rendered.emit()

    def reset_counts(self) -> None:
        self.skipped_entries = 0
        self.skipped_bytes = 0

    @Slot()
    def _render_new(self) -> None:
        if self._paused:
            return
        new = self._store.entries_since(self._last_seq)
        if not new:
            return
        self._last_seq = new[-1].seq
        if self._filter is not None:
            new = [e for e in new if e.conn_id in self._filter]
        if self._flooding:
            shown = self._select_tail(reversed(new), FLOOD_FRAME_ENTRIES, FLOOD_FRAME_BYTES)
        else:
            shown = self._select_tail(reversed(new), FRAME_ENTRIES, FRAME_BYTES)
        hidden = new[: len(new) - len(shown)]
        self._flooding = bool(hidden)
        if hidden:
            self._renderer.skip(hidden)
            self.skipped_entries += len(hidden)
            self.skipped_bytes += sum(len(e.data) for e in hidden)
        if shown:
            self._append(shown)
        self.rendered.emit()

    def _select_tail(self, newest_first: Iterable[LogEntry], max_entries: int,
                     max_bytes: int) -> list[LogEntry]:
        """The newest entries (oldest first) that fit the entry and byte budgets."""
        keep: list[LogEntry] = []
        budget = max_bytes
        limit = self._options.max_entry_bytes or max_bytes
        wanted = self._filter
        for entry in newest_first:
            if wanted is not None and entry.conn_id not in wanted:
                continue
            if len(keep) >= max_entries or budget <= 0:
                break
            keep.append(entry)
            budget -= min(len(entry.data), limit)
        keep.reverse()
        return keep

    def _append(self, entries: list[LogEntry]) -> None:
        follow = self._follow
        self.appendPlainText(self._renderer.render(entries))
        if follow:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    @Slot(int)
    def _on_scrolled(self, value: int) -> None:
        self._follow = value >= self.verticalScrollBar().maximum() - 2

    @Slot(int, int)
    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(maximum)

    @property
    def following(self) -> bool:
        """True while the view sticks to the newest entries."""
        return self._follow

    # -- find and zoom ---------------------------------------------------------------------
    def find_text(self, text: str, backward: bool = False) -> bool:
        """Select the next (or previous) occurrence, wrapping around; True if found."""
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.find(text, flags):
            return True
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        return self.find(text, flags)

    def set_point_size(self, size: int) -> None:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        font = self.font()
        if font.pointSize() != size:
            font.setPointSize(size)
            self.setFont(font)
            self.zoomed.emit(size)

    def zoom(self, steps: int) -> None:
        self.set_point_size(self.font().pointSize() + steps)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
