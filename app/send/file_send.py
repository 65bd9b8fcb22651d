"""Sending a file's raw bytes in chunks from a worker thread, with progress and cancel."""

from __future__ import annotations

import pathlib
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal

from app.workers import Worker

CHUNK = 1024 * 1024
#: Reading pauses while more than this is queued but not yet written: memory stays bounded
#: however slow the peer, and a cancel takes effect quickly.
MAX_QUEUED = 8 * 1024 * 1024


def _tr(text: str) -> str:
    return QCoreApplication.translate("FileSender", text)


class FileSender(Worker):
    """Reads ``path`` in chunks and hands each to ``send``; ``queued()`` gives back-pressure.

    ``send(chunk)`` returns how many connections took it (0 ends the run: nobody connected);
    ``queued()`` returns bytes handed over but not yet written to the sockets;
    ``nobody_reason``, when given, replaces the default words for "nobody is connected".
    """

    #: (bytes handed to the connections so far, file size), at most ~20 times a second.
    #: Byte counts travel as ``object``: Qt's ``int`` is 32 bits (a 3 GiB file went negative).
    progress = Signal(object, object)
    #: Ended (also on a crash): bytes handed over, and why in words ("" when the whole file
    #: was sent).
    done = Signal(object, str)

    def __init__(self, path: pathlib.Path, send: Callable[[bytes], int],
                 queued: Callable[[], int], nobody_reason: str = "",
                 stop_event: threading.Event | None = None, chunk_size: int = CHUNK) -> None:
        """``chunk_size``: bytes per ``send`` call (a UDP session sends one datagram each)."""
        super().__init__("file-send", stop_event)
        self._chunk_size = max(1, chunk_size)
        self.path = path
        self._send = send
        self._queued = queued
        self._nobody_reason = nobody_reason
        self.size = 0
        self.handed = 0
        #: Why the run ended, in words ("" when the whole file was handed over); set before
        #: :attr:`done` is emitted, so it is readable after :meth:`wait`.
        self.reason = ""

    def task(self) -> str:
        return _tr("sending {file}").format(file=self.path.name)

    def on_crash(self, message: str) -> None:
        self.reason = message
        self.progress.emit(self.handed, self.size)
        self.done.emit(self.handed, message)

    def run(self) -> None:
        reason = ""
        try:
            with self.path.open("rb") as f:
                self.size = self.path.stat().st_size
                last = 0.0
                while not self.stopping:
                    while self._queued() > MAX_QUEUED and not self.stopping:
                        time.sleep(0.002)  # the send workers are draining the queue
                    if self.stopping:
                        break
                    chunk = f.read(self._chunk_size)
                    if not chunk:
                        break
                    took = self._send(chunk)
                    if took == 0 and self.stopping:
                        break  # cancelled while waiting for room
                    if took == 0:
                        reason = self._nobody_reason or _tr(
                            "File send stopped: nobody is connected.")
                        break
                    self.handed += len(chunk)
                    now = time.monotonic()
                    if now - last >= 0.05:
                        last = now
                        self.progress.emit(self.handed, self.size)
                if self.stopping:
                    reason = _tr("File send cancelled after {n} bytes.").format(
                        n=f"{self.handed:,}")
        except OSError as exc:
            reason = _tr("Cannot read {path}: {why}").format(
                path=self.path, why=exc.strerror or exc)
        self.reason = reason
        self.progress.emit(self.handed, self.size)
        self.done.emit(self.handed, reason)
