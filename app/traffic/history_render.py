"""Rendering a re-render's history (the log view's recent entries, after "Show as" or "Encoding"
changed) newest first, in a worker thread, as pieces of whole lines the view inserts at its top.

Rendering is Python and grows with the data: 512 KiB of random binary decoded as text in
*Auto* takes ~0.4 s, and even one 64 KiB entry ~0.1 s, so the GUI thread must not do it
(DESIGN §4: no user action stalls the event loop over 100 ms). The worker renders batches of
about :data:`BATCH_BYTES` of entries from the newest back; each batch starts its streams where
the older entries before it leave them (:meth:`LogRenderer.resume_after`), so the text is the
same as rendering everything in one go. Each batch is cut into :class:`Piece` objects of whole
lines within :data:`PIECE_CHARS` characters, so the view inserts a bounded amount per step
(Qt lays text out at ~0.1-0.3 µs a character).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal

from app.traffic.log_store import LogEntry
from app.traffic.renderer import LogRenderer, RenderOptions
from app.workers import Worker

#: Entry bytes (as shown: an entry counts up to the options' limit) rendered per batch.
BATCH_BYTES = 16 * 1024
#: Characters of one piece at most (a single longer line is a piece of its own).
PIECE_CHARS = 16 * 1024
#: Pause after each batch: rendering holds the interpreter lock, which the GUI thread needs
#: for any Python it runs (see :mod:`app.traffic.log_saver`).
PAUSE_S = 0.001


@dataclass(frozen=True)
class Piece:
    """Whole lines of rendered history, ``lines`` of them, and the entries whose first line
    they hold: ``heads`` pairs a line number (counted from the piece's first line) with its
    entry."""

    text: str
    heads: list[tuple[int, LogEntry]]
    lines: int


def batch_start(entries: list[LogEntry], end: int, shown_size: Callable[[LogEntry], int],
                max_bytes: int = BATCH_BYTES) -> int:
    """Where the batch ending at ``end`` begins: the newest entries before ``end`` within
    ``max_bytes`` (as ``shown_size`` counts them), at least one."""
    start, size = end, 0
    while start > 0:
        entry_size = shown_size(entries[start - 1])
        if start < end and size + entry_size > max_bytes:
            break
        start -= 1
        size += entry_size
    return start


def render_pieces(renderer: LogRenderer, entries: list[LogEntry], start: int,
                  end: int) -> list[Piece]:
    """Render ``entries[start:end]``, starting each stream where ``entries[:start]`` leave it,
    as pieces in the order they are inserted at the top of a view: the lowest first."""
    batch = entries[start:end]
    renderer.reset()
    renderer.resume_after(entries[:start],
                          {(e.conn_id, e.direction) for e in batch if e.event is None})
    lines: list[str] = []
    heads: list[int] = []
    for block in renderer.render_blocks(batch):
        heads.append(len(lines))
        lines.extend(block.split("\n"))
    pieces: list[Piece] = []
    bottom = len(lines)
    head_index = len(batch) - 1
    while bottom > 0:
        top, chars = bottom - 1, len(lines[bottom - 1])
        while top > 0 and chars + len(lines[top - 1]) + 1 <= PIECE_CHARS:
            top -= 1
            chars += len(lines[top]) + 1
        piece_heads: list[tuple[int, LogEntry]] = []
        while head_index >= 0 and heads[head_index] >= top:
            piece_heads.append((heads[head_index] - top, batch[head_index]))
            head_index -= 1
        pieces.append(Piece("\n".join(lines[top:bottom]), piece_heads, bottom - top))
        bottom = top
    return pieces


class HistoryRenderThread(Worker):
    """Renders ``entries`` (oldest first) newest first, batch by batch, and emits the pieces.

    ``labels`` maps each connection id of the entries to its peer label (taken in the GUI
    thread: the worker reads no session state). The renderer is built here, in the caller's
    thread, because it translates its words at construction. :meth:`request_stop` ends it
    before the next batch.
    """

    #: Pieces of the next older batch: (``token``, list of :class:`Piece`), lowest first.
    rendered = Signal(object)
    #: The last signal: (``token``, ended early). Also after a crash.
    done = Signal(object)

    def __init__(self, entries: list[LogEntry], options: RenderOptions,
                 labels: dict[int, str], token: int) -> None:
        super().__init__("log-rerender")
        self._entries = entries
        self._token = token
        self._renderer = LogRenderer(options, lambda conn_id: labels.get(conn_id, ""),
                                     open_hint=True)
        limit = options.max_entry_bytes
        self._shown_size: Callable[[LogEntry], int] = (
            (lambda e: min(len(e.data), limit)) if limit else (lambda e: len(e.data)))

    def task(self) -> str:
        return QCoreApplication.translate("HistoryRenderThread", "showing the log again")

    def on_crash(self, message: str) -> None:
        self.done.emit((self._token, True))

    def run(self) -> None:
        end = len(self._entries)
        while end > 0:
            if self.stop_event.is_set():
                self.done.emit((self._token, True))
                return
            start = batch_start(self._entries, end, self._shown_size)
            self.rendered.emit((self._token, render_pieces(self._renderer, self._entries,
                                                           start, end)))
            end = start
            time.sleep(PAUSE_S)
        self.done.emit((self._token, False))
