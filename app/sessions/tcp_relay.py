"""The TCP relay session: listen; for each device that connects, connect to the target and
forward both ways unchanged.

Forwarding happens in the workers: a tap (:class:`RelayForward`) hands every chunk one side
receives to the other side's send queue. Back-pressure keeps memory bounded: before each
read, a side's receive loop waits (its :attr:`~app.net.tcp_connection.TcpConnection.read_gate`,
outside the order lock) until the other side's send queue has room for a whole read, so a
side that does not read stops the other side's reads and TCP slows that sender. A half-close
is passed on (``shutdown(SHUT_WR)`` of the other side once what it had to send is written);
the pair closes when both sides have finished, or when one side ends.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from app.net.connector import ConnectThread
from app.net.endpoints import format_endpoint
from app.net.tcp_connection import RECV_SIZE, AcceptedSocket, TcpConnection
from app.sessions.base import STOP_WAIT_MS, SessionState
from app.sessions.config import TcpRelayConfig
from app.sessions.listening import ListeningSession
from app.traffic.chunk import Chunk, Direction, SummarisedSend
from app.traffic.events import EventKind
from app.traffic.taps import Link

#: How often (ms) the GUI thread looks whether a side's queue is written out, to pass on a
#: half-close after the bytes that came before it.
SHUTDOWN_CHECK_MS = 20


def _tr(text: str) -> str:
    return QCoreApplication.translate("TcpRelaySession", text)


@dataclass(eq=False)
class RelayPair:
    """A device connected to the relay and the relay's connection to the target for it."""

    device: TcpConnection
    server: TcpConnection

    def other(self, conn_id: int) -> TcpConnection:
        """The side that is not ``conn_id``."""
        return self.server if conn_id == self.device.conn_id else self.device


class RelayForward:
    """The tap that forwards: each chunk received on one side is queued to the other side.

    Runs in the receive worker of the side that read. The bytes are marked
    :class:`~app.traffic.chunk.SummarisedSend` so the log keeps one entry per message (the
    receiving side's RX entry), not a second TX copy. The queue normally has room (the read
    gate waited for it); should a send from the send panel have taken it meanwhile, the
    send waits for room until that side stops.
    """

    def __init__(self) -> None:
        #: conn id → (the other side, this side's stop event); written in the GUI thread,
        #: read in workers (single dict operations are atomic).
        self.routes: dict[int, tuple[TcpConnection, threading.Event]] = {}

    def on_chunk(self, chunk: Chunk, link: Link) -> None:
        if chunk.direction is not Direction.RX:
            return
        route = self.routes.get(chunk.conn_id)
        if route is not None:
            other, stop = route
            other.send(SummarisedSend(chunk.data), wait=stop)


def _gate(other: TcpConnection):  # noqa: ANN202 - a closure for TcpConnection.read_gate
    def wait(stop: threading.Event) -> bool:
        return other.wait_for_room(RECV_SIZE, stop)
    return wait


