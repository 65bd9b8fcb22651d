"""Where workers hand their traffic to the GUI thread, coalesced.

Workers call :meth:`TrafficSink.push` from their own threads with each raw chunk, the
connection it crossed, and the log entries it completes (framed in the worker, see
:mod:`app.traffic.live_framing`). The taps (:mod:`app.traffic.taps`) run right there, in the
worker; then chunk and entries are queued. The first push after a drain emits ``ready`` once;
everything pushed until the GUI thread drains rides on that one queued signal. Under a flood the
GUI thread therefore handles one event per drain instead of one per ``recv()``, and the event
loop stays responsive.

The hand-over is bounded: :data:`HANDOVER_BUDGET` bytes in all, shared by the connections that
pushed since the last drain (at least :data:`MIN_SHARE` each). A receive worker calls
:meth:`TrafficSink.wait_for_room` after each push and stops reading while its share is full, so
many flooders cannot pile gigabytes up in front of a busy GUI thread: the kernel's buffers fill
and TCP slows the senders. Nothing is dropped; counters and recordings stay exact.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from app.traffic.chunk import Chunk, Direction
from app.traffic.framing import FrameRun
from app.traffic.taps import Link, TapList

#: Most bytes waiting for the GUI thread, all connections together (see the module docstring).
HANDOVER_BUDGET = 32 * 1024 * 1024
#: Every connection may have this much waiting, however many share the budget.
MIN_SHARE = 256 * 1024
#: How long a paused reader sleeps between looks at its stop flag.
_PAUSE_POLL = 0.25

#: Log entries as they leave a worker: (connection id, direction, run of frames).
EntryRun = tuple[int, Direction, FrameRun]


class TrafficSink(QObject):
    """Thread-safe, coalescing hand-over of chunks and log entries to the GUI thread."""

    #: Fired (queued, in the GUI thread) when traffic is waiting and no drain is pending.
    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        #: Notified by each drain (and by :meth:`wake`): paused readers look again.
        self._room = threading.Condition(self._lock)
        #: Bytes waiting per connection id since the last drain.
        self._pending: dict[int, int] = {}
        self._chunks: list[Chunk] = []
        self._entries: list[EntryRun] = []
        self._signalled = False
        #: Called in the worker thread for each chunk before it is queued, in order (the
        #: recorder first): recording must not depend on how fast the GUI drains.
        self.taps = TapList()

    def push(self, chunk: Chunk, link: Link, entries: list[FrameRun] | None = None) -> None:
        """Run the taps on ``chunk`` and queue it with the log entries it completes.

        ``entries`` None means the chunk itself is one entry (a send); a received chunk passes
        what its connection's framer returned (maybe nothing, maybe earlier bytes too).
        Called from worker threads.
        """
        taps = self.taps
        if taps.reads_chunks:
            taps.call(chunk, link)
        # Received entries go to the taps that answer messages after they are queued, so a
        # reply (pushed from inside that call) is logged after its request.
        conn_id, direction = chunk.conn_id, chunk.direction
        if entries is None:
            entries = [FrameRun(chunk.t, chunk.data)]
        answer = taps.answers and bool(entries) and direction is Direction.RX
        with self._lock:
            self._chunks.append(chunk)
            pending = self._pending
            pending[conn_id] = pending.get(conn_id, 0) + len(chunk.data)
            if len(entries) == 1:  # the usual case, without a list per push
                self._entries.append((conn_id, direction, entries[0]))
            else:
                self._entries += [(conn_id, direction, run) for run in entries]
            signal = not self._signalled
            self._signalled = True
        if signal:
            self.ready.emit()
        if answer:
            taps.call_entries(entries, link)

    def push_many(self, items: list[tuple[Chunk, Link, list[FrameRun] | None]]) -> None:
        """:meth:`push` for several chunks at once, under one lock and at most one signal
        (a UDP receive loop hands over what one wake-up read). Called from worker threads."""
        if not items:
            return
        taps = self.taps
        call = taps.call if taps.reads_chunks else None
        answering = taps.answers
        queued: list[EntryRun] = []
        add = queued.append
        answer: list[tuple[list[FrameRun], Link]] = []
        # Per datagram under a flood: kept to the few operations each one needs.
        for chunk, link, entries in items:
            if call is not None:
                call(chunk, link)
            conn_id, direction = chunk.conn_id, chunk.direction
            if entries is None:  # the chunk is one entry (a datagram)
                run = FrameRun(chunk.t, chunk.data)
                add((conn_id, direction, run))
                if answering and direction is Direction.RX:
                    answer.append(([run], link))
                continue
            if answering and entries and direction is Direction.RX:
                answer.append((entries, link))
            for run in entries:
                add((conn_id, direction, run))
        with self._lock:
            pending = self._pending
            for chunk, _link, _entries in items:
                pending[chunk.conn_id] = pending.get(chunk.conn_id, 0) + len(chunk.data)
            self._chunks += [item[0] for item in items]
            self._entries += queued
            signal = not self._signalled
            self._signalled = True
        if signal:
            self.ready.emit()
        for entries, link in answer:  # after queueing, as in push()
            taps.call_entries(entries, link)

    def push_entries(self, conn_id: int, direction: Direction, entries: list[FrameRun],
                     link: Link | None = None) -> None:
        """Queue log entries that no new chunk brought (a partial line fell due; the framing
        changed; the connection ended). Called from worker threads; with ``link``, received
        entries reach the taps' ``on_entries`` too."""
        if not entries:
            return
        with self._lock:
            self._entries += [(conn_id, direction, run) for run in entries]
            signal = not self._signalled
            self._signalled = True
        if signal:
            self.ready.emit()
        if link is not None and direction is Direction.RX:
            self.taps.call_entries(entries, link)

    def pending_bytes(self, conn_id: int | None = None) -> int:
        """Bytes waiting for the GUI thread: of ``conn_id``, or of all connections (None)."""
        with self._lock:
            if conn_id is None:
                return sum(self._pending.values())
            return self._pending.get(conn_id, 0)

    def _full(self, conn_id: int) -> bool:
        pending = self._pending
        share = max(MIN_SHARE, HANDOVER_BUDGET // max(1, len(pending)))
        return pending.get(conn_id, 0) > share

    def wait_for_room(self, conn_id: int, stop: threading.Event) -> bool:
        """Block while ``conn_id``'s share of the hand-over is full (worker thread).

        Returns True when it waited. Ends at the next drain, or when ``stop`` is set (the
        connection's :meth:`~app.net.tcp_connection.TcpConnection.abort` calls :meth:`wake`).
        """
        if self._pending.get(conn_id, 0) <= MIN_SHARE:
            # Never full (a share is at least MIN_SHARE): no lock taken on every read. The
            # dict is read without the lock; a drain swapping it meanwhile only empties it.
            return False
        with self._lock:
            if not self._full(conn_id):
                return False
            while self._full(conn_id) and not stop.is_set():
                self._room.wait(_PAUSE_POLL)
            return True

    def wake(self, conn_id: int | None = None) -> None:
        """Let paused readers look at their stop flags now (any thread)."""
        with self._lock:
            self._room.notify_all()

    def drain(self) -> tuple[list[Chunk], list[EntryRun]]:
        """Everything pushed since the last drain, in push order (GUI thread):
        the raw chunks, and the log entries as ``(conn_id, direction, run)``."""
        with self._lock:
            chunks, self._chunks = self._chunks, []
            entries, self._entries = self._entries, []
            self._signalled = False
            if self._pending:
                self._pending = {}
                self._room.notify_all()
        return chunks, entries
