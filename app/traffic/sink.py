"""Where workers hand their traffic to the GUI thread, coalesced.

Workers call :meth:`TrafficSink.push` from their own threads. The first push after a drain
emits ``ready`` once; everything pushed until the GUI thread drains rides on that one queued
signal. Under a flood the GUI thread therefore handles one event per drain instead of one per
``recv()``, and the event loop stays responsive.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.traffic.chunk import Chunk


class TrafficSink(QObject):
    """Thread-safe, coalescing hand-over of :class:`Chunk` objects to the GUI thread."""

    #: Fired (queued, in the GUI thread) when chunks are waiting and no drain is pending.
    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: list[Chunk] = []
        self._signalled = False
        #: Called in the worker thread for each chunk before it is queued (the recorder):
        #: recording must not depend on how fast the GUI drains.
        self.tap: Callable[[Chunk], None] | None = None

    def push(self, chunk: Chunk) -> None:
        """Queue ``chunk`` for the GUI thread; called from worker threads."""
        tap = self.tap
        if tap is not None:
            tap(chunk)
        with self._lock:
            self._pending.append(chunk)
            if self._signalled:
                return
            self._signalled = True
        self.ready.emit()

    def drain(self) -> list[Chunk]:
        """Everything pushed since the last drain, in push order (GUI thread)."""
        with self._lock:
            pending, self._pending = self._pending, []
            self._signalled = False
        return pending
