"""Saving the log as text with every entry whole, in a worker thread.

The log view shows entries up to 64 KiB whole and may skip entries under a flood; a saved log
holds every entry of the snapshot it was given, each rendered in full (no cut), in the view's
mode and encoding. Rendering a 64 MB log takes seconds of Python, so it runs in a
:class:`LogSaveThread`; the GUI thread only takes the snapshot (a list of the immutable
entries) and the peer labels. The file is written in batches of about :data:`BATCH_BYTES` of
entry data, so memory stays bounded by the batch, not the log.

A save can be cancelled (:meth:`LogSaveThread.stop`, checked between batches): the worker then
removes the partial file it was given the path of, because a log cut off somewhere in the middle
would pass for a whole one. Progress is reported per batch, in bytes of entry data.
"""

from __future__ import annotations

import contextlib
import dataclasses
import pathlib
import threading
import time
from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QCoreApplication, Signal

from app.traffic.log_store import LogEntry
from app.traffic.renderer import LogRenderer, RenderOptions
from app.workers import Worker

#: Entry bytes rendered and written per step.
BATCH_BYTES = 256 * 1024
#: Progress is reported at most this often (s): each report repaints the status line, and the
#: GUI thread's every Python call waits for the interpreter lock the saver holds.
PROGRESS_INTERVAL_S = 0.25
#: Pause after each step. Rendering is Python holding the interpreter lock; without a pause
#: the GUI thread waits for it whenever it runs Python, and on a busy machine those waits
#: added up to stalls over 100 ms.
PAUSE_S = 0.001


def write_log(out: TextIO, entries: list[LogEntry], renderer: LogRenderer,
              stop: threading.Event | None = None,
              progress: Callable[[int], None] | None = None) -> int:
    """Write ``entries`` rendered whole by ``renderer``, one entry per block, each block
    followed by a line break. Returns the number of entries written (fewer if ``stop`` was set;
    it is looked at before each batch). ``progress(done)`` is called after each batch with the
    entry bytes written so far.

    Raises :class:`OSError` from writing.
    """
    written = 0
    done = 0
    batch: list[LogEntry] = []
    size = 0
    for entry in entries:
        batch.append(entry)
        size += len(entry.data)
        if size >= BATCH_BYTES:
            if stop is not None and stop.is_set():
                return written
            out.write(renderer.render(batch) + "\n")
            written += len(batch)
            done += size
            if progress is not None:
                progress(done)
            batch, size = [], 0
            time.sleep(PAUSE_S)
    if batch and not (stop is not None and stop.is_set()):
        out.write(renderer.render(batch) + "\n")
        written += len(batch)
        if progress is not None:
            progress(done + size)
    return written


class LogSaveThread(Worker):
    """Writes a snapshot of entries to an open text file and closes it.

    ``labels`` maps each connection id of the entries to its peer label (taken in the GUI
    thread, so the worker reads no session state). The renderer is built here, in the caller's
    thread, because it translates its words at construction. With ``path`` (where ``out``
    writes), a cancelled save removes its partial file.
    """

    #: The file is complete (``True``, ``""``) or writing failed, crashed or was cancelled
    #: (``False``, the reason; ``""`` when cancelled, see :attr:`cancelled`).
    saved = Signal(bool, str)
    #: Entry bytes written so far and in all (``object``: a log of 2 GB or more overflows
    #: Qt's int). At most once per percent and :data:`PROGRESS_INTERVAL_S`, from the worker's
    #: thread.
    progressed = Signal(object, object)

    def __init__(self, out: TextIO, entries: list[LogEntry], options: RenderOptions,
                 labels: dict[int, str], path: pathlib.Path | None = None) -> None:
        super().__init__("log-save")
        self._out = out
        self._entries = entries
        self._path = path
        self._renderer = LogRenderer(dataclasses.replace(options, max_entry_bytes=0),
                                     lambda conn_id: labels.get(conn_id, ""))
        #: Entry bytes to write in all.
        self.total_bytes = sum(len(entry.data) for entry in entries)
        self._percent = -1
        self._reported = 0.0
        #: The save was stopped before the end (its partial file removed when the path is
        #: known); set before :attr:`saved` is emitted.
        self.cancelled = False

    def stop(self) -> None:
        """Stop before the next batch (the partial file is removed); safe to call twice."""
        self.request_stop()

    def _progress(self, done: int) -> None:
        total = self.total_bytes
        percent = done * 100 // total if total else 100
        now = time.monotonic()
        if percent != self._percent and now - self._reported >= PROGRESS_INTERVAL_S:
            self._percent = percent
            self._reported = now
            self.progressed.emit(done, total)

    def task(self) -> str:
        return QCoreApplication.translate("LogSaveThread", "saving the log")

    def on_crash(self, message: str) -> None:
        self._out.close()  # ``with`` closed it already unless the crash came before
        self.saved.emit(False, message)

    def run(self) -> None:
        try:
            with self._out:
                written = write_log(self._out, self._entries, self._renderer, self.stop_event,
                                    self._progress)
        except OSError as exc:
            self.saved.emit(False, exc.strerror or str(exc))
            return
        if written < len(self._entries):
            self.cancelled = True
            if self._path is not None:
                with contextlib.suppress(OSError):  # gone already, or never ours to remove
                    self._path.unlink()
            self.saved.emit(False, "")
            return
        self.saved.emit(True, "")
