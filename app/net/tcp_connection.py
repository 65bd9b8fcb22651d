"""One open TCP connection: a receive thread, a send thread, exact counters.

The two loops are :class:`~app.workers.Worker` threads (plain Python threads): a connection
costs one descriptor, its socket, and two threads.

Both loops use a blocking socket with a short timeout so they can notice a stop request on
every platform; ``shutdown()`` wakes them sooner where the OS allows it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import queue
import select
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.net.endpoints import display_host, format_endpoint
from app.net.errors import describe_io_error
from app.net.send_bound import SendBound
from app.traffic.chunk import Chunk, Direction, SummarisedSend
from app.traffic.framing import FrameRun, FramingConfig
from app.traffic.live_framing import LiveFraming
from app.traffic.sink import TrafficSink
from app.workers import Worker, crash_text

#: Most bytes one ``recv()`` asks for (a flood is read in pieces this big).
RECV_SIZE = 256 * 1024
#: What a ``recv()`` asks for while reads are small. Python allocates the whole size asked
#: for on every call, and an allocation this far above malloc's mmap threshold costs a fresh
#: mapping and page faults each time: asking 256 KiB for a 64-byte request cost about 35 µs
#: of a 50 µs echo round trip. A read that fills this size switches to :data:`RECV_SIZE`
#: (a flood); a read well under it switches back.
RECV_SMALL = 64 * 1024
SEND_SLICE = 1024 * 1024
#: Largest automatic reply :meth:`TcpConnection.send_now` writes from the receive loop.
DIRECT_MAX = 64 * 1024
#: Most bytes :meth:`TcpConnection.send` writes at once in the caller's thread (when nothing
#: is queued, the socket has room and no reply is being handed on). A broadcast to 1,000
#: clients is then 1,000 writes in one thread instead of 1,000 send loops each woken through
#: the interpreter lock (which took seconds); bigger payloads go through the send loop, so
#: the caller (maybe the GUI thread) never copies much.
DIRECT_SEND_MAX = 4096
#: How long a blocked loop may go without checking its stop flag.
POLL_INTERVAL = 0.25
#: After the peer finished sending, how long the connection stays open for a reply, counted
#: from the FIN or the last write, whichever is later. A full close and a half-close look the
#: same to us (both are a FIN), so without a limit every device that connects, sends and
#: closes would stay listed — and hold a descriptor — until the user disconnected it.
HALF_CLOSE_LINGER = 30.0

_ids = itertools.count(1)
#: Where ``os.write`` works on a socket's descriptor (not on Windows, whose sockets are not
#: file descriptors).
_WRITE_FD = os.name == "posix"


def write_without_waiting(sock: socket.socket, data: bytes | memoryview) -> int:
    """Write what fits of ``data`` into ``sock``'s send buffer now; 0 when nothing fits.
    Never waits. Raises ``OSError`` as ``send()`` does (a reset, a closed peer).

    Python's ``send()`` on a socket with a timeout calls ``poll()`` before each ``send``; a
    reply or a broadcast nearly always finds room, so where it can this is one ``write()`` on
    the descriptor, which Python's timeout mode has made non-blocking.
    """
    if _WRITE_FD and sock.gettimeout():  # a timeout: the descriptor is non-blocking
        try:
            return os.write(sock.fileno(), data)
        except BlockingIOError:
            return 0
    _, writable, _ = select.select([], [sock], [], 0)
    return sock.send(data) if writable else 0
_log = logging.getLogger(__name__)


def next_connection_id() -> int:
    """A process-wide unique connection id (also used by UDP peers)."""
    return next(_ids)


@dataclass(frozen=True, slots=True)
class AcceptedSocket:
    """A freshly connected socket with its addresses, read in the worker that made it."""

    sock: socket.socket
    peer: tuple
    local: tuple

    @classmethod
    def wrap(cls, sock: socket.socket) -> AcceptedSocket:
        """Read the addresses and set the polling timeout (call in a worker thread)."""
        sock.settimeout(POLL_INTERVAL)
        return cls(sock, sock.getpeername(), sock.getsockname())


class _ConnectionLoop(Worker):
    """One of a connection's two loops: named after the connection, stopped with it."""

    #: Names the thread: ``tcp-<kind>-<connection id>``.
    kind = ""

    def __init__(self, conn: TcpConnection) -> None:
        super().__init__(f"tcp-{self.kind}-{conn.conn_id}", conn.stop_event)
        self._conn = conn


