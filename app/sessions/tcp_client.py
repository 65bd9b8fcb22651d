"""The TCP client session: connect to a host, exchange data, disconnect."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from app.net.connector import ConnectThread
from app.net.endpoints import format_endpoint
from app.net.tcp_connection import AcceptedSocket, TcpConnection
from app.sessions.base import STOP_WAIT_MS, Session, SessionState
from app.sessions.config import TcpClientConfig
from app.traffic.events import EventKind


class TcpClientSession(Session):
    """One outgoing TCP connection."""

    kind = "tcp-client"
    initiator = "local"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connector: ConnectThread | None = None
        #: What the session was last opened with (the defaults until then).
        self.config = TcpClientConfig()
        self.remote = ""

    def open(self, config: TcpClientConfig) -> None:
        """Start connecting as ``config`` says; the outcome arrives as state and status changes.

        Ignored unless the session is closed.
        """
        if self.state != SessionState.CLOSED:
            return
        self.config = config
        thread = ConnectThread(config.host, config.port, config.timeout, config.local_port,
                               config.no_delay, config.keep_alive_timings())
        self.remote = thread.endpoint
        self._set_state(SessionState.OPENING)
        self._set_status(self.tr("Connecting to {endpoint}…").format(endpoint=self.remote))
        thread.connected.connect(self._on_connected)
        thread.failed.connect(self._on_failed)
        self._connector = thread
        thread.start()

    def _finish_connector(self) -> None:
        connector, self._connector = self._connector, None
        if connector is not None:
            connector.cancel()
            connector.wait(STOP_WAIT_MS)

    def _from_stale_connector(self) -> bool:
        """True in a slot called by a connector that is no longer the current one (its
        signal was on its way when the user cancelled, and maybe connected again)."""
        sender = self.sender()
        return sender is not None and sender is not self._connector

    @Slot(object)
    def _on_connected(self, accepted: AcceptedSocket) -> None:
        if self._connector is None or self._from_stale_connector():  # cancelled meanwhile
            accepted.sock.close()
            return
        self._finish_connector()
        conn = TcpConnection(accepted, self.sink)
        self._set_state(SessionState.OPEN)
        self._adopt(conn)
        self._set_status(self.tr("Connected to {remote} from {local}").format(
            remote=conn.peer, local=conn.local))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self._from_stale_connector():
            return
        self._finish_connector()
        self._log_event(EventKind.FAILED, 0, self.remote,
                        self.tr("connect failed: {reason}").format(reason=message), error=True)
        self._set_state(SessionState.CLOSED)
        self._set_status(message, error=True)

    def _connection_half_closed(self, conn: TcpConnection) -> None:
        self._set_status(self.tr(
            "{peer} finished sending (half-close); you can still send.").format(peer=conn.peer))

    def _connection_ended(self, conn: TcpConnection) -> None:
        self._set_state(SessionState.CLOSED)
        self._set_status(conn.end_reason or self.tr("Disconnected from {peer}.").format(
            peer=conn.peer), conn.end_error)

    def close(self) -> None:
        """Cancel a pending connect or disconnect; returns when every worker ended."""
        connecting = self._connector is not None
        self.send_jobs.stop()
        self._finish_connector()
        for conn in self.connections():
            conn.note_end(self.tr("Disconnected from {peer}.").format(peer=conn.peer),
                          self.tr("closed by you"))
        self._close_all_connections()
        self._drain()
        self._set_state(SessionState.CLOSED)
        if connecting:
            self._set_status(self.tr("Connection attempt to {endpoint} cancelled.").format(
                endpoint=self.remote or format_endpoint("?", 0)))