class TcpRelaySession(ListeningSession):
    """Listens for devices; each one is a :class:`RelayPair` with a connection to the target."""

    kind = "tcp-relay"

    #: A pair is relaying (both sides connected): carries the :class:`RelayPair`.
    pairOpened = Signal(object)
    #: Both sides of a pair have ended: carries the :class:`RelayPair`.
    pairClosed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = TcpRelayConfig()
        self.target = ""
        #: Devices waiting for their target connection, by connector.
        self._waiting: dict[ConnectThread, TcpConnection] = {}
        self._pairs: dict[int, RelayPair] = {}  # by the id of either side
        self._forward = RelayForward()
        self.sink.taps.add(self._forward)
        #: Sides to shut for writing once their queue is written out (the other side's FIN).
        self._to_shut: dict[int, TcpConnection] = {}
        self._shut: set[int] = set()
        self._shut_timer = QTimer(self)
        self._shut_timer.setInterval(SHUTDOWN_CHECK_MS)
        self._shut_timer.timeout.connect(self._pass_on_half_closes)

    # -- pairs ---------------------------------------------------------------------------
    def pairs(self) -> list[RelayPair]:
        """Relaying pairs, oldest first."""
        seen: dict[int, RelayPair] = {}
        for pair in self._pairs.values():
            seen[id(pair)] = pair
        return sorted(seen.values(), key=lambda p: p.device.conn_id)

    def side_ids(self, side: str) -> list[int]:
        """Connection ids of every pair's ``"device"`` or ``"server"`` side."""
        return [getattr(pair, side).conn_id for pair in self.pairs()]

    # -- life cycle ----------------------------------------------------------------------
    def open(self, config: TcpRelayConfig) -> None:
        """Start listening as ``config`` says; outcome as state and status changes.
        Ignored unless the session is closed."""
        if self.state != SessionState.CLOSED:
            return
        self.config = config
        self.target = format_endpoint(config.target_host, config.target_port)
        self._listen(config.host, config.port)

    def _accepted(self, accepted: AcceptedSocket) -> None:
        device = TcpConnection(accepted, self.sink)
        device.peer = _tr("device {peer}").format(peer=device.peer)
        config = self.config
        connector = ConnectThread(config.target_host, config.target_port, config.timeout)
        connector.connected.connect(self._on_target_connected)
        connector.failed.connect(self._on_target_failed)
        self._waiting[connector] = device
        connector.start()

    @Slot(object)
    def _on_target_connected(self, accepted: AcceptedSocket) -> None:
        connector = self.sender()
        device = self._waiting.pop(connector, None) if isinstance(connector,
                                                                  ConnectThread) else None
        if device is None or not isinstance(connector, ConnectThread):
            accepted.sock.close()
            return
        connector.wait(STOP_WAIT_MS)
        server = TcpConnection(accepted, self.sink)
        server.peer = _tr("server {peer}").format(peer=server.peer)
        pair = RelayPair(device, server)
        self._pairs[device.conn_id] = self._pairs[server.conn_id] = pair
        self._forward.routes[device.conn_id] = (server, device.stop_event)
        self._forward.routes[server.conn_id] = (device, server.stop_event)
        device.read_gate = _gate(server)
        server.read_gate = _gate(device)
        self._adopt(device)
        self._adopt(server)
        self.pairOpened.emit(pair)
        self._update_status()

    @Slot(str)
    def _on_target_failed(self, message: str) -> None:
        connector = self.sender()
        if not isinstance(connector, ConnectThread):
            return
        device = self._waiting.pop(connector, None)
        if device is None:
            return
        connector.wait(STOP_WAIT_MS)
        device.sock.close()  # its loops never started: nothing else uses the socket
        self._log_event(EventKind.FAILED, 0, device.peer, _tr(
            "closed: connecting to the target {target} failed: {reason}").format(
            target=self.target, reason=message), error=True)
        self._update_status(_tr("{peer} closed: connecting to {target} failed: {reason}").format(
            peer=device.peer, target=self.target, reason=message), error=True)

    # -- half-close and end --------------------------------------------------------------
    def _connection_half_closed(self, conn: TcpConnection) -> None:
        pair = self._pairs.get(conn.conn_id)
        if pair is None:
            return
        other = pair.other(conn.conn_id)
        self._to_shut[other.conn_id] = other
        self._pass_on_half_closes()

    @Slot()
    def _pass_on_half_closes(self) -> None:
        """Shut for writing each side whose peer's FIN came, once its queue is written."""
        for conn_id, conn in list(self._to_shut.items()):
            if conn.queued_bytes and not conn.stop_event.is_set():
                continue
            del self._to_shut[conn_id]
            conn.shut_write()
            self._shut.add(conn_id)
            pair = self._pairs.get(conn_id)
            if pair is not None and all(c.conn_id in self._shut and c.half_closed
                                        for c in (pair.device, pair.server)):
                for side in (pair.device, pair.server):
                    side.note_end(_tr("{peer}: both sides finished.").format(peer=side.peer),
                                  _tr("closed: both sides finished"))
                    side.abort()
        if self._to_shut and not self._shut_timer.isActive():
            self._shut_timer.start()
        elif not self._to_shut:
            self._shut_timer.stop()

    def _connection_ended(self, conn: TcpConnection) -> None:
        self._to_shut.pop(conn.conn_id, None)
        self._shut.discard(conn.conn_id)
        self._forward.routes.pop(conn.conn_id, None)
        pair = self._pairs.pop(conn.conn_id, None)
        if pair is None:
            return
        other = pair.other(conn.conn_id)
        if other.conn_id in self._pairs:
            # What it still has to write goes first; then it closes too.
            other.note_end(_tr("{peer}: the other side ended.").format(peer=other.peer),
                           _tr("closed: the other side ended"))
            other.close_after_sending()
        else:
            self.pairClosed.emit(pair)
        if self.state == SessionState.OPEN:
            self._update_status(conn.end_reason, conn.end_error)

    def _update_status(self, last_event: str = "", error: bool = False) -> None:
        text = _tr("Relaying {endpoint} → {target} — {count} pair(s)").format(
            endpoint=self.endpoint, target=self.target, count=len(self.pairs()))
        if last_event:
            text += " · " + last_event
        self._set_status(text, error)

    def _stop_pending(self) -> None:
        waiting, self._waiting = self._waiting, {}
        for connector in waiting:
            connector.cancel()
        for connector, device in waiting.items():
            connector.wait(STOP_WAIT_MS)
            device.sock.close()
        self._to_shut.clear()
        self._shut_timer.stop()

    def _stopped_note(self) -> str:
        return _tr("closed (the relay stopped)")
