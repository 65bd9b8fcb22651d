"""What every session (TCP server, TCP client, UDP) shares: state, connections, counters, log."""

from __future__ import annotations

import pathlib
import threading
import time
from collections import deque
from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from app.autoreply.responder import AutoReply
from app.net.tcp_connection import TcpConnection, next_connection_id
from app.send.targets import Targets, as_targets
from app.sessions.send_jobs import SendJobs
from app.traffic.chunk import Direction, NoteText, SummarisedSend
from app.traffic.events import ConnectionEvent, EventKind
from app.traffic.framing import FrameRun, FramingConfig
from app.traffic.log_store import LogStore
from app.traffic.recorder import Recorder
from app.traffic.sink import EntryRun, TrafficSink

__all__ = ["FramingConfig", "Session", "SessionState"]

#: How long closing may wait for each worker; stops are normally far quicker.
STOP_WAIT_MS = 2000
#: Past this many remembered peers, those no longer needed (connection gone, no entry left in
#: the log) are forgotten, oldest first.
PEER_LABELS_KEPT = 5000
#: Most log entries one drain adds to the store. A line flood brings thousands of lines per
#: read; making each an object in the GUI thread would stall it (and, through the GIL, the
#: receive workers). Older entries of a bigger drain are counted as dropped, like trimming;
#: counters, recordings and :attr:`Session.chunksArrived` still get every byte. With a drain
#: at most every DRAIN_INTERVAL, that stores up to 50,000 entries a second: an echo test at
#: 23,000 round trips a second (two entries each) is logged whole. A burst of more waits in a
#: backlog for the next drains rather than being dropped.
DRAIN_ENTRIES = 1000
#: Most entries (and bytes) waiting in that backlog. Only a flood that outruns the store for
#: longer than a burst (20 drains' worth) loses its older entries, counted as dropped.
BACKLOG_ENTRIES = 20 * DRAIN_ENTRIES
BACKLOG_BYTES = 16 * 1024 * 1024
#: Drains are at least this many seconds apart (traffic after a quiet spell is drained at
#: once). The GUI thread then wakes at most 50 times a second however the traffic comes: a
#: wake-up per message would take the interpreter lock from the receive workers, which need
#: it after every recv() — an echo's round trip doubled — and a line flood would do the same
#: with big drains. 20 ms is below what a reader of the log can notice.
DRAIN_INTERVAL = 0.02


def _tr(text: str) -> str:
    # One context for the words every kind of session uses (self.tr would take the
    # subclass's name in PySide6, and lupdate files them under "Session").
    return QCoreApplication.translate("Session", text)


class SessionState(StrEnum):
    """The session's life cycle, as the UI contract names it."""

    CLOSED = "closed"
    OPENING = "opening"
    OPEN = "open"


