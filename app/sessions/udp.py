"""The UDP session: bind a local address, receive datagrams from anyone, send to a target,
to broadcast addresses or to multicast groups.

There are no connections: every remote endpoint is a :class:`~app.net.udp_socket.UdpPeer`
with its own id (the id its log entries carry), kept for the session's life so that the
log can name it after the socket closed. A send goes to the session's destination (what the
user typed, or the last sender) or, given peer ids, to exactly those peers.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import pathlib
import threading
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal, Slot

from app.net import multicast
from app.net.endpoints import clean_host, format_endpoint
from app.net.udp_errors import too_big_message
from app.net.udp_socket import (
    MAX_DATAGRAM_V4,
    MAX_DATAGRAM_V6,
    PeerTable,
    UdpPeer,
    UdpSocket,
)
from app.send.targets import Targets, as_targets
from app.sessions.base import STOP_WAIT_MS, Session, SessionState
from app.sessions.config import UdpConfig
from app.traffic.chunk import SummarisedSend
from app.traffic.framing import FramingConfig

#: The id :meth:`UdpSession.live_targets` gives the destination (no peer has id 0).
DESTINATION_ID = 0


class UdpSession(Session):
    """One bound UDP socket (see the module docstring)."""

    kind = "udp"

    #: A problem that left the socket open (port unreachable, host not found, too big), in words.
    problem = Signal(str)
    #: A new :class:`UdpPeer` was met (heard from or sent to).
    peerAdded = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: What the session was last opened with (the defaults until then).
        self.config = UdpConfig()
        self.peers = PeerTable()
        self._socket: UdpSocket | None = None
        self.endpoint = ""
        self.port = 0
        #: Where a send to ALL goes: (host, port) as typed, or None.
        self.destination: tuple[str, int] | None = None
        #: When True, a send to ALL goes to the last sender instead.
        self.reply_to_last = False
        #: Why the last send reached nobody, in words.
        self.refusal = ""
        self._destination_problem = ""
        #: Groups joined now, as (group, interface) pairs.
        self.joined: list[tuple[str, str]] = []
        self._broadcast = False
        #: True while the status line shows a :attr:`problem` (a later success replaces it).
        self._problem_shown = False
        # Totals of sockets already closed, minus what a reset took away.
        self._base = [0, 0, 0, 0]

    # -- life cycle ------------------------------------------------------------------------
    def open(self, config: UdpConfig) -> None:
        """Bind as ``config`` says; the outcome arrives as state and status changes.

        Ignored unless the session is closed.
        """
        if self.state != SessionState.CLOSED:
            return
        self.config = config
        self.destination = (config.remote_host, config.remote_port)
        self.reply_to_last = config.reply_to_last
        self._broadcast = config.broadcast
        self._set_state(SessionState.OPENING)
        self._set_status(self.tr("Binding…"))
        sock = UdpSocket(config.host, config.port, self.sink, self.peers, self.framing)
        sock.bound.connect(self._on_bound)
        sock.failed.connect(self._on_failed)
        sock.problem.connect(self._on_problem)
        sock.recovered.connect(self._on_recovered)
        sock.peerAdded.connect(self.peerAdded)
        self._socket = sock
        sock.start()

    @Slot(str)
    def _on_bound(self, endpoint: str) -> None:
        sock = self._socket
        if sock is None or sock.sock is None:
            return
        self.endpoint = endpoint
        self.port = sock.bound_port
        config = self.config
        interface = multicast.join_interface(config.multicast_interface, config.host)
        try:
            sock.set_multicast_options(interface, config.multicast_ttl, config.multicast_loop)
        except OSError:
            pass  # closing already
        # Before OPEN: whoever sends as soon as it is open (socketscope-cli udp) must find
        # broadcast already allowed.
        self.set_broadcast(config.broadcast)
        self._set_state(SessionState.OPEN)
        self._set_status(self._bound_text())
        if config.multicast_group:
            self.join_group(config.multicast_group, config.multicast_interface)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._stop_socket()
        self._set_state(SessionState.CLOSED)
        self._set_status(message)

    @Slot(str)
    def _on_problem(self, message: str) -> None:
        if self.state == SessionState.OPEN:
            self._set_status(self._bound_text() + " · " + message)
            self._problem_shown = True
            self.problem.emit(message)

    @Slot()
    def _on_recovered(self) -> None:
        # A datagram went out after the problem: the status line must not go on saying
        # that sending fails.
        self._forget_problem()

    def _forget_problem(self) -> None:
        """Put the plain bound status back when the status line shows a problem."""
        if self._problem_shown and self.state == SessionState.OPEN:
            self._set_status(self._bound_text())

    def _set_status(self, text: str, error: bool = False) -> None:
        self._problem_shown = False  # _on_problem sets it again after its own call
        super()._set_status(text, error)

    def _bound_text(self) -> str:
        text = self.tr("Bound to {endpoint}").format(endpoint=self.endpoint)
        if self.joined:
            text += " · " + self.tr("member of {groups}").format(
                groups=", ".join(group for group, _ in self.joined))
        return text

    def _stop_socket(self) -> None:
        sock, self._socket = self._socket, None
        if sock is None:
            return
        sock.close(STOP_WAIT_MS)
        self._base[0] += sock.rx_bytes
        self._base[1] += sock.tx_bytes
        self._base[2] += sock.rx_datagrams
        self._base[3] += sock.tx_datagrams

    def close(self) -> None:
        """Stop receiving and sending, close the socket; returns when the workers ended."""
        was_open = self.state != SessionState.CLOSED
        self.send_jobs.stop()
        self._stop_socket()
        self.joined = []
        self.flush_log()
        self._set_state(SessionState.CLOSED)
        if was_open:
            self._set_status(self.tr("Closed."))

    # -- peers and counters ----------------------------------------------------------------
    def peer_label(self, conn_id: int) -> str:
        """``host:port`` of the peer ``conn_id``, for as long as the session lives
        (:data:`DESTINATION_ID`: where a send to ALL goes now)."""
        peer = self.peers.by_id.get(conn_id)
        if peer is not None:
            return peer.peer
        if conn_id == DESTINATION_ID:
            last = self.last_sender
            if self.reply_to_last and last is not None:
                return last.peer
            if self.destination is not None:
                return format_endpoint(*self.destination)
        return super().peer_label(conn_id)

    def peer_list(self) -> list[UdpPeer]:
        """Every endpoint heard from or sent to, oldest first."""
        return self.peers.all()

    @property
    def last_sender(self) -> UdpPeer | None:
        sock = self._socket
        return sock.last_sender if sock is not None else None

    def _totals(self) -> list[int]:
        sock = self._socket
        if sock is None:
            return list(self._base)
        return [self._base[0] + sock.rx_bytes, self._base[1] + sock.tx_bytes,
                self._base[2] + sock.rx_datagrams, self._base[3] + sock.tx_datagrams]

    def rx_total(self) -> int:
        return self._totals()[0]

    def tx_total(self) -> int:
        return self._totals()[1]

    def rx_messages(self) -> int:
        """Datagrams received."""
        return self._totals()[2]

    def tx_messages(self) -> int:
        """Datagrams sent."""
        return self._totals()[3]

    def reset_counters(self) -> None:
        totals = self._totals()
        self._base = [b - t for b, t in zip(self._base, totals, strict=True)]

    # -- options while open ----------------------------------------------------------------
    def set_broadcast(self, allowed: bool) -> None:
        """Allow sending to broadcast addresses (``SO_BROADCAST``), now and at the next open."""
        self._broadcast = allowed
        sock = self._socket
        if sock is not None and sock.sock is not None:
            try:
                sock.set_broadcast(allowed)
            except OSError as exc:
                self._on_problem(exc.strerror or str(exc))
                return
            # The user changed what the shown problem (a refused broadcast) asked for.
            self._forget_problem()

    def join_group(self, group: str, interface: str = "") -> str:
        """Join ``group`` on the interface with address ``interface`` ("" = any; a socket
        bound to a concrete address then joins on that one). Returns "" or why not, in words
        (also shown in the status line)."""
        sock = self._socket
        if self.state != SessionState.OPEN or sock is None or sock.sock is None:
            return self.tr("Open the session first: a group is joined while it is open.")
        where = multicast.join_interface(interface, self.config.host)
        try:
            joined = sock.join(group, where)
        except multicast.MulticastError as exc:
            self._on_problem(str(exc))
            return str(exc)
        self.joined.append((joined, where))
        self._set_status(self._bound_text())
        return ""

    def is_joined(self, group: str) -> bool:
        """True when ``group`` (as typed: brackets, another spelling of the address) is
        joined now."""
        text = clean_host(group)
        return any(g == text or _same_address(g, text) for g, _ in self.joined)

    def leave_group(self, group: str) -> str:
        """Leave ``group`` (every join of it); returns "" or why not, in words."""
        sock = self._socket
        text = clean_host(group)
        matches = [(g, i) for g, i in self.joined if g == text or _same_address(g, text)]
        if sock is None or sock.sock is None or not matches:
            return self.tr("{group} is not joined.").format(group=group)
        for joined in matches:
            try:
                sock.leave(joined[0], joined[1])
            except multicast.MulticastError as exc:
                self._on_problem(str(exc))
                return str(exc)
            self.joined.remove(joined)
        self._set_status(self._bound_text())
        return ""

    # -- sending ---------------------------------------------------------------------------
    def set_destination(self, host: str, port: int) -> None:
        """Where a send to ALL goes from now on (a name is resolved in the send worker)."""
        self.destination = (clean_host(host), port)
        self._destination_problem = ""

    def set_destination_problem(self, why: str) -> None:
        """No destination: what the user typed is not one, and ``why`` says so (in words);
        sends to ALL are refused with it."""
        self.destination = None
        self._destination_problem = why

    def send(self, data: bytes, targets: Targets | Iterable[int], log: bool = True,
             wait: threading.Event | None = None) -> int:
        """Queue ``data`` as one datagram; returns how many destinations took it (see
        :meth:`offer`)."""
        return self.offer(data, targets, log, wait)[0]

    def offer(self, data: bytes, targets: Targets | Iterable[int], log: bool = True,
              wait: threading.Event | None = None) -> tuple[int, int]:
        """Queue ``data`` as one datagram; returns ``(took, full)``: how many destinations took
        it, and how many refused it because the socket's send queue is full
        (:data:`app.net.send_bound.MAX_QUEUED`, as for TCP; :attr:`refusal` then says
        so). With ``wait`` (a worker's stop event) a send waits for room instead, until
        ``wait`` is set or the socket closes; without it the call never blocks.

        ``ALL`` means the destination (or the last sender with :attr:`reply_to_last`); peer
        ids mean exactly those peers (a datagram to several makes one log entry naming how
        many). ``log=False`` makes no log entry (a file send logs its own summary); counters
        and taps see every datagram. A payload over the datagram limit is refused (0) and
        :attr:`refusal` says why. Safe from the send-job workers.
        """
        wanted = as_targets(targets)
        sock = self._socket
        if not data or sock is None or self.state != SessionState.OPEN:
            self.refusal = self.tr("Nothing sent: the socket is not open. Click Open first.")
            return 0, 0
        if wanted.ids is not None:
            peers = [p for i in sorted(wanted.ids)
                     if (p := self.peers.by_id.get(i)) is not None]
            payload = data if log and len(peers) <= 1 else SummarisedSend(data)
            took: list[int] = []
            full = 0
            for p in peers:
                if not self._fits(data, p.host):
                    continue
                if sock.send_to_peer(payload, p, wait):
                    took.append(p.conn_id)
                elif self._full(sock, data):
                    full += 1
            if log and len(took) > 1:
                self.log_note_for(took, data, note=False)
            return len(took), full
        if not log:
            data = SummarisedSend(data)
        if self.reply_to_last:
            last = sock.last_sender
            if last is None:
                self.refusal = self.tr("Nothing sent: nobody has sent a datagram yet, so there "
                                       "is no last sender to reply to.")
                return 0, 0
            if not self._fits(data, last.host):
                return 0, 0
            if sock.send_to_peer(data, last, wait):
                return 1, 0
            return 0, int(self._full(sock, data))
        if self.destination is None:
            self.refusal = self._destination_problem or self.tr(
                "Nothing sent: enter the remote host and port.")
            return 0, 0
        host, port = self.destination
        if not self._fits(data, host):
            return 0, 0
        if sock.send(data, host, port, wait):
            return 1, 0
        return 0, int(self._full(sock, data))

    def _full(self, sock: UdpSocket, data: bytes) -> bool:
        """True (with :attr:`refusal` saying so) when ``data`` was refused because the send
        queue is full."""
        if not sock.is_full(len(data)):
            return False
        self.refusal = self.queue_full_text()
        return True

    def queue_full_text(self) -> str:
        """Why a send was refused while the send queue is full, in words."""
        return self.tr(
            "Not sent: {queued} bytes are still waiting to be sent from this socket (the "
            "network takes them more slowly than they come, or a host name is still being "
            "looked up). Try again when they have gone.").format(
                queued=f"{self.queued_bytes():,}")

    def _fits(self, data: bytes, host: str) -> bool:
        """False (with :attr:`refusal` and the status line saying why) when ``data`` is more
        than one datagram to ``host`` can carry."""
        sock = self._socket
        v6 = sock is not None and sock.is_v6 and _is_v6(host)
        limit = MAX_DATAGRAM_V6 if v6 else MAX_DATAGRAM_V4
        if len(data) <= limit:
            return True
        self.refusal = too_big_message(len(data), limit)
        return False

    def live_targets(self, targets: Targets | Iterable[int]) -> list[int]:
        """The ids a send to ``targets`` reaches now: :data:`DESTINATION_ID` for ALL when a
        destination (or a last sender to reply to) exists, else the peer ids known."""
        wanted = as_targets(targets)
        if self._socket is None or self.state != SessionState.OPEN:
            return []
        if wanted.ids is None:
            if self.reply_to_last:
                return [DESTINATION_ID] if self.last_sender is not None else []
            return [DESTINATION_ID] if self.destination is not None else []
        return [i for i in sorted(wanted.ids) if i in self.peers.by_id]

    def queued_bytes(self) -> int:
        sock = self._socket
        return sock.queued_bytes if sock is not None else 0

    def discard_queued(self, targets: Targets | Iterable[int] | None = None) -> int:
        """Drop the datagrams waiting in the socket's send queue, whatever their destination
        (one queue serves them all; ``targets`` is not looked at); returns the bytes dropped.
        They were not counted, nor logged when sent to one destination (both happen when a
        datagram goes; a send to several peers is logged once when queued)."""
        sock = self._socket
        return sock.discard_queued() if sock is not None else 0

    def start_periodic(self, payload: bytes, interval_s: float, count: int,
                       targets: Targets | Iterable[int]) -> bool:
        """As for TCP; a payload over the datagram limit starts nothing (see :attr:`refusal`)."""
        host = self.destination[0] if self.destination else ""
        if not self._fits(payload, host):
            return False
        return super().start_periodic(payload, interval_s, count, targets)

    def start_file_send(self, path: pathlib.Path, targets: Targets | Iterable[int]) -> bool:
        """Send the file as datagrams of :attr:`UdpConfig.datagram_size` bytes each."""
        return self.send_jobs.start_file_send(path, as_targets(targets),
                                              chunk_size=self.config.datagram_size)

    def set_datagram_size(self, size: int) -> None:
        """Bytes per datagram of the next file send."""
        self.config = dataclasses.replace(self.config, datagram_size=size)

    def set_framing(self, config: FramingConfig) -> None:
        super().set_framing(config)
        if self._socket is not None:
            self._socket.framing = config

    @property
    def bound_endpoint(self) -> str:
        """``host:port`` the socket is bound to ("" while closed)."""
        return self.endpoint if self.state == SessionState.OPEN else ""



def _is_v6(host: str) -> bool:
    try:
        address = ipaddress.ip_address(clean_host(host).split("%", 1)[0])
    except ValueError:
        return True  # a name: the send worker checks again once it is resolved
    return address.version == 6 and address.ipv4_mapped is None


def _same_address(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return False