class _ReceiveThread(_ConnectionLoop):
    """Reads until the peer finishes sending, an error occurs or a stop is requested.

    When the peer finishes sending (``recv()`` returns ``b""``: a FIN, which a half-close
    ``shutdown(SHUT_WR)`` and a full close both send) the connection stays open for our
    replies: the loop says so (:attr:`halfClosed`) and then only watches for the end (a
    reset, an error, a stop) without reading, so it does not spin on the EOF.
    """

    kind = "recv"
    #: The peer finished sending; what it sent before is already pushed to the sink.
    halfClosed = Signal()
    #: The loop ended; the owner reads ``end_reason`` (empty when we asked it to stop).
    ended = Signal()

    def task(self) -> str:
        return QCoreApplication.translate("TcpConnection", "receiving from {peer}").format(
            peer=self._conn.peer)

    def on_crash(self, message: str) -> None:
        # End as the loop ends on an error: the reason, the send loop stopped, the socket
        # closed here once nobody else uses it, and the owner told.
        conn = self._conn
        conn.note_end(message, conn.tr("closed: {reason}").format(reason=message), error=True)
        conn.abort()
        conn.send_thread.wait()
        conn.sock.close()
        self.ended.emit()

    def run(self) -> None:
        conn = self._conn
        sock = conn.sock
        stop = conn.stop_event
        push = conn.sink.push
        order = conn.order_lock
        # Back-pressure: while this connection's share of the hand-over to the GUI thread is
        # full, stop reading; the kernel's buffers fill and TCP slows the sender. Nothing is
        # dropped.
        wait_for_room = conn.sink.wait_for_room
        conn_id = conn.conn_id
        # Framing happens here, on arrival times (app.traffic.live_framing): a line flood
        # costs the worker, not the GUI thread, and the GUI's load cannot change the entries.
        live = LiveFraming(conn.framing)

        def frames_due(conn_id: int, direction: Direction, entries: list[FrameRun]) -> None:
            # Entries that fall due without a read are messages too (auto-reply answers
            # them), handed on under the order lock like a read.
            if entries:
                with order:
                    conn.sink.push_entries(conn_id, direction, entries, conn)
        timeout = POLL_INTERVAL
        size = RECV_SMALL
        try:
            while not stop.is_set():
                wait = live.wait(time.monotonic(), POLL_INTERVAL)
                if wait != timeout:  # settimeout is a system call: only when it changes
                    sock.settimeout(wait)
                    timeout = wait
                try:
                    data = sock.recv(size)
                except TimeoutError as exc:
                    if exc.errno is not None:
                        raise  # the kernel's ETIMEDOUT (keep-alive unanswered), not our poll
                    if conn.framing is not live.config:
                        frames_due(conn_id, Direction.RX, live.reconfigure(conn.framing))
                    frames_due(conn_id, Direction.RX, live.due(time.monotonic()))
                    continue
                if not data:
                    if not stop.is_set():
                        # What is pending is shown before the half-close is reported.
                        frames_due(conn_id, Direction.RX, live.close())
                        conn.half_closed = True
                        self.halfClosed.emit()
                        _wait_for_end(sock, stop, conn)
                    break
                t = time.monotonic()
                if len(data) >= RECV_SMALL:
                    size = RECV_SIZE
                elif size != RECV_SMALL and len(data) < RECV_SMALL // 2:
                    size = RECV_SMALL
                if conn.framing is not live.config:
                    # Changed from the GUI thread: what was pending is framed the old way,
                    # this read (taken after the change) the new way.
                    frames_due(conn_id, Direction.RX, live.reconfigure(conn.framing))
                with order:  # see TcpConnection.order_lock
                    conn.rx_bytes += len(data)
                    conn.rx_chunks += 1
                    conn.last_active = t
                    push(Chunk(conn_id, Direction.RX, data, t), conn, live.feed(data, t))
                wait_for_room(conn_id, stop)
                if conn.read_gate is not None:
                    conn.read_gate(stop)  # e.g. a relay: wait until the other side has room
        except OSError as exc:
            if not stop.is_set():
                conn.note_error(exc)
        # What is pending is shown before the end is reported (ended → the session's drain).
        frames_due(conn_id, Direction.RX, live.close())
        # The peer is gone: let the send loop end too, then close the socket here, in the
        # worker, once nobody else uses it.
        conn.stop_event.set()
        conn.send_queue.put(None)
        conn.send_thread.wait()
        sock.close()
        self.ended.emit()


