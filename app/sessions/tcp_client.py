"""The TCP client session: connect to a host, exchange data, disconnect; reconnect if asked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

from app.net.connector import ConnectThread
from app.net.endpoints import format_endpoint
from app.net.tcp_connection import AcceptedSocket, TcpConnection
from app.sessions.base import STOP_WAIT_MS, Session, SessionState
from app.sessions.config import TcpClientConfig
from app.traffic.events import EventKind

#: Reconnect back-off: the first wait after a drop, doubled after each failed attempt up to
#: the last, in seconds.
RECONNECT_FIRST = 1.0
RECONNECT_MAX = 30.0


def reconnect_delay(attempt: int) -> float:
    """Seconds to wait before reconnect attempt ``attempt`` (1, 2, …): 1, 2, 4, … 30."""
    return min(RECONNECT_FIRST * 2 ** (attempt - 1), RECONNECT_MAX)


class TcpClientSession(Session):
    """One outgoing TCP connection; with ``config.reconnect``, connected again after a drop.

    While it waits to reconnect the session is ``opening``: a periodic send keeps its place
    (sends are skipped, not counted) and goes on once connected; :meth:`close` cancels.
    """

    kind = "tcp-client"
    initiator = "local"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connector: ConnectThread | None = None
        #: What the session was last opened with (the defaults until then).
        self.config = TcpClientConfig()
        self.remote = ""
        #: Reconnect attempts since the last drop (0: not reconnecting).
        self.reconnect_attempt = 0
        self._reconnect_timer = QTimer(self)
        self._reconnect_timer.setSingleShot(True)
        self._reconnect_timer.timeout.connect(self._reconnect)

    def open(self, config: TcpClientConfig) -> None:
        """Start connecting as ``config`` says; the outcome arrives as state and status changes.

        Ignored unless the session is closed.
        """
        if self.state != SessionState.CLOSED:
            return
        self.config = config
        self.reconnect_attempt = 0
        self._set_state(SessionState.OPENING)
        self._connect()
        self._set_status(self.tr("Connecting to {endpoint}…").format(endpoint=self.remote))

    def _connect(self) -> None:
        config = self.config
        thread = ConnectThread(config.host, config.port, config.timeout, config.local_port,
                               config.no_delay, config.keep_alive_timings(),
                               config.linger_reset)
        self.remote = thread.endpoint
        thread.connected.connect(self._on_connected)
        thread.failed.connect(self._on_failed)
        self._connector = thread
        thread.start()

    def reconnects(self) -> bool:
        """True while a dropped connection would be made again, or is being made again
        (a periodic send then skips its sends instead of ending)."""
        return self.config.reconnect and self.state != SessionState.CLOSED

    def _finish_connector(self) -> None:
        connector, self._connector = self._connector, None
        if connector is not None:
            connector.cancel()
            connector.wait(STOP_WAIT_MS)

    def _from_stale_connector(self) -> bool:
        """True in a slot called by a connector that is no longer the current one (its
        signal was on its way when the user cancelled, and maybe connected again)."""
        return self._signal_from_other_than(self._connector)

    @Slot(object)
    def _on_connected(self, accepted: AcceptedSocket) -> None:
        if self._connector is None or self._from_stale_connector():  # cancelled meanwhile
            accepted.sock.close()
            return
        self._finish_connector()
        conn = TcpConnection(accepted, self.sink)
        conn.reset_on_close = self.config.linger_reset
        attempts, self.reconnect_attempt = self.reconnect_attempt, 0
        self._set_state(SessionState.OPEN)
        self._adopt(conn)
        text = self.tr("Connected to {remote} from {local}").format(remote=conn.peer,
                                                                    local=conn.local)
        if attempts:
            text += " · " + self.tr("reconnected after {n} attempt(s)").format(n=attempts)
        self._set_status(text)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self._from_stale_connector():
            return
        self._finish_connector()
        self._log_event(EventKind.FAILED, 0, self.remote,
                        self.tr("connect failed: {reason}").format(reason=message), error=True)
        if self.reconnect_attempt:
            self._schedule_reconnect(message)
            return
        self._set_state(SessionState.CLOSED)
        self._set_status(message, error=True)

    def _connection_half_closed(self, conn: TcpConnection) -> None:
        if self.config.reconnect:
            # A server going away sends FIN, just like a half-close: with reconnect on, the
            # connection ends here and is made again, instead of waiting for a send to fail.
            conn.note_end(conn.tr_closed_by_peer(),
                          QCoreApplication.translate("TcpConnection", "closed by the peer"))
            conn.abort()
            return
        self._set_status(self.tr(
            "{peer} finished sending (half-close); you can still send.").format(peer=conn.peer))

    def _connection_ended(self, conn: TcpConnection) -> None:
        reason = conn.end_reason or self.tr("Disconnected from {peer}.").format(peer=conn.peer)
        if self.config.reconnect and self.state == SessionState.OPEN:
            self._schedule_reconnect(reason)
            return
        self._set_state(SessionState.CLOSED)
        self._set_status(reason, conn.end_error)

    def _schedule_reconnect(self, reason: str) -> None:
        self.reconnect_attempt += 1
        delay = reconnect_delay(self.reconnect_attempt)
        self._set_state(SessionState.OPENING)
        self._set_status(self.tr("{reason} Reconnecting in {seconds} s (attempt {n})…").format(
            reason=reason, seconds=f"{delay:g}", n=self.reconnect_attempt))
        self._reconnect_timer.start(int(delay * 1000))

    @Slot()
    def _reconnect(self) -> None:
        if self.state != SessionState.OPENING or not self.reconnect_attempt:
            return
        self._connect()
        self._set_status(self.tr("Reconnecting to {endpoint} (attempt {n})…").format(
            endpoint=self.remote, n=self.reconnect_attempt))

    def close(self) -> None:
        """Cancel a pending connect or reconnect, or disconnect; returns when every worker
        ended."""
        connecting = self._connector is not None or self._reconnect_timer.isActive()
        reconnecting = self.reconnect_attempt > 0
        self.reconnect_attempt = 0  # from here on a drop is the user's, not to be undone
        self._reconnect_timer.stop()
        self.send_jobs.stop()
        self._finish_connector()
        for conn in self.connections():
            conn.note_end(self.tr("Disconnected from {peer}.").format(peer=conn.peer),
                          self.tr("closed by you"))
        self._close_all_connections()
        self.flush_log()
        self._set_state(SessionState.CLOSED)
        if reconnecting:
            self._set_status(self.tr("Reconnecting to {endpoint} cancelled.").format(
                endpoint=self.remote or format_endpoint("?", 0)))
        elif connecting:
            self._set_status(self.tr("Connection attempt to {endpoint} cancelled.").format(
                endpoint=self.remote or format_endpoint("?", 0)))
