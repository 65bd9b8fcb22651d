"""The bound on a send queue, shared by a TCP connection and a UDP socket.

A peer (or a network) that takes bytes more slowly than they are queued would otherwise grow
memory without end. The owner counts the bytes handed to its send queue and not yet written
(``queued_bytes``); a send that does not fit is refused at once (a click) or waits for room
(the periodic and file senders, with their stop event), and the send loop frees room as it
writes.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

#: Most bytes one send queue holds. A peer that stops reading fills it; further sends are then
#: refused (a click) or wait (the periodic and file workers), so memory stays bounded however
#: long the peer stalls. One payload bigger than this is taken when the queue is empty, so a
#: large send still goes.
MAX_QUEUED = 8 * 1024 * 1024
#: How long a wait for room goes without looking at the stop flags (seconds).
ROOM_POLL = 0.25


class SendBound:
    """Mixin: the bounded accounting of a send queue.

    The owner has ``queued_bytes`` (int), ``_room`` (a ``threading.Condition`` guarding it,
    notified when room is freed), ``stop_event`` and ``send_queue`` (a ``queue.SimpleQueue``).
    """

    queued_bytes: int
    _room: threading.Condition
    stop_event: threading.Event
    send_queue: queue.SimpleQueue[Any]

    def _admit(self, n: int, wait: threading.Event | None, put: Callable[[], None]) -> bool:
        """Count ``n`` bytes in and call ``put`` (which queues them) under the lock, once they
        fit; False, with nothing queued, when they do not fit and ``wait`` is None, or when
        ``wait`` or the owner's stop event is set while waiting."""
        with self._room:
            while self.queued_bytes and self.queued_bytes + n > MAX_QUEUED:
                if wait is None or wait.is_set() or self.stop_event.is_set():
                    return False
                self._room.wait(ROOM_POLL)
            self.queued_bytes += n
            put()
        return True

    def wait_for_room(self, n: int, wait: threading.Event) -> bool:
        """Block until ``n`` more bytes fit in the send queue (as a send would take them);
        False when the owner stops or ``wait`` is set first. Any thread."""
        with self._room:
            while self.queued_bytes and self.queued_bytes + n > MAX_QUEUED:
                if wait.is_set() or self.stop_event.is_set():
                    return False
                self._room.wait(ROOM_POLL)
        return not self.stop_event.is_set()

    def is_full(self, n: int) -> bool:
        """True when ``n`` more bytes would not fit in the send queue now."""
        queued = self.queued_bytes
        return bool(queued) and queued + n > MAX_QUEUED

    def account_dequeued(self, n: int) -> None:
        """The send loop is done with ``n`` queued bytes (sent or dropped)."""
        with self._room:
            self.queued_bytes -= n
            self._room.notify_all()

    def _drop_waiting(self, size_of: Callable[[Any], int | None]) -> int:
        """Take every item out of the send queue and drop it, except the marks (items whose
        ``size_of`` is None: a stop's or a close's wake-up), which go back in order; returns
        the bytes dropped. Not what the send loop is writing now."""
        dropped = 0
        marks: list[Any] = []
        with self._room:
            while True:
                try:
                    item = self.send_queue.get_nowait()
                except queue.Empty:
                    break
                size = size_of(item)
                if size is None:
                    marks.append(item)
                else:
                    dropped += size
            for mark in marks:
                self.send_queue.put(mark)
            self.queued_bytes -= dropped
            self._room.notify_all()
        return dropped
