"""One bound UDP socket: a receive worker, a send worker, the peers heard from, exact counters.

The receive worker binds the socket (a local address may be a name to resolve), then reads
with a blocking ``recvfrom`` and a short timeout: **one datagram is one chunk**, pushed to the
session's :class:`~app.traffic.sink.TrafficSink` with the sender as its link. Framing options
apply per sender on top, in the worker, as for TCP.

The send worker drains a queue of ``(payload, destination)``; a destination typed by the
user (a host name) is resolved there, never in the GUI thread. The queue is bounded as a TCP
connection's is (:data:`~app.net.send_bound.MAX_QUEUED` bytes): a send that does not fit
is refused, or waits for room when the caller gives a stop event (periodic and file sends).

Errors never close the socket: an ICMP "port unreachable" (Linux reports it to an unconnected
socket only with ``IP_RECVERR``: the next ``recvfrom`` fails with ECONNREFUSED and the error
queue names the destination; Windows fails ``recvfrom`` with WSAECONNRESET) is reported as
"nothing listens on host:port" and the loop goes on receiving.
"""

from __future__ import annotations

import contextlib
import errno
import queue
import select
import socket
import sys
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.net import multicast
from app.net.endpoints import clean_host, display_host, format_endpoint
from app.net.errors import describe_bind_error
from app.net.send_bound import SendBound
from app.net.tcp_connection import next_connection_id
from app.net.udp_errors import (
    describe_recv_error,
    describe_send_error,
    describe_unreachable,
    too_big_message,
)
from app.traffic.chunk import Chunk, Direction, SummarisedSend
from app.traffic.framing import FrameRun, FramingConfig
from app.traffic.live_framing import LiveFraming
from app.traffic.sink import TrafficSink
from app.traffic.taps import Link
from app.workers import Worker

#: Largest UDP payload: 65,535 minus the UDP header (8) and the IPv4 header (20); IPv6 has
#: no header inside the 65,535 of its payload length, so only the UDP header counts.
MAX_DATAGRAM_V4 = 65507
MAX_DATAGRAM_V6 = 65527
#: What one recvfrom may read: a datagram is never longer.
RECV_SIZE = 65536
#: How long a blocked loop may go without checking its stop flag.
POLL_INTERVAL = 0.25
#: Receive buffer asked for (the kernel caps it at net.core.rmem_max): fewer drops in bursts.
RECV_BUFFER = 4 * 1024 * 1024
#: Linux socket options Python does not name (values from <linux/in.h>, <linux/in6.h>).
IP_RECVERR = 11
IPV6_RECVERR = 25
#: Most datagrams handed to the sink at once (a flood is handed over in batches this big).
BATCH = 128
#: Resolved names are kept this long (seconds): a periodic send does not resolve every time.
RESOLVE_TTL = 30.0


def max_datagram(family: int) -> int:
    """Largest payload one datagram of ``family`` can carry."""
    return MAX_DATAGRAM_V6 if family == socket.AF_INET6 else MAX_DATAGRAM_V4


def open_udp_socket(host: str, port: int) -> socket.socket:
    """A UDP socket bound to ``host:port`` (``::`` also takes IPv4 where the OS allows).

    Raises ``OSError`` whose ``strerror`` says in words what went wrong.
    """
    host = clean_host(host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        infos = socket.getaddrinfo(host or None, port, family if ":" in host else 0,
                                   socket.SOCK_DGRAM, 0, socket.AI_PASSIVE)
        family, _, _, _, sockaddr = infos[0]
        sock = socket.socket(family, socket.SOCK_DGRAM)
    except OSError as exc:
        raise OSError(exc.errno, describe_bind_error(
            exc, format_endpoint(host, port), port, host)) from exc
    try:
        if family == socket.AF_INET6 and host in ("::", ""):
            with contextlib.suppress(OSError, AttributeError):
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECV_BUFFER)
        if sys.platform.startswith("linux"):
            # Without it Linux drops ICMP errors for an unconnected socket silently.
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
            if family == socket.AF_INET6:
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.IPPROTO_IPV6, IPV6_RECVERR, 1)
        sock.bind(sockaddr)
        sock.settimeout(POLL_INTERVAL)
    except OSError as exc:
        sock.close()
        raise OSError(exc.errno, describe_bind_error(
            exc, format_endpoint(host, port), port, host)) from exc
    return sock


