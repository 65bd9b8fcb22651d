"""What the sessions that listen (TCP server, TCP relay) share: the accept thread's life."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Slot

from app.net.listener import AcceptThread
from app.net.socket_options import KeepAlive
from app.net.tcp_connection import AcceptedSocket
from app.sessions.base import STOP_WAIT_MS, Session, SessionState
from app.traffic.events import EventKind


def _tr(text: str) -> str:
    # One context for the words both listening kinds use (self.tr would take the
    # subclass's name in PySide6, and lupdate files them under "ListeningSession").
    return QCoreApplication.translate("ListeningSession", text)


class ListeningSession(Session):
    """A session that listens on one address and port and takes each accepted socket.

    It owns the :class:`~app.net.listener.AcceptThread`: :meth:`_listen` starts it, its
    signals from a thread that is no longer the current one are ignored, a refused client
    is logged, a failure closes the session, and :meth:`close` stops it and every
    connection. A subclass says what to do with an accepted socket (:meth:`_accepted`),
    what the status line says (:meth:`_update_status`) and the reason its connections get
    when the session stops (:meth:`_stopped_note`).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accept: AcceptThread | None = None
        #: ``host:port`` listened on, once listening ("" before).
        self.endpoint = ""
        #: The port listened on (the one the system chose for port 0), once listening.
        self.port = 0

    def _listen(self, host: str, port: int, keep_alive: KeepAlive | None = None) -> None:
        """Start the accept thread on ``host``:``port``; the session is opening until it
        listens (:attr:`stateChanged`) or fails (closed, the error as status)."""
        self._set_state(SessionState.OPENING)
        self._set_status(_tr("Starting to listen…"))
        thread = AcceptThread(host, port, keep_alive=keep_alive)
        thread.listening.connect(self._on_listening)
        thread.accepted.connect(self._on_accepted)
        thread.refused.connect(self._on_refused)
        thread.failed.connect(self._on_failed)
        self._accept = thread
        thread.start()

    def _from_stale_thread(self) -> bool:
        """True in a slot called by an accept thread that is no longer the current one (its
        signal was on its way when the user stopped, and maybe listened again)."""
        return self._signal_from_other_than(self._accept)

    @Slot(str)
    def _on_listening(self, endpoint: str) -> None:
        if self._accept is None or self._from_stale_thread():
            return
        self.endpoint = endpoint
        self.port = self._accept.bound_port
        self._set_state(SessionState.OPEN)
        self._update_status()

    @Slot(object)
    def _on_accepted(self, accepted: AcceptedSocket) -> None:
        if self.state != SessionState.OPEN:
            accepted.sock.close()  # arrived while stopping
            return
        self._accepted(accepted)

    def _accepted(self, accepted: AcceptedSocket) -> None:
        """Take a socket accepted while the session is open (its owner from now on)."""
        raise NotImplementedError

    @Slot(str, str)
    def _on_refused(self, peer: str, reason: str) -> None:
        if self.state == SessionState.OPEN:
            self._log_event(EventKind.REFUSED, 0, peer,
                            _tr("refused: {reason}").format(reason=reason), error=True)
            self._client_refused(peer, reason)

    def _client_refused(self, peer: str, reason: str) -> None:
        """Subclasses may say in the status line that ``peer`` was refused (already logged)."""

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self._from_stale_thread():
            return
        self._stop_workers()
        self._set_state(SessionState.CLOSED)
        self._set_status(message, error=True)

    def _update_status(self, last_event: str = "", error: bool = False) -> None:
        """Show the listening state, then ``last_event`` when there is one."""
        raise NotImplementedError

    def _stopped_note(self) -> str:
        """Why a connection closed when the session stopped (translated, for its log line)."""
        raise NotImplementedError

    def _stop_pending(self) -> None:
        """Subclasses stop their own workers here, after the accept thread was asked to
        stop and before the connections are closed."""

    def _stop_workers(self) -> None:
        accept, self._accept = self._accept, None
        if accept is not None:
            accept.request_stop()
        self._stop_pending()
        note = self._stopped_note()
        for conn in self._connections.values():
            conn.note_end("", note)
        self._close_all_connections()
        if accept is not None:
            accept.wait(STOP_WAIT_MS)

    def close(self) -> None:
        """Stop listening and close every connection; returns when all workers ended."""
        was_open = self.state != SessionState.CLOSED
        self.send_jobs.stop()
        self._stop_workers()
        self.flush_log()
        self._set_state(SessionState.CLOSED)
        if was_open:
            self._set_status(_tr("Stopped."))