def _wait_for_end(sock: socket.socket, stop: threading.Event, conn: TcpConnection) -> None:
    """After the peer's FIN: wait, without reading, for a stop or the connection's end, and
    note why it ended on ``conn`` (nothing on a stop).

    Where ``poll()`` exists, an error (a reset after we sent to a peer that had closed
    completely) or a hang-up wakes it; elsewhere only a stop or a failing send (which stops
    the connection) does. After :data:`HALF_CLOSE_LINGER` seconds with nothing sent and
    nothing queued, the connection ends by itself.
    """
    poll = getattr(select, "poll", None)
    poller = poll() if poll is not None else None
    if poller is not None:
        poller.register(sock, select.POLLERR | select.POLLHUP)
    since = time.monotonic()
    while not stop.is_set():
        if poller is None:
            woke = stop.wait(POLL_INTERVAL)
        else:
            woke = bool(poller.poll(int(POLL_INTERVAL * 1000)))
        if not woke:
            quiet_since = max(since, conn.last_write)
            if not conn.queued_bytes and time.monotonic() - quiet_since >= HALF_CLOSE_LINGER:
                seconds = f"{HALF_CLOSE_LINGER:g}"
                conn.note_end(
                    QCoreApplication.translate(
                        "TcpConnection",
                        "{peer} had finished sending and nothing was sent to it for {s} s: "
                        "closed.").format(peer=conn.peer, s=seconds),
                    QCoreApplication.translate(
                        "TcpConnection",
                        "closed: it had finished sending, nothing sent for {s} s").format(
                        s=seconds))
                return
            continue
        if stop.is_set():
            return
        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if code:
            conn.note_error(OSError(code, os.strerror(code)))
        else:
            conn.note_end(conn.tr_closed_by_peer(),
                          QCoreApplication.translate("TcpConnection", "closed by the peer"))
        return


class _SendThread(_ConnectionLoop):
    """Drains the connection's send queue so a slow peer never blocks the GUI thread."""

    kind = "send"

    def task(self) -> str:
        return QCoreApplication.translate("TcpConnection", "sending to {peer}").format(
            peer=self._conn.peer)

    def on_crash(self, message: str) -> None:
        # The receive loop, woken by abort(), ends the connection with this reason.
        conn = self._conn
        conn.note_end(message, conn.tr("closed: {reason}").format(reason=message), error=True)
        conn.abort()

    def run(self) -> None:
        conn = self._conn
        sock = conn.sock
        stop = conn.stop_event
        q = conn.send_queue
        while True:
            data = q.get()
            if data is None or stop.is_set():
                return
            if not data:  # close_after_sending(): everything before it is written
                conn.end_reason = conn.end_reason or conn.tr_closed_by_reply()
                conn.abort()
                return
            view = memoryview(data)
            sent_total = 0
            pushed = False
            try:
                while sent_total < len(view) and not stop.is_set():
                    # Wait for room outside the order lock, so a peer that does not read never
                    # holds up the receive loop; the send below then does not wait.
                    _, writable, failed = select.select([], [sock], [sock], POLL_INTERVAL)
                    if not (writable or failed):
                        continue
                    with conn.order_lock:
                        try:
                            n = sock.send(view[sent_total : sent_total + SEND_SLICE])
                        except TimeoutError as exc:
                            if exc.errno is not None:
                                raise  # the kernel's ETIMEDOUT, not our poll
                            continue
                        sent_total += n
                        conn.tx_bytes += n
                        if sent_total == len(view):
                            # Recorded before the receive loop can record a reply to it.
                            _hand_on_sent(conn, data, sent_total)
                            pushed = True
            except OSError as exc:
                if not stop.is_set():
                    conn.note_error(exc)
                conn.abort()
            finally:
                conn.account_dequeued(len(data))
                if sent_total and not pushed:
                    _hand_on_sent(conn, data, sent_total)  # cut short: what went out
            view.release()