class UdpPeer:
    """A remote endpoint this socket exchanged datagrams with (a tap's link).

    Counters are written by one worker each (RX by the receive loop, TX by the send loop) and
    read anywhere. ``last_seen`` is the ``time.monotonic()`` of the last datagram from it
    (0: never; :func:`app.traffic.chunk.wall_time` makes it a time of day).
    """

    __slots__ = ("_owner", "addr", "conn_id", "host", "last_seen", "peer", "port",
                 "rx_bytes", "rx_datagrams", "tx_bytes", "tx_datagrams")

    def __init__(self, owner: UdpSocket, addr: tuple) -> None:
        self._owner = owner
        #: The socket address as the socket takes it (sendto).
        self.addr = addr
        self.conn_id = next_connection_id()
        self.host = display_host(addr[0])
        self.port: int = addr[1]
        self.peer = format_endpoint(self.host, self.port)
        self.rx_bytes = 0
        self.rx_datagrams = 0
        self.tx_bytes = 0
        self.tx_datagrams = 0
        self.last_seen = 0.0

    def send(self, data: bytes) -> bool:
        """Queue one datagram to this peer (taps: auto-reply, echo); never blocks (False
        when the socket is closing or its send queue is full)."""
        return self._owner.send_to_peer(data, self)


class PeerTable:
    """Every endpoint of one session, by socket address and by id; thread-safe.

    Lookups by address take no lock (a dict read); a new peer is made under the lock, so two
    workers meeting the same new endpoint make one peer.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        #: Peers by socket address; read without the lock (see the class docstring).
        self.by_addr: dict[tuple, UdpPeer] = {}
        self._by_key: dict[tuple[str, int], UdpPeer] = {}
        self.by_id: dict[int, UdpPeer] = {}

    def get(self, owner: UdpSocket, addr: tuple) -> tuple[UdpPeer, bool]:
        """The peer at ``addr`` and whether it is new (made now)."""
        peer = self.by_addr.get(addr)
        if peer is not None:
            return peer, False
        with self._lock:
            key = (display_host(addr[0]), addr[1])
            peer = self._by_key.get(key)
            new = peer is None
            if peer is None:
                peer = UdpPeer(owner, addr)
                self._by_key[key] = peer
                self.by_id[peer.conn_id] = peer
            self.by_addr[addr] = peer
            return peer, new

    def all(self) -> list[UdpPeer]:
        """Every peer, oldest first."""
        return list(self.by_id.values())


@dataclass(frozen=True, slots=True)
class Destination:
    """Where a datagram goes: a peer already known, or a host and port to resolve."""

    host: str
    port: int
    peer: UdpPeer | None = None


class _ReceiveLoop(Worker):
    """Binds, then reads datagrams until stopped; errors are reported and it reads on."""

    def __init__(self, owner: UdpSocket) -> None:
        super().__init__("udp-recv", owner.stop_event)
        self._owner = owner

    def run(self) -> None:
        owner = self._owner
        try:
            sock = open_udp_socket(owner.host, owner.port)
        except OSError as exc:
            owner.failed.emit(exc.strerror or str(exc))
            owner.send_queue.put(None)
            return
        owner.sock = sock
        owner.family = sock.family
        local = sock.getsockname()
        owner.bound_port = local[1]
        owner.send_loop.start()
        owner.bound.emit(format_endpoint(clean_host(owner.host) or local[0], local[1]))
        try:
            self._loop(sock)
        finally:
            owner.stop_event.set()
            owner.send_queue.put(None)
            owner.send_loop.wait()
            sock.close()

    def _loop(self, sock: socket.socket) -> None:
        # The socket is non-blocking here: one system call per datagram, and a wait in
        # select() only when the queue is empty. What one wake-up reads is handed over in one
        # batch (one lock, one signal), so a flood costs the GUI thread one event per batch.
        owner = self._owner
        stop = self.stop_event
        push_many = owner.sink.push_many
        frames_due = owner.sink.push_entries
        peers = owner.peers
        known = peers.by_addr
        lives: dict[int, LiveFraming] = {}
        config = owner.framing
        recvfrom = sock.recvfrom
        RX = Direction.RX
        batch: list[tuple[Chunk, Link, list[FrameRun] | None]] = []
        woken = False  # select() said readable and nothing was read since
        sock.setblocking(False)
        while not stop.is_set():
            try:
                data, addr = recvfrom(RECV_SIZE)
            except BlockingIOError:
                if batch:
                    push_many(batch)
                    batch = []
                if woken:
                    # Readable but no datagram: ICMP reports left in the error queue (the
                    # send loop took the error itself). Reading them ends the wake-ups.
                    self._report_queued(sock)
                if owner.framing is not config:
                    config = owner.framing
                    for conn_id, live in lives.items():
                        frames_due(conn_id, RX, live.reconfigure(config))
                now = time.monotonic()
                wait = POLL_INTERVAL
                for conn_id, live in lives.items():
                    if live.pending_bytes:
                        frames_due(conn_id, RX, live.due(now))
                        if live.pending_bytes:
                            wait = min(wait, live.wait(now, POLL_INTERVAL))
                try:
                    readable, _, _ = select.select([sock], [], [], wait)
                except (OSError, ValueError):
                    break  # closed under us: only when stopping
                woken = bool(readable)
                continue
            except OSError as exc:
                if batch:
                    push_many(batch)
                    batch = []
                if stop.is_set():
                    break
                self._report(sock, exc)
                woken = False
                continue
            woken = False
            if addr is None:
                continue  # shut down by close(): the stop flag ends the loop
            t = time.monotonic()
            if owner.framing is not config:
                # Changed from the GUI thread: what was pending is framed the old way, this
                # datagram (taken after the change) the new way.
                if batch:
                    push_many(batch)
                    batch = []
                config = owner.framing
                for conn_id, live in lives.items():
                    frames_due(conn_id, RX, live.reconfigure(config))
            peer = known.get(addr)  # the usual case without a call: a peer heard before
            new = False
            if peer is None:
                peer, new = peers.get(owner, addr)
            size = len(data)
            peer.rx_bytes += size
            peer.rx_datagrams += 1
            peer.last_seen = t
            owner.rx_bytes += size
            owner.rx_datagrams += 1
            owner.last_sender = peer
            if new:
                owner.peerAdded.emit(peer)
            if config.mode == "chunk":
                batch.append((Chunk(peer.conn_id, RX, data, t), peer, None))  # one entry
            else:
                framing = lives.get(peer.conn_id)
                if framing is None:
                    framing = lives[peer.conn_id] = LiveFraming(config)
                batch.append((Chunk(peer.conn_id, RX, data, t), peer, framing.feed(data, t)))
            if len(batch) >= BATCH:
                # No pause here: it used to hand the GUI thread the interpreter lock (a drain
                # per batch made it want the lock all the time), and cost a quarter of the
                # rate. Drains are spaced 20 ms now (Session.DRAIN_INTERVAL); bench/udp_flood.py
                # showed p99 stalls of 39-42 ms without it, 25-28 ms with it, and 0.47 of the
                # plain loop's rate instead of 0.35.
                push_many(batch)
                batch = []
        if batch:
            push_many(batch)
        for conn_id, live in lives.items():
            frames_due(conn_id, RX, live.close())

    def _report_queued(self, sock: socket.socket) -> None:
        """Report the destinations the error queue names (Linux), if any."""
        for host, port in _drain_error_queue(sock):
            self._owner.report_problem(describe_unreachable(format_endpoint(host, port)))

    def _report(self, sock: socket.socket, exc: OSError) -> None:
        """An error from recvfrom: an ICMP report about an earlier send, or a real problem."""
        owner = self._owner
        if isinstance(exc, (ConnectionRefusedError, ConnectionResetError)):
            targets = _drain_error_queue(sock) or ([owner.last_destination]
                                                  if owner.last_destination else [])
            for host, port in targets:
                owner.report_problem(describe_unreachable(format_endpoint(host, port)))
            if not targets:
                owner.report_problem(describe_recv_error(exc))
            return
        owner.report_problem(describe_recv_error(exc))
        self.stop_event.wait(0.05)  # an error that repeats must not spin the loop


def _drain_error_queue(sock: socket.socket) -> list[tuple[str, int]]:
    """The destinations named by the queued ICMP errors (Linux, ``IP_RECVERR``), de-duplicated.

    Reading the queue empties it; a queue left full would keep the socket "readable".
    """
    found: list[tuple[str, int]] = []
    flag = getattr(socket, "MSG_ERRQUEUE", 0)
    if not flag or not hasattr(sock, "recvmsg"):
        return found
    for _ in range(64):
        try:
            _data, _anc, _flags, addr = sock.recvmsg(1, 512, flag | socket.MSG_DONTWAIT)
        except OSError:
            break
        if addr:
            target = (display_host(addr[0]), addr[1])
            if target not in found:
                found.append(target)
    return found


class _SendLoop(Worker):
    """Sends the queued datagrams; a name is resolved here, and errors are reported."""

    def __init__(self, owner: UdpSocket) -> None:
        super().__init__("udp-send", owner.stop_event)
        self._owner = owner
        self._resolved: dict[tuple[str, int], tuple[float, tuple]] = {}

    def run(self) -> None:
        owner = self._owner
        q = owner.send_queue
        while True:
            item = q.get()
            if item is None or self.stopping:
                return
            data, dest = item
            try:
                self._send_one(data, dest)
            finally:
                owner.account_dequeued(len(data))

    def _resolve(self, host: str, port: int) -> tuple:
        """The socket address for ``host:port`` in the socket's family (cached a while)."""
        key = (host, port)
        now = time.monotonic()
        hit = self._resolved.get(key)
        if hit is not None and now - hit[0] < RESOLVE_TTL:
            return hit[1]
        sock = self._owner.sock
        assert sock is not None
        flags = 0
        if sock.family == socket.AF_INET6:
            # A dual-stack socket reaches IPv4 hosts through their mapped addresses.
            flags = getattr(socket, "AI_V4MAPPED", 0)
        infos = socket.getaddrinfo(clean_host(host), port, sock.family, socket.SOCK_DGRAM, 0,
                                   flags)
        addr = infos[0][4]
        self._resolved[key] = (now, addr)
        return addr

    def _send_one(self, data: bytes, dest: Destination) -> None:
        owner = self._owner
        sock = owner.sock
        if sock is None:
            return
        endpoint = format_endpoint(dest.host, dest.port)
        peer = dest.peer
        try:
            if peer is None:
                addr = self._resolve(dest.host, dest.port)
                peer, new = owner.peers.get(owner, addr)
                if new:
                    owner.peerAdded.emit(peer)
            endpoint = peer.peer
            limit = max_datagram(socket.AF_INET if _is_v4(peer.addr) else sock.family)
            if len(data) > limit:
                owner.report_problem(too_big_message(len(data), limit))
                return
            owner.last_destination = (peer.host, peer.port)
            # Numbered before it goes: an ICMP report about this very datagram can be
            # reported (by the receive loop) before sendto() returns here on loopback.
            owner.sends_started += 1
            seq = owner.sends_started
            refused = False
            while True:
                try:
                    sock.sendto(data, peer.addr)
                    break
                except BlockingIOError:
                    # The socket is non-blocking (the receive loop's choice): the send
                    # buffer is full, wait until it has room.
                    if self.stopping:
                        return
                    select.select([], [sock], [], POLL_INTERVAL)
                except ConnectionRefusedError:
                    # An ICMP error about an earlier datagram surfaced here (the receive
                    # loop reports it from the error queue); this datagram goes again, once.
                    if refused:
                        raise
                    refused = True
        except OSError as exc:
            if not self.stopping:
                owner.report_problem(describe_send_error(exc, endpoint, dest.host))
            return
        if owner.problem_reported and seq > owner.problem_seq:
            # Only a datagram that started after the problem was reported shows it is over.
            owner.problem_reported = False
            owner.recovered.emit()  # queued, so it arrives after the problem it follows
        t = time.monotonic()
        peer.tx_bytes += len(data)
        peer.tx_datagrams += 1
        owner.tx_bytes += len(data)
        owner.tx_datagrams += 1
        # A summarised send (a file's datagrams, one datagram to several peers) makes no
        # entry of its own: the session logs one summary.
        owner.sink.push(Chunk(peer.conn_id, Direction.TX, data, t), peer,
                        [] if isinstance(data, SummarisedSend) else [FrameRun(t, data)])