class Session(QObject):
    """One endpoint the user opened, living in the GUI thread.

    It starts and stops the workers, re-emits their events as signals, owns the traffic log
    and keeps exact counters. The UI talks only to sessions, never to workers or sockets.
    """

    #: The state changed; carries the new :class:`SessionState` value.
    stateChanged = Signal(str)
    #: The status line changed: the current state or the last error, in words.
    statusChanged = Signal(str)
    #: New entries were appended to :attr:`log`.
    logAppended = Signal()
    #: Raw traffic arrived: a list of :class:`~app.traffic.chunk.Chunk` (RX and TX, in arrival
    #: order, as read from / written to the sockets), whatever the framing and the log budget.
    #: For printers and scenario checks; work that grows with traffic belongs in a tap.
    chunksArrived = Signal(list)
    #: A connection opened (server: a client connected; client: connected).
    connectionOpened = Signal(object)
    #: A connection ended; it is no longer in :meth:`connections`.
    connectionClosed = Signal(object)
    #: A connection event (:class:`~app.traffic.events.ConnectionEvent`: connected,
    #: half-closed, closed and why, refused, connect failed), also stored in :attr:`log`
    #: after the data that came before it. For printers; the log view reads the store.
    connectionEvent = Signal(object)
    #: Recording stopped because of an error (message in words); the session goes on.
    recordingFailed = Signal(str)
    #: Periodic sends made so far by :meth:`start_periodic` (at most ~20 times a second).
    #: Counts and byte counts here travel as ``object``: Qt's ``int`` is 32 bits.
    periodicProgress = Signal(object)
    #: The periodic send ended: sends made, why in words ("" for count reached or stopped).
    periodicDone = Signal(object, str)
    #: File send progress: (bytes handed to the connections, file size).
    fileProgress = Signal(object, object)
    #: The file send ended: bytes handed over, why in words ("" when the whole file went).
    fileDone = Signal(object, str)

    #: Who opens this kind's connections: ``"peer"`` (a server accepts them) or ``"local"``
    #: (a client dials). Recordings and pcapng files put the SYN on that side.
    initiator = "peer"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = SessionState.CLOSED
        self._status = ""
        self._status_error = False
        self.sink = TrafficSink(self)
        self.sink.ready.connect(self._on_traffic_ready)
        self._last_drain = 0.0
        self._drain_timer = QTimer(self)
        self._drain_timer.setSingleShot(True)
        self._drain_timer.timeout.connect(self._drain)
        #: Drained entries not stored yet (a burst of more than DRAIN_ENTRIES), oldest first,
        #: with how many frames and bytes they hold.
        self._backlog: deque[EntryRun] = deque()
        self._backlog_frames = 0
        self._backlog_bytes = 0
        self.log = LogStore()
        self._connections: dict[int, TcpConnection] = {}
        self._peer_labels: dict[int, str] = {}
        #: Pseudo connections naming a send to several ("→ 3 clients"), by client count; never
        #: pruned (one per count ever used). Written from send workers too, hence the lock.
        self._group_ids: dict[int, int] = {}
        self._group_labels: dict[int, str] = {}
        self._group_lock = threading.Lock()
        #: Labels nothing needs any more (connection gone, no entry in the log), oldest first:
        #: forgetting them costs what changed, not the size of the log (a dict as ordered set).
        self._unneeded_labels: dict[int, None] = {}
        self.log.on_released = self._on_log_released
        #: True while close() stops the connections: what they had pending for the log is
        #: dropped (counted as trimmed), not rendered just before it is discarded.
        self._closing = False
        #: Bytes of connections that have ended: totals stay exact after a disconnect.
        self._ended_rx = 0
        self._ended_tx = 0
        self._ended_rx_chunks = 0
        self._ended_tx_chunks = 0
        self._framing = FramingConfig()
        self.recorder: Recorder | None = None
        self.recordingFailed.connect(self._on_recording_failed)
        self.send_jobs = SendJobs(self)
        #: Echo and rules, answered in the receive workers (see :meth:`set_auto_reply`).
        self.auto_reply = AutoReply()
        self.send_jobs.periodicProgress.connect(self.periodicProgress)
        self.send_jobs.periodicDone.connect(self.periodicDone)
        self.send_jobs.fileProgress.connect(self.fileProgress)
        self.send_jobs.fileDone.connect(self.fileDone)

    # -- state -----------------------------------------------------------------------------
    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def status(self) -> str:
        return self._status

    def _set_state(self, state: SessionState) -> None:
        if state != self._state:
            self._state = state
            if state == SessionState.CLOSED:
                self.send_jobs.stop()  # nothing left to send to
                self.auto_reply.stop()  # delayed replies have nobody to go to
            self.stateChanged.emit(str(state))

    @property
    def status_error(self) -> bool:
        """True when :attr:`status` reports an error (a network failure, a reset)."""
        return self._status_error

    def _set_status(self, text: str, error: bool = False) -> None:
        self._status = text
        self._status_error = error
        self.statusChanged.emit(text)

    # -- connection events -----------------------------------------------------------------
    def _log_event(self, kind: EventKind, conn_id: int, peer: str, text: str,
                   error: bool = False) -> ConnectionEvent:
        """Store a connection event in the log, after the data that came before it, and
        emit it as :attr:`connectionEvent`."""
        self.flush_log()  # what arrived before the event is logged before it
        event = ConnectionEvent(kind, conn_id, peer, text, time.monotonic(), error)
        self.log.append_event(event)
        self.connectionEvent.emit(event)
        self.logAppended.emit()
        return event

    # -- connections and counters ----------------------------------------------------------
    def connections(self) -> list[TcpConnection]:
        """Open connections, oldest first."""
        return list(self._connections.values())

    def connection(self, conn_id: int) -> TcpConnection | None:
        return self._connections.get(conn_id)

    def peer_label(self, conn_id: int) -> str:
        """``host:port`` of the peer of ``conn_id``, also after it disconnected."""
        label = self._peer_labels.get(conn_id)
        if label is None:
            label = self._group_labels.get(conn_id, "?")
        return label

    def rx_total(self) -> int:
        """Exact number of bytes received by this session since it was created or reset."""
        return self._ended_rx + sum(c.rx_bytes for c in self._connections.values())

    def tx_total(self) -> int:
        """Exact number of bytes sent (written to the socket) by this session."""
        return self._ended_tx + sum(c.tx_bytes for c in self._connections.values())

    def rx_messages(self) -> int:
        return self._ended_rx_chunks + sum(c.rx_chunks for c in self._connections.values())

    def tx_messages(self) -> int:
        return self._ended_tx_chunks + sum(c.tx_chunks for c in self._connections.values())

    def reset_counters(self) -> None:
        """Start the totals from zero (the user's Reset button)."""
        self._ended_rx = -sum(c.rx_bytes for c in self._connections.values())
        self._ended_tx = -sum(c.tx_bytes for c in self._connections.values())
        self._ended_rx_chunks = -sum(c.rx_chunks for c in self._connections.values())
        self._ended_tx_chunks = -sum(c.tx_chunks for c in self._connections.values())

    def _adopt(self, conn: TcpConnection) -> None:
        """Take a new connection into the session and start its workers."""
        self._connections[conn.conn_id] = conn
        self._peer_labels[conn.conn_id] = conn.peer
        conn.framing = self._framing
        conn.ended.connect(self._on_connection_ended)
        conn.halfClosed.connect(self._on_half_closed)
        self._log_event(EventKind.CONNECTED, conn.conn_id, conn.peer, _tr("connected"))
        conn.start()
        self.connectionOpened.emit(conn)

    @Slot(object)
    def _on_half_closed(self, conn_id: int) -> None:
        conn = self._connections.get(conn_id)
        if conn is None:
            return
        self._log_event(EventKind.HALF_CLOSED, conn_id, conn.peer,
                        _tr("finished sending (half-close); you can still send"))
        self._connection_half_closed(conn)

    def _connection_half_closed(self, conn: TcpConnection) -> None:
        """Subclasses update their status when a peer finishes sending."""

    @Slot(object)
    def _on_connection_ended(self, conn_id: int) -> None:
        conn = self._connections.pop(conn_id, None)
        if conn is None:
            return
        conn.close(STOP_WAIT_MS)
        if self.recorder is not None:
            self.recorder.connection_ended(conn_id, time.monotonic())
        self._ended_rx += conn.rx_bytes
        self._ended_tx += conn.tx_bytes
        self._ended_rx_chunks += conn.rx_chunks
        self._ended_tx_chunks += conn.tx_chunks
        # What it received before it ended (its worker flushed the framing before ending)
        # belongs before its farewell (_log_event drains first).
        self._log_event(EventKind.CLOSED, conn_id, conn.peer, conn.end_note or _tr("closed"),
                        conn.end_error)
        self.auto_reply.forget(conn_id)
        self.connectionClosed.emit(conn)
        self._connection_ended(conn)
        self.send_jobs.stop_orphaned()
        if not self.log.holds(conn_id):
            self._label_unneeded(conn_id)

    def _connection_ended(self, conn: TcpConnection) -> None:
        """Subclasses update their status when a connection ends."""

    def _on_log_released(self, conn_id: int) -> None:
        """The log's last entry of ``conn_id`` was trimmed or cleared."""
        if conn_id not in self._connections:
            self._label_unneeded(conn_id)

    def _label_unneeded(self, conn_id: int) -> None:
        """Nothing needs ``conn_id``'s label now; past :data:`PEER_LABELS_KEPT` labels the
        oldest such are forgotten. A server that sees clients come and go all day would
        otherwise keep every label; the cost is per change, never a scan of the log."""
        if conn_id not in self._peer_labels:
            return
        unneeded = self._unneeded_labels
        unneeded[conn_id] = None
        labels = self._peer_labels
        while len(labels) > PEER_LABELS_KEPT and unneeded:
            old = next(iter(unneeded))
            del unneeded[old]
            if old not in self._connections and not self.log.holds(old):
                labels.pop(old, None)

    def _close_all_connections(self) -> None:
        """Stop every connection: wake them all first, then wait, so N clients take ~1 wait.

        What arrived before the call is stored first (drains are spaced, so up to 20 ms of
        it may still wait); what the connections hand over while they stop is dropped and
        counted as trimmed, not stored and rendered just before the page goes (counters and
        recordings are exact regardless).
        """
        conns = list(self._connections.values())
        self.flush_log()
        self._closing = True
        try:
            for conn in conns:
                conn.abort()
            for conn in conns:
                conn.wait(STOP_WAIT_MS)
            for conn in conns:
                self._on_connection_ended(conn.conn_id)
        finally:
            self._closing = False

    # -- sending ---------------------------------------------------------------------------
    def send(self, data: bytes, targets: Targets | Iterable[int], log: bool = True,
             wait: threading.Event | None = None) -> int:
        """Queue ``data`` to ``targets``; returns how many connections took it.

        ``targets`` is :data:`app.send.targets.ALL` (every open connection) or connection
        ids: exactly those that are still open, so an empty list or ids that are all gone
        reach nobody (0). Each connection's send worker writes it out. A connection whose
        send queue is full (:data:`app.net.send_bound.MAX_QUEUED`: its peer does not
        read) refuses it; with ``wait`` (a worker's stop event) the call instead waits for
        room until ``wait`` is set. Without ``wait`` it never blocks. Safe to call from the
        periodic and file send workers too (it reads a snapshot).

        The log shows a send to one connection as that connection's TX entry, a send to
        several as one entry naming how many took it ("TX → 30 clients › …"), stamped when
        queued; ``log=False`` makes no entry at all (a file send logs its own summary).
        Counters, taps and :attr:`chunksArrived` still see every write of every connection.
        """
        return self.offer(data, targets, log, wait)[0]

    def offer(self, data: bytes, targets: Targets | Iterable[int], log: bool = True,
              wait: threading.Event | None = None) -> tuple[int, int]:
        """As :meth:`send`; returns ``(took, full)``: how many connections took ``data``
        and how many refused it because their send queue was full."""
        wanted = as_targets(targets)
        if not data:
            return 0, 0
        if wanted.ids is None:
            conns = self.connections()
        else:
            conns = [c for i in wanted.ids if (c := self._connections.get(i)) is not None]
        full = 0
        if log and len(conns) <= 1:
            payload = data
        else:
            # One copy shared by every connection, marked so that no write makes an entry.
            payload = SummarisedSend(data)
        took_ids: list[int] = []
        for conn in conns:
            if conn.send(payload, wait):
                took_ids.append(conn.conn_id)
            elif conn.is_full(len(data)):
                full += 1
        took = len(took_ids)
        if log and took and payload is not data:
            self.log_note_for(took_ids, data, note=False)
        return took, full

    def discard_queued(self, targets: Targets | Iterable[int] | None = None) -> int:
        """Drop what waits in the send queues of ``targets`` (None: every connection), not yet
        written; returns the bytes dropped."""
        if targets is None:
            conns = self.connections()
        else:
            ids = as_targets(targets).live(list(self._connections))
            conns = [self._connections[i] for i in ids]
        return sum(conn.discard_queued() for conn in conns)

    def log_note_for(self, conn_ids: list[int], data: bytes, note: bool = True) -> None:
        """Add one TX log entry for ``conn_ids``: under that connection's peer when there is
        one, else under "→ N clients". ``note``: ``data`` is words (UTF-8) about the
        traffic, shown as text in every mode, rather than the bytes sent. Any thread."""
        if not conn_ids:
            return
        conn_id = conn_ids[0] if len(conn_ids) == 1 else self._group_id(len(conn_ids))
        body = NoteText(data) if note else bytes(data)
        self.sink.push_entries(conn_id, Direction.TX, [FrameRun(time.monotonic(), body)])

    def _group_id(self, count: int) -> int:
        """The pseudo connection id whose peer label is "→ {count} clients" (any thread)."""
        with self._group_lock:
            conn_id = self._group_ids.get(count)
            if conn_id is None:
                conn_id = self._group_ids[count] = next_connection_id()
                self._group_labels[conn_id] = QCoreApplication.translate(
                    "Session", "→ {n} clients").format(n=count)
            return conn_id

    def reconnects(self) -> bool:
        """True while the session would make a dropped connection again: a periodic send then
        skips its sends instead of ending (the client session overrides it)."""
        return False

    def live_targets(self, targets: Targets | Iterable[int]) -> list[int]:
        """The ids of the open connections ``targets`` reaches now, oldest first.

        Safe from worker threads: it reads a snapshot of the ids.
        """
        return as_targets(targets).live(list(self._connections))

    # -- periodic and file sends (jobs of the session, stopped by close()) ---------------
    def start_periodic(self, payload: bytes, interval_s: float, count: int,
                       targets: Targets | Iterable[int]) -> bool:
        """Send ``payload`` now and every ``interval_s`` s, ``count`` times (0 = until
        stopped); False (nothing started) when it is empty or no target is connected.

        Ends by itself when every target has gone; progress and the end arrive as
        :attr:`periodicProgress` and :attr:`periodicDone`.
        """
        return self.send_jobs.start_periodic(payload, interval_s, count, as_targets(targets))

    def stop_periodic(self) -> int:
        """Stop the periodic send (waits for its worker); returns the sends made."""
        return self.send_jobs.stop_periodic()

    def start_file_send(self, path: pathlib.Path, targets: Targets | Iterable[int]) -> bool:
        """Send the bytes of ``path`` to ``targets`` from a worker; False when no target is
        connected. Progress and the end arrive as :attr:`fileProgress` and :attr:`fileDone`.
        """
        return self.send_jobs.start_file_send(path, as_targets(targets))

    def cancel_file_send(self) -> None:
        """Ask the file send to stop; :attr:`fileDone` follows."""
        self.send_jobs.cancel_file_send()

    def queued_bytes(self) -> int:
        """Bytes handed to :meth:`send` that are not written to a socket yet."""
        return sum(c.queued_bytes for c in self.connections())

    # -- automatic replies ------------------------------------------------------------------
    def set_auto_reply(self, echo: bool, rules: tuple = ()) -> None:
        """Echo every received message, or answer it by the first matching rule of ``rules``
        (:class:`~app.autoreply.rules.Rule`, see :mod:`app.autoreply.rules_file`); a
        message no rule matches is echoed when ``echo`` is on. Applies at once, to open
        connections too; replies are made in the receive workers."""
        self.auto_reply.configure(echo, rules)
        # Only in the tap list while it has something to do: no cost per read otherwise.
        if self.auto_reply.active and self.auto_reply not in self.sink.taps:
            self.sink.taps.add(self.auto_reply)
        elif not self.auto_reply.active:
            self.sink.taps.remove(self.auto_reply)

    def _signal_from_other_than(self, current: QObject | None) -> bool:
        """True in a slot called by a worker other than ``current``: a stale one, whose
        signal was on its way when the user stopped it (and maybe started a new one)."""
        sender = self.sender()
        return sender is not None and sender is not current

    # -- log -------------------------------------------------------------------------------
    @Slot()
    def _on_traffic_ready(self) -> None:
        wait = self._last_drain + DRAIN_INTERVAL - time.monotonic()
        if wait <= 0:
            self._drain()
        elif not self._drain_timer.isActive():
            self._drain_timer.start(int(wait * 1000) + 1)

    def flush_log(self) -> None:
        """Store everything that arrived so far, a burst's backlog included (before an event
        or a state change is logged, so the log keeps the order things happened in)."""
        self._drain()
        while self._backlog and not self._closing:
            self._store([])
        self._drain_timer.stop()

    @Slot()
    def _drain(self) -> None:
        self._last_drain = time.monotonic()
        chunks, entries = self.sink.drain()
        if chunks:
            self.chunksArrived.emit(chunks)
        if self._closing:
            self.drop_backlog()
            if entries:
                self.log.count_dropped(sum(run.count for _c, _d, run in entries),
                                       sum(len(run.data) for _c, _d, run in entries))
        elif entries or self._backlog:
            self._store(entries)
            self.logAppended.emit()
            if self._backlog and not self._drain_timer.isActive():
                self._drain_timer.start(int(DRAIN_INTERVAL * 1000))  # the rest of a burst

    def _store(self, entries: list[EntryRun]) -> None:
        """Store the drained entries (framed in the workers), at most :data:`DRAIN_ENTRIES`
        per drain, oldest first; the rest wait in the backlog for the next drains.

        The cost is bounded per drain: runs are split only where a drain ends. A backlog over
        :data:`BACKLOG_ENTRIES` or :data:`BACKLOG_BYTES` loses its oldest entries (counted as
        dropped: a flood no reader can follow; counters and recordings keep every byte).
        """
        backlog = self._backlog
        for item in entries:
            backlog.append(item)
            self._backlog_frames += item[2].count
            self._backlog_bytes += len(item[2].data)
        self._trim_backlog()
        append = self.log.append
        room = DRAIN_ENTRIES
        while backlog and room > 0:
            conn_id, direction, run = backlog[0]
            if run.count > room:  # store the oldest ``room`` frames of it, keep the rest
                head, rest = run.split(room)
                backlog[0] = (conn_id, direction, rest)
                self._backlog_frames -= room
                self._backlog_bytes -= sum(map(len, head))
                for data in head:
                    append(conn_id, direction, run.t, data)
                return
            backlog.popleft()
            self._backlog_frames -= run.count
            self._backlog_bytes -= len(run.data)
            room -= run.count
            if run.count == 1:
                append(conn_id, direction, run.t, run.data)
            else:
                for data in run.frames():
                    append(conn_id, direction, run.t, data)

    def _trim_backlog(self) -> None:
        """Drop the backlog's oldest entries beyond its bounds (counted as dropped)."""
        backlog = self._backlog
        dropped_entries = dropped_bytes = 0
        while backlog and (self._backlog_frames > BACKLOG_ENTRIES
                           or self._backlog_bytes > BACKLOG_BYTES):
            conn_id, direction, run = backlog[0]
            excess = max(self._backlog_frames - BACKLOG_ENTRIES, 0)
            if run.count > excess > 0 and self._backlog_bytes <= BACKLOG_BYTES:
                oldest, rest = run.split(excess)  # drop only the oldest frames of it
                size = sum(map(len, oldest))
                backlog[0] = (conn_id, direction, rest)
                dropped_entries += excess
                dropped_bytes += size
                self._backlog_frames -= excess
                self._backlog_bytes -= size
                break
            backlog.popleft()
            dropped_entries += run.count
            dropped_bytes += len(run.data)
            self._backlog_frames -= run.count
            self._backlog_bytes -= len(run.data)
        if dropped_entries:
            self.log.count_dropped(dropped_entries, dropped_bytes)

    def drop_backlog(self) -> None:
        """Forget the entries not stored yet, counted as dropped (the log was cleared, or the
        session closes)."""
        if self._backlog:
            self.log.count_dropped(self._backlog_frames, self._backlog_bytes)
            self._backlog.clear()
            self._backlog_frames = self._backlog_bytes = 0

    # -- framing ---------------------------------------------------------------------------
    @property
    def framing(self) -> FramingConfig:
        return self._framing

    def set_framing(self, config: FramingConfig) -> None:
        """Cut received data this way from now on.

        Each connection's receive worker applies it within its poll interval (0.25 s): it
        first hands over what is pending, framed the old way, so no byte is held back.
        """
        if config == self._framing:
            return
        self._framing = config
        for conn in self._connections.values():
            conn.framing = config

    # -- recording -------------------------------------------------------------------------
    def start_recording(self, path: pathlib.Path, both_directions: bool = False) -> None:
        """Write every received (and optionally sent) byte to ``path`` from now on.

        Raises ``OSError`` when the file cannot be opened. Recording happens in the workers,
        before the log store trims anything, so the file is complete.
        """
        self.stop_recording()
        recorder = Recorder(path, both_directions, on_error=self.recordingFailed.emit)
        recorder.initiator = self.initiator
        recorder.open()
        self.recorder = recorder
        self.sink.taps.add(recorder, 0)  # first: it records what the others then act on

    def stop_recording(self) -> int:
        """Stop recording; returns the number of payload bytes written."""
        recorder, self.recorder = self.recorder, None
        if recorder is None:
            return 0
        self.sink.taps.remove(recorder)
        recorder.close()
        return recorder.bytes_written

    @Slot(str)
    def _on_recording_failed(self, message: str) -> None:
        # The recorder already closed its file; stop feeding it.
        if self.recorder is not None and not self.recorder.is_active:
            self.sink.taps.remove(self.recorder)
            self.recorder = None

    # -- life cycle ------------------------------------------------------------------------
    def close(self) -> None:
        """Stop every worker of this session; returns when they have finished."""
        raise NotImplementedError