def _hand_on_sent(conn: TcpConnection, data: bytes, sent: int) -> None:
    """Count the write of ``sent`` bytes of ``data`` and hand them to the sink (taps, log)."""
    chunk = data if sent == len(data) else bytes(data[:sent])
    conn.tx_chunks += 1
    conn.last_write = conn.last_active = t = time.monotonic()
    # A summarised send's entry is logged once by the session, not per write; the end of a
    # payload whose start was written directly logs the whole payload.
    entries: list[FrameRun] | None = None
    if isinstance(data, SummarisedSend):
        entries = []
    elif isinstance(data, _Rest) and chunk is data:
        entries = [FrameRun(t, data.whole)]
    conn.sink.push(Chunk(conn.conn_id, Direction.TX, chunk, t), conn, entries)


class _Rest(bytes):
    """The unwritten end of a payload whose start :meth:`TcpConnection.send` wrote directly;
    ``whole`` is the payload, which its log entry shows."""

    whole: bytes


class TcpConnection(QObject, SendBound):
    """A connected TCP socket with its receive and send workers and exact byte counters."""

    #: The receive loop ended: peer closed, error, crash or stop (GUI thread, queued); carries
    #: the connection id (``object``: Qt's ``int`` is 32 bits).
    ended = Signal(object)
    #: The peer finished sending (half-close); the connection stays open for sending
    #: (GUI thread, queued). Carries the connection id, as :attr:`ended`.
    halfClosed = Signal(object)

    def __init__(self, accepted: AcceptedSocket, sink: TrafficSink,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conn_id = next_connection_id()
        self.sock = accepted.sock
        self.sink = sink
        # A dual-stack server sees IPv4 clients as ::ffff:a.b.c.d; users know them as a.b.c.d.
        self.peer_host, self.peer_port = display_host(accepted.peer[0]), accepted.peer[1]
        self.peer = format_endpoint(self.peer_host, self.peer_port)
        self.local = format_endpoint(accepted.local[0], accepted.local[1])
        self.since = time.time()
        self.rx_bytes = 0
        self.tx_bytes = 0
        #: ``time.monotonic()`` of the last write to the socket (0: none yet).
        self.last_write = 0.0
        self.rx_chunks = 0
        self.tx_chunks = 0
        #: Bytes handed to send() that the send loop has not finished with yet.
        self.queued_bytes = 0
        #: Guards :attr:`queued_bytes`; notified when the send loop frees room.
        self._room = threading.Condition()
        #: Why the connection ended, in a sentence for the status line ("" until known).
        self.end_reason = ""
        #: Why it ended, as the log's close event says it after the peer (e.g. "closed by
        #: the peer"), and whether that is an error; see :meth:`note_end`.
        self.end_note = ""
        self.end_error = False
        #: The peer has finished sending (its FIN arrived); we may still send.
        self.half_closed = False
        #: close_after_sending() was called: sends are queued behind that close.
        self._close_pending = False
        #: The socket has SO_LINGER 0 (closing resets): a stop must not send FIN first.
        self.reset_on_close = False
        #: ``time.monotonic()`` of the last byte received or sent (the client list shows it).
        self.last_active = time.monotonic()
        #: How the receive worker cuts received bytes into log entries. Replace it (from any
        #: thread) to change the framing: the worker notices within POLL_INTERVAL, hands over
        #: what is pending under the old framing first, then uses the new one.
        self.framing = FramingConfig()
        #: Called by the receive loop after each read, outside :attr:`order_lock`, with the
        #: stop event; it may block to hold back the next read (a relay waits there for room
        #: in the other side's send queue, so TCP slows this peer). None: no gate.
        self.read_gate: Callable[[threading.Event], object] | None = None
        self.stop_event = threading.Event()
        #: Held while a received chunk is handed on, and from a send's last write until its
        #: chunk is handed on: the recorder and the taps then see a reply after the request it
        #: answers, however the two loops are scheduled.
        self.order_lock = threading.Lock()
        self.send_queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.send_thread = _SendThread(self)
        self._recv_thread = _ReceiveThread(self)
        self._recv_thread.ended.connect(self._on_receive_ended)
        self._recv_thread.halfClosed.connect(self._on_half_closed)

    def start(self) -> None:
        """Start both loops."""
        self._recv_thread.start()
        self.send_thread.start()

    def send(self, data: bytes, wait: threading.Event | None = None) -> bool:
        """Queue ``data``; False if the connection is ending or its queue is full.

        The queue holds at most :data:`~app.net.send_bound.MAX_QUEUED` bytes (one bigger
        payload when empty).
        Without ``wait`` a send that does not fit is refused at once (:meth:`is_full` then
        says why); with ``wait`` (a worker's stop event) it waits for room until the
        connection ends or ``wait`` is set. Any thread.
        """
        if self.stop_event.is_set() or not data:
            return False
        n = len(data)
        if n <= DIRECT_SEND_MAX and not self.queued_bytes and self._write_directly(data):
            return True
        return self._admit(n, wait, lambda: self.send_queue.put(data))

    def _write_directly(self, data: bytes) -> bool:
        """Write small ``data`` now, in the caller's thread, if that cannot wait: nothing
        queued or being written, no close pending, the socket writable, and
        :attr:`order_lock` free (the receive loop may be handing a read on and replying).
        What does not fit in the socket's buffer is queued behind it. False: nothing was
        written, queue it (an error is then met, and reported, by the send loop)."""
        order = self.order_lock
        if not order.acquire(blocking=False):
            return False
        try:
            if self.queued_bytes or self._close_pending or self.stop_event.is_set():
                return False
            try:
                # This thread holds the order lock; the only other writers need it too.
                sent = write_without_waiting(self.sock, data)
            except (OSError, ValueError):
                return False
            if not sent:
                return False
            self.tx_bytes += sent
            try:
                self._hand_on_direct(data, sent)
            except Exception as exc:  # a tap failed: as if in the send loop, not the caller
                message = crash_text(self.send_thread.task(), exc)
                _log.error("direct send to %s failed: %s", self.peer, message, exc_info=exc)
                self.note_end(message, self.tr("closed: {reason}").format(reason=message),
                              error=True)
                self.abort()
            return True
        finally:
            order.release()

    def _hand_on_direct(self, data: bytes, sent: int) -> None:
        """Hand on what :meth:`_write_directly` wrote (``sent`` bytes of ``data``) and queue
        the rest (the caller holds :attr:`order_lock`)."""
        if sent == len(data):
            _hand_on_sent(self, data, sent)
        else:
            # Part of it went. The rest is queued first, before the order lock goes (nothing
            # overtakes it) and before a tap can fail; once written it logs the whole payload
            # as one entry, as a queued send would. The part reaches the taps without one.
            rest: bytes
            if isinstance(data, SummarisedSend):
                rest = SummarisedSend(data[sent:])
            else:
                rest = _Rest(data[sent:])
                rest.whole = data
            with self._room:
                self.queued_bytes += len(rest)
                self.send_queue.put(rest)
            self.tx_chunks += 1
            self.last_write = self.last_active = t = time.monotonic()
            self.sink.push(Chunk(self.conn_id, Direction.TX, bytes(data[:sent]), t), self, [])

    def send_now(self, data: bytes) -> bool:
        """Write an automatic reply from the receive loop, while it hands a message on (it
        holds :attr:`order_lock`), when nothing sent earlier is still queued: no hand-over to
        the send loop, one thread switch less per message. Otherwise, or for more than
        :data:`DIRECT_MAX` bytes, it is queued as :meth:`send` does. A peer that does not read
        holds the receive loop here (TCP then slows the peer too) until the stop flag is set.
        """
        if self.stop_event.is_set() or not data:
            return False
        # queued_bytes drops to 0 only once the send loop has written all it took; with the
        # order lock held it cannot start a write either, so nothing goes out before this.
        if len(data) > DIRECT_MAX or self.queued_bytes:
            return self.send(data)
        sock = self.sock
        size = len(data)
        stop = self.stop_event
        sent = 0
        try:
            sent = write_without_waiting(sock, data)  # the usual case: all of it, at once
            self.tx_bytes += sent
            while sent < size and not stop.is_set():
                try:
                    # Sliced only after a short write: a reply usually goes in one.
                    n = sock.send(memoryview(data)[sent:] if sent else data)
                except TimeoutError as exc:
                    if exc.errno is not None:
                        raise
                    continue
                sent += n
                self.tx_bytes += n
        except OSError as exc:
            if not self.stop_event.is_set():
                self.end_reason = self.end_reason or describe_io_error(exc, self.peer)
            self.abort()
        finally:
            if sent:
                _hand_on_sent(self, data, sent)
        return sent == size

    def close_after_sending(self) -> None:
        """Close the connection once everything queued before this call is written (an
        automatic reply's ``close``). Any thread; nothing happens if it is already ending."""
        if not self.stop_event.is_set():
            self._close_pending = True  # later sends queue behind the close, never jump it
            self.send_queue.put(b"")  # send() never queues b"": it marks the close

    def discard_queued(self) -> int:
        """Drop what waits in the send queue (not what the send loop is writing now);
        returns the bytes dropped. Any thread. The wake-ups of a stop (None) and of a close
        after a reply (b"") stay."""
        return self._drop_waiting(lambda data: len(data) if data else None)

    def note_end(self, reason: str, note: str, error: bool = False) -> None:
        """Record why the connection ends, unless a cause is already recorded (the first
        wins: a user's Disconnect is not turned into a reset by the shutdown it causes).

        ``reason`` is a sentence for the status line, ``note`` the words after the peer in
        the log's close event. Safe from any thread (set before the loops end).
        """
        if not self.end_note:
            self.end_reason = self.end_reason or reason
            self.end_note = note
            self.end_error = error

    def note_error(self, exc: OSError) -> None:
        """Record an error that ends the connection (a reset, a timeout) as its cause."""
        reason = describe_io_error(exc, self.peer)
        # The event line starts with the peer: the words need not name it again.
        words = reason.removeprefix(self.peer + " ")
        # The status line names the peer too: "The peer reset the connection." alone does not
        # say which of thirty clients it was.
        status = reason if self.peer in reason else f"{self.peer}: {reason}"
        self.note_end(status, self.tr("closed: {reason}").format(reason=words), error=True)

    def tr_closed_by_peer(self) -> str:
        return self.tr("{peer} closed the connection.").format(peer=self.peer)

    def tr_closed_by_reply(self) -> str:
        return self.tr("{peer}: closed by an automatic reply rule.").format(peer=self.peer)

    def shut_write(self) -> None:
        """Finish sending: ``shutdown(SHUT_WR)`` (a FIN; we keep reading). Call once what
        was queued is written; an error (the peer is gone) is left to the loops."""
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_WR)

    def abort(self) -> None:
        """Ask both loops to stop and wake them; safe from any thread, safe twice."""
        self.stop_event.set()
        self.send_queue.put(None)
        self.sink.wake(self.conn_id)
        with self._room:
            self._room.notify_all()
        # SHUT_RD wakes the receive loop without sending FIN, so a reset close stays a reset.
        how = socket.SHUT_RD if self.reset_on_close else socket.SHUT_RDWR
        with contextlib.suppress(OSError):
            self.sock.shutdown(how)

    def wait(self, timeout_ms: int = 2000) -> bool:
        """Wait for both loops to finish; the receive loop closes the socket."""
        return self._recv_thread.wait(timeout_ms) and self.send_thread.wait(timeout_ms)

    def close(self, timeout_ms: int = 2000) -> bool:
        """Stop both loops and close the socket; returns when they have finished."""
        self.abort()
        return self.wait(timeout_ms)

    def is_finished(self) -> bool:
        return self._recv_thread.isFinished() and self.send_thread.isFinished()

    def _on_receive_ended(self) -> None:
        self.ended.emit(self.conn_id)

    def _on_half_closed(self) -> None:
        self.halfClosed.emit(self.conn_id)