def _is_v4(addr: tuple) -> bool:
    """True for an IPv4 socket address, also one mapped into IPv6 (``::ffff:a.b.c.d``)."""
    return len(addr) == 2 or display_host(addr[0]) != addr[0]


class UdpSocket(QObject, SendBound):
    """A bound UDP socket with its two workers, its peers and exact totals.

    Made in the GUI thread; :meth:`start` binds in the receive worker, and :attr:`bound` or
    :attr:`failed` follows. Totals are written by the workers, read anywhere.
    """

    #: Bound: the local endpoint ``host:port`` (the real port when 0 was asked for).
    bound = Signal(str)
    #: Binding failed, in words; the workers have ended.
    failed = Signal(str)
    #: A problem that leaves the socket open (unreachable port, host not found…), in words.
    problem = Signal(str)
    #: A new :class:`UdpPeer` was met (heard from or sent to).
    peerAdded = Signal(object)
    #: A datagram went out after a :attr:`problem` was reported: what the problem said may
    #: be over (once per problem, not per datagram).
    recovered = Signal()

    def __init__(self, host: str, port: int, sink: TrafficSink, peers: PeerTable,
                 framing: FramingConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.port = port
        self.sink = sink
        self.peers = peers
        #: How received datagrams are cut into entries; replace it to change (see TCP).
        self.framing = framing
        self.sock: socket.socket | None = None
        self.family = socket.AF_INET
        self.bound_port = 0
        self.rx_bytes = 0
        self.rx_datagrams = 0
        self.tx_bytes = 0
        self.tx_datagrams = 0
        #: Bytes queued that the send loop has not finished with yet (at most
        #: :data:`~app.net.send_bound.MAX_QUEUED`, or one bigger datagram when it was empty).
        self.queued_bytes = 0
        #: Guards :attr:`queued_bytes`; notified when the send loop frees room.
        self._room = threading.Condition()
        #: The peer the last datagram came from (for "reply to the last sender").
        self.last_sender: UdpPeer | None = None
        #: (host, port) of the last datagram sent: Windows names no destination in its ICMP
        #: report, so that is the best guess there.
        self.last_destination: tuple[str, int] | None = None
        #: True from a :attr:`problem` until the next datagram sent (see :attr:`recovered`).
        self.problem_reported = False
        #: Datagrams the send loop has started to send (it alone writes this), and how many
        #: had started when the last problem was reported: a datagram numbered after that
        #: one shows the problem is over.
        self.sends_started = 0
        self.problem_seq = 0
        self.stop_event = threading.Event()
        self.send_queue: queue.SimpleQueue[tuple[bytes, Destination] | None] = \
            queue.SimpleQueue()
        self.send_loop = _SendLoop(self)
        self._recv_loop = _ReceiveLoop(self)

    def report_problem(self, message: str) -> None:
        """Emit :attr:`problem` with ``message`` (in words); the next datagram sent emits
        :attr:`recovered`. Either worker."""
        self.problem_seq = self.sends_started
        self.problem_reported = True
        self.problem.emit(message)

    def start(self) -> None:
        """Bind and start receiving (in the worker); :attr:`bound` or :attr:`failed` follows."""
        self._recv_loop.start()

    def send(self, data: bytes, host: str, port: int,
             wait: threading.Event | None = None) -> bool:
        """Queue one datagram to ``host:port`` (resolved in the send worker); see
        :meth:`send_to_peer` for the bound and ``wait``."""
        return self._queue(data, Destination(host, port), wait)

    def send_to_peer(self, data: bytes, peer: UdpPeer,
                     wait: threading.Event | None = None) -> bool:
        """Queue one datagram to a known peer; False if the socket is closing or its send
        queue is full.

        The queue holds at most :data:`~app.net.send_bound.MAX_QUEUED` bytes (one bigger
        datagram when empty).
        Without ``wait`` a datagram that does not fit is refused at once (:meth:`is_full`
        then says why); with ``wait`` (a worker's stop event) it waits for room until the
        socket closes or ``wait`` is set. Any thread.
        """
        return self._queue(data, Destination(peer.host, peer.port, peer), wait)

    def _queue(self, data: bytes, dest: Destination, wait: threading.Event | None) -> bool:
        if self.stop_event.is_set() or not data:
            return False
        n = len(data)
        return self._admit(n, wait, lambda: self.send_queue.put((data, dest)))

    def discard_queued(self) -> int:
        """Drop the datagrams waiting in the send queue (not the one the send loop is
        sending now); returns the bytes dropped. Any thread. Nothing dropped was counted:
        counting (and the log entry of a datagram to one peer) happens when it is sent. The
        wake-up of a close (None) stays."""
        return self._drop_waiting(lambda item: None if item is None else len(item[0]))

    def close(self, timeout_ms: int = 2000) -> bool:
        """Stop both workers; the receive worker closes the socket. Safe twice."""
        self.stop_event.set()
        self.send_queue.put(None)
        with self._room:
            self._room.notify_all()  # a send waiting for room gives up now
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes a blocked recvfrom on Linux
        return self._recv_loop.wait(timeout_ms) and self.send_loop.wait(timeout_ms)

    @property
    def is_v6(self) -> bool:
        """True for an IPv6 socket (also a dual-stack one)."""
        return self.family == socket.AF_INET6

    def _bound_sock(self) -> socket.socket:
        sock = self.sock
        if sock is None or self.stop_event.is_set():
            raise OSError(errno.EBADF, "not bound")
        return sock

    def set_broadcast(self, allowed: bool) -> None:
        """Allow or forbid sending to broadcast addresses (``SO_BROADCAST``); raises
        ``OSError`` when not bound."""
        self._bound_sock().setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, int(allowed))

    def set_multicast_options(self, interface: str, ttl: int, loop: bool) -> None:
        """See :func:`app.net.multicast.set_send_options`."""
        multicast.set_send_options(self._bound_sock(), interface, ttl, loop)

    def join(self, group: str, interface: str) -> str:
        """Join a multicast group (see :func:`app.net.multicast.join`)."""
        try:
            sock = self._bound_sock()
        except OSError as exc:
            raise multicast.MulticastError(exc.strerror) from exc
        return multicast.join(sock, group, interface)

    def leave(self, group: str, interface: str) -> None:
        """Leave a multicast group (see :func:`app.net.multicast.leave`)."""
        try:
            sock = self._bound_sock()
        except OSError as exc:
            raise multicast.MulticastError(exc.strerror) from exc
        multicast.leave(sock, group, interface)
