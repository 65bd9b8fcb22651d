"""The traffic log widget: renders a session's log store, batched and capped."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QMouseEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.traffic.chunk import Direction
from app.traffic.history_render import HistoryRenderThread, Piece
from app.traffic.log_store import LogEntry, LogStore
from app.traffic.renderer import LogRenderer, RenderOptions
from ui.entry_dialog import EntryDialog
from ui.style import error_color, event_color, fixed_font

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
#: A re-render (encoding or mode changed) shows this much history (DESIGN §4: no user action
#: stalls the event loop over 100 ms; in one go, 512 KiB of binary shown as text + hex took
#: 1.2-1.7 s). Up to REFILL_BYTES of entries (as shown) are rendered at once; more is rendered
#: newest first in a worker (app.traffic.history_render), and each step of the event loop
#: inserts at most REFILL_CHARS characters of it (whole lines) at the top of the view.
RERENDER_ENTRIES = 3000
RERENDER_BYTES = 512 * 1024
REFILL_BYTES = 16 * 1024
REFILL_CHARS = 16 * 1024
#: Bytes of one entry shown at most; the rest is summarised ("… N more bytes not shown") and
#: the whole entry opens on double-click. Entries count against the frame budgets above by
#: their bytes. A burst of up to BURST_BYTES that is not part of a flood (e.g. one 64 KiB
#: entry) is shown whole in one frame (a one-off ~30-60 ms for 64 KiB), and the next frame
#: then waits in proportion, so a stream of large entries cannot keep the GUI thread busy.
#: In a flood frame the newest entry is cut at the flood budget instead (nobody reads along
#: then; the cut says so and the entry opens whole).
ENTRY_BYTES_SHOWN = 64 * 1024
BURST_BYTES = 2 * ENTRY_BYTES_SHOWN
#: Entries a burst of short ones may hold and still be shown whole: a device's 1,000-line
#: answer, or a 1,000-line test echoed back, is a burst, not a flood (before, the 300 of one
#: frame made it one, and none of the lines showed). Such a burst (more than FRAME_ENTRIES)
#: must also stay under MANY_BURST_BYTES, so a frame of a line flood (~1,600 lines, ~128 KB)
#: is still a flood. The next frame waits in proportion to the entries too.
BURST_ENTRIES = 1500
MANY_BURST_BYTES = 32 * 1024
#: Longest wait between frames after a large render.
MAX_FRAME_DELAY_MS = 500
#: Lines the view keeps; Qt drops the oldest beyond this (the store and recording keep them).
VIEW_LINES = 10000
#: Characters the view keeps; the oldest lines beyond this are dropped too. Long lines without
#: breaks (60 KB datagrams cut at 4 KB in a flood) reach it long before VIEW_LINES: a shown
#: character costs about 43 bytes of memory (text plus its layout), so 10,000 lines of 4,200
#: characters would take ~1.8 GB; this keeps the view near 90 MB (DESIGN §4: RSS < 300 MB).
VIEW_CHARS = 2_000_000
MIN_POINT_SIZE, MAX_POINT_SIZE = 6, 48
# The first line of each entry carries its sequence number (modulo this: a block's user state
# is a non-negative int); continuation lines have none (-1), and an entry has at most this many.
_STATE_MODULUS = 2**31 - 1
_MAX_ENTRY_LINES = 20000


class LogView(QPlainTextEdit):
    """Read-only view of a :class:`LogStore`, updated at most ~30 times a second.

    With the options' ``show_sent`` off it leaves TX entries out (and out of Save).

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
        # Wrap anywhere: binary shown as text (\x01\x03…), base64 or JSON without spaces
        # have no word boundary, and Qt's search for one grows faster than the line: a 64 KiB
        # line without spaces took 415 ms to lay out at word boundaries, 59 ms anywhere.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.setFont(fixed_font())
        self._store = store
        self._options = RenderOptions(max_entry_bytes=ENTRY_BYTES_SHOWN)
        self._renderer = LogRenderer(self._options, peer_label, open_hint=True)
        self._peer_label = peer_label
        self._filter: frozenset[int] | None = None
        self._show_events = True
        #: The last line shown is a coloured event: Qt would carry its colour on to the
        #: next text appended, so that text is inserted with the plain format instead.
        self._tail_coloured = False
        self._event_format = QTextCharFormat()
        self._error_format = QTextCharFormat()
        self._set_event_colours()
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
        # A large re-render's history, rendered by a worker and inserted at the top step by
        # step (see REFILL_BYTES): _fill_pieces holds lines still to insert, the lowest
        # first. _fill_token tells the current worker's signals from a stopped one's.
        self._fill_worker: HistoryRenderThread | None = None
        self._fill_token = 0
        self._fill_pieces: deque[Piece] = deque()
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_step)
        # Follow the end until the user scrolls up; the range grows after layout, which
        # happens later than the insertion, so following is done when the range changes.
        self._follow = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)

    # -- options ---------------------------------------------------------------------------
    def _set_event_colours(self) -> None:
        self._event_format.setForeground(event_color())
        self._error_format.setForeground(error_color())

    def changeEvent(self, event: QEvent) -> None:
        # Dark turned light or back: events already shown take the new colours too.
        if event.type() == QEvent.Type.PaletteChange and \
                self._event_format.foreground().color() != event_color():
            self._set_event_colours()
            self.rerender()
        elif event.type() == QEvent.Type.LanguageChange:
            # The renderer keeps its words (RX, TX, …) translated once; take them anew and
            # show what is already there in the new language too.
            self._renderer.set_options(self._options)
            self.rerender()
        super().changeEvent(event)

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
        """Show only these connections' traffic and events (None: everything); re-render."""
        new = None if conn_ids is None else frozenset(conn_ids)
        if new != self._filter:
            self._filter = new
            self.rerender()

    @property
    def show_events(self) -> bool:
        return self._show_events

    def set_show_events(self, show: bool) -> None:
        """Show connection events (connected, closed, …) among the data, or hide them."""
        if show != self._show_events:
            self._show_events = show
            self.rerender()

    def _filtering(self) -> bool:
        return (self._filter is not None or not self._show_events
                or not self._options.show_sent)

    def _wanted(self, entry: LogEntry) -> bool:
        """Whether ``entry`` passes the connection filter, the events and the sent switch."""
        if entry.event is not None and not self._show_events:
            return False
        if entry.direction is Direction.TX and not self._options.show_sent:
            return False
        return self._filter is None or entry.conn_id in self._filter

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
        """Throw away the rendered text and render the store's recent history again: a little
        at once; more newest first, in a worker, inserted above step by step (:attr:`filling`
        until done). New traffic keeps being appended below meanwhile."""
        self._timer.stop()
        self._timer.setInterval(FRAME_MS)
        self._stop_filling()
        self._renderer.reset()
        self.clear()
        self._tail_coloured = False
        self._last_seq = self._store.last_seq
        entries = self._select_tail(reversed(self._store), RERENDER_ENTRIES, RERENDER_BYTES)
        if sum(self._shown_size(e) for e in entries) <= REFILL_BYTES:
            if entries:
                self._append(entries)
        else:
            # New traffic goes on from where the newest entry leaves its stream.
            self._renderer.resume_after(entries)
            labels = {conn_id: self._peer_label(conn_id)
                      for conn_id in {e.conn_id for e in entries}}
            self._fill_token += 1
            worker = HistoryRenderThread(entries, self._options, labels, self._fill_token)
            worker.rendered.connect(self._on_fill_rendered)
            worker.done.connect(self._on_fill_done)
            self._fill_worker = worker
            worker.start()
        self.rendered.emit()

    @property
    def filling(self) -> bool:
        """True while a re-render is still filling in older history."""
        return self._fill_worker is not None or bool(self._fill_pieces)

    def shutdown(self) -> None:
        """Stop filling in history (the page is closing); returns within a second."""
        worker = self._fill_worker
        self._stop_filling()
        if worker is not None:
            worker.wait(1000)

    def _stop_filling(self) -> None:
        if self._fill_worker is not None:
            self._fill_worker.request_stop()
            self._fill_worker = None
        self._fill_token += 1  # what the stopped worker still sends is ignored
        self._fill_timer.stop()
        self._fill_pieces.clear()

    @Slot(object)
    def _on_fill_rendered(self, message: tuple[int, list[Piece]]) -> None:
        token, pieces = message
        if token != self._fill_token:
            return
        self._fill_pieces.extend(pieces)
        if not self._fill_timer.isActive():
            self._fill_timer.start()

    @Slot(object)
    def _on_fill_done(self, message: tuple[int, bool]) -> None:
        token, _early = message
        if token != self._fill_token:
            return
        if self._fill_worker is not None:
            self._fill_worker.wait(1000)  # done is its last act
        self._fill_worker = None
        if not self._fill_pieces:
            self.rendered.emit()

    @Slot()
    def _fill_step(self) -> None:
        """Insert up to :data:`REFILL_CHARS` of rendered history at the top."""
        inserted = 0
        while self._fill_pieces and inserted < REFILL_CHARS:
            piece = self._fill_pieces.popleft()
            inserted += len(piece.text)
            if not self._insert_at_top(piece):
                self._stop_filling()  # the view is full: older lines would be cut at once
                self.rendered.emit()
                return
        if self._fill_pieces:
            self._fill_timer.start()
        elif self._fill_worker is None:
            self.rendered.emit()

    def _insert_at_top(self, piece: Piece) -> bool:
        """Insert ``piece`` above everything shown and tag its entries' first lines; False
        (nothing inserted) when the view's line or character cap has no room for all of it."""
        doc = self.document()
        empty = doc.isEmpty()
        if not empty and (doc.blockCount() + piece.lines > VIEW_LINES
                          or doc.characterCount() + len(piece.text) > VIEW_CHARS):
            return False
        plain = QTextCharFormat()
        cursor = QTextCursor(doc)
        bar = self.verticalScrollBar()
        # Scrolled up: keep the same lines in sight (the scroll value counts lines from the
        # top, and the lines inserted there add to it as much as to the range).
        keep = None if self._follow else (bar.value(), bar.maximum())
        if empty:
            cursor.insertText(piece.text, plain)
            if piece.heads and piece.heads[0][1].event is not None:
                self._tail_coloured = True  # the newest line shown is a coloured event
        else:
            # The old first line keeps its tag only if it is put back: Qt moves the text
            # inserted before it into its block (the first line of the piece), and the old
            # text into a new block. (The other new blocks are untagged.)
            first = doc.firstBlock()
            state = first.userState()
            cursor.insertText(piece.text + "\n", plain)
            first.setUserState(-1)
            doc.findBlockByNumber(piece.lines).setUserState(state)
        for number, entry in piece.heads:
            self._mark_head(doc.findBlockByNumber(number), entry)
        if keep is not None:
            value, maximum = keep
            bar.setValue(value + bar.maximum() - maximum)
        return True

    def entries_to_save(self) -> list[LogEntry]:
        """Every stored entry of the connections shown (the filter and the events switch
        apply), oldest first."""
        entries = self._store.entries()
        if self._filtering():
            entries = [e for e in entries if self._wanted(e)]
        return entries

    def reset_counts(self) -> None:
        self.skipped_entries = 0
        self.skipped_bytes = 0

    @Slot()
    def _render_new(self) -> None:
        if self._paused:
            return
        self._timer.setInterval(FRAME_MS)
        new = self._store.entries_since(self._last_seq)
        if not new:
            return
        self._last_seq = new[-1].seq
        if self._filtering():
            new = [e for e in new if self._wanted(e)]
        cut = 0
        shown = [] if self._flooding else self._select_tail(reversed(new), FRAME_ENTRIES,
                                                             FRAME_BYTES)
        if len(shown) < len(new) and not self._flooding and len(new) <= BURST_ENTRIES:
            # More than a frame's budget, but a burst (a large entry, or many short ones at
            # once), not a flood: show it all, whole; the next frame then waits in proportion.
            limit = BURST_BYTES if len(new) <= FRAME_ENTRIES else MANY_BURST_BYTES
            if sum(self._shown_size(e) for e in new) <= limit:
                shown = new
        if self._flooding or len(shown) < len(new):
            # More arrived than a frame shows: a flood. Show less, and cut a large newest
            # entry at the flood budget (it says so, and opens whole on double-click).
            shown = self._select_tail(reversed(new), FLOOD_FRAME_ENTRIES, FLOOD_FRAME_BYTES)
            cut = FLOOD_FRAME_BYTES
        hidden = new[: len(new) - len(shown)]
        self._flooding = bool(hidden)
        if hidden:
            self._renderer.skip(hidden)
            self.skipped_entries += len(hidden)
            self.skipped_bytes += sum(len(e.data) for e in hidden)
        if shown:
            cost = self._append(shown, cut)
            # A large entry, or a burst of many, was shown whole: give the event loop time in
            # proportion, so bursts one after another cannot keep the GUI thread busy.
            delay = max(FRAME_MS * cost // FRAME_BYTES, FRAME_MS * len(shown) // FRAME_ENTRIES)
            if delay > FRAME_MS:
                self._timer.setInterval(min(MAX_FRAME_DELAY_MS, delay))
        self.rendered.emit()

    def _shown_size(self, entry: LogEntry) -> int:
        limit = self._options.max_entry_bytes
        return min(len(entry.data), limit) if limit else len(entry.data)

    def _select_tail(self, newest_first: Iterable[LogEntry], max_entries: int,
                     max_bytes: int) -> list[LogEntry]:
        """The newest entries (oldest first) within the entry and byte budgets; the newest one
        is always taken, even when larger than the byte budget."""
        keep: list[LogEntry] = []
        budget = max_bytes
        filtering = self._filtering()
        for entry in newest_first:
            if filtering and not self._wanted(entry):
                continue
            if len(keep) >= max_entries:
                break
            size = self._shown_size(entry)
            if keep and size > budget:
                break
            keep.append(entry)
            budget -= size
            if budget <= 0:
                break
        keep.reverse()
        return keep

    def _append(self, entries: list[LogEntry], cut: int = 0) -> int:
        """Render and insert ``entries`` (each cut at ``cut`` bytes if not 0); returns the
        entry bytes rendered."""
        follow = self._follow
        blocks = self._renderer.render_blocks(entries, cut or None)
        self._append_text("\n".join(blocks))
        self._mark_heads(entries, blocks)
        self._drop_over_char_budget()
        if follow:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())
        limit = min(cut, self._options.max_entry_bytes or cut) if cut else (
            self._options.max_entry_bytes)
        return sum(min(len(e.data), limit) if limit else len(e.data) for e in entries)

    def _append_text(self, text: str) -> None:
        """Append ``text`` as new lines, in the plain format even after a coloured event."""
        if not self._tail_coloured:
            self.appendPlainText(text)
            return
        plain = QTextCharFormat()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(QTextBlockFormat(), plain)
        cursor.insertText(text, plain)
        self._tail_coloured = False

    def _drop_over_char_budget(self) -> None:
        """Drop the oldest lines while the view holds more than :data:`VIEW_CHARS` characters,
        as Qt does beyond :data:`VIEW_LINES`; the newest line always stays. Walks only the
        lines it drops."""
        doc = self.document()
        excess = doc.characterCount() - VIEW_CHARS
        if excess <= 0:
            return
        first = doc.firstBlock()
        last = doc.lastBlock()
        block = first
        while excess > 0 and block != last:
            excess -= block.length()
            block = block.next()
        if block == first:
            return
        bar = self.verticalScrollBar()
        # Scrolled up: keep the same lines in sight (see _insert_at_top).
        keep = None if self._follow else (bar.value(), bar.maximum())
        # Qt keeps the first block object and moves the next line's text into it: its tag
        # (the entry's sequence number) and first character format go along by hand, as
        # Qt's own line cap does for the format.
        state = block.userState()
        cursor = QTextCursor(block)
        char_format = cursor.blockCharFormat()
        cursor.beginEditBlock()
        cursor.setPosition(0, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setBlockCharFormat(char_format)
        cursor.endEditBlock()
        doc.firstBlock().setUserState(state)
        if keep is not None:
            value, maximum = keep
            bar.setValue(max(0, value + bar.maximum() - maximum))

    def _mark_heads(self, entries: list[LogEntry], blocks: list[str]) -> None:
        """Tag the first line of each entry with its sequence number, so a click finds it,
        and colour the lines of connection events."""
        doc = self.document()
        number = doc.blockCount() - 1
        last = True
        for entry, block in zip(reversed(entries), reversed(blocks), strict=True):
            number -= block.count("\n")
            if number < 0:
                break  # the view's line cap dropped it already
            self._mark_head(doc.findBlockByNumber(number), entry)
            if entry.event is not None and last:
                self._tail_coloured = True
            last = False
            number -= 1

    def _mark_head(self, text_block: QTextBlock, entry: LogEntry) -> None:
        text_block.setUserState(entry.seq % _STATE_MODULUS)
        if entry.event is not None:
            cursor = QTextCursor(text_block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(self._error_format if entry.event.error
                                   else self._event_format)

    def entry_at(self, pos: QPoint) -> LogEntry | None:
        """The stored entry shown at viewport position ``pos``, or ``None`` (not an entry, or
        no longer in memory)."""
        block = self.cursorForPosition(pos).block()
        for _ in range(_MAX_ENTRY_LINES):
            if not block.isValid():
                return None
            state = block.userState()
            if state >= 0:
                return self._entry_for_state(state)
            block = block.previous()
        return None

    def _entry_for_state(self, state: int) -> LogEntry | None:
        last = self._store.last_seq
        seq = last - (last - state) % _STATE_MODULUS
        return self._store.get(seq)

    def open_entry(self, entry: LogEntry) -> EntryDialog:
        """Show ``entry`` whole, in the current mode, in a read-only dialog (returned)."""
        dialog = EntryDialog(entry, self._options, self._peer_label(entry.conn_id), self)
        dialog.show()
        return dialog

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        entry = self.entry_at(event.position().toPoint())
        if entry is not None and len(entry.data) > self._shown_limit_hint():
            event.accept()
            self.open_entry(entry)
            return
        super().mouseDoubleClickEvent(event)

    def _shown_limit_hint(self) -> int:
        # Entries above the flood budget may have been cut; smaller ones always show whole,
        # so a double-click on them keeps selecting a word.
        return FLOOD_FRAME_BYTES

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        entry = self.entry_at(event.pos())
        action = QAction(self.tr("Show Whole Entry…"), menu)
        action.setObjectName("showEntryAction")
        action.setEnabled(entry is not None and entry.event is None)
        if entry is not None and entry.event is None:
            action.triggered.connect(lambda: self.open_entry(entry))
        actions = menu.actions()
        if actions:
            menu.insertAction(actions[0], action)
            menu.insertSeparator(actions[0])
        else:
            menu.addAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()

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
