"""The TCP server session: listen, accept many clients, send to some or all."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject

from app.autoreply.template import Template, welcome_template
from app.net.endpoints import display_host, format_endpoint
from app.net.tcp_connection import AcceptedSocket, TcpConnection
from app.send.hex_input import parse_hex
from app.sessions.access import AccessPolicy
from app.sessions.base import SessionState
from app.sessions.config import TcpServerConfig
from app.sessions.listening import ListeningSession
from app.traffic.chunk import AutoBytes


def welcome_template_of(config: TcpServerConfig) -> Template | None:
    """The welcome message as a template to fill with ``{peer}`` (None: no welcome).

    Text has its escapes decoded and is UTF-8, with the placeholders of
    :func:`~app.autoreply.template.welcome_template` (``{{peer}}`` sends ``{peer}``);
    ``welcome_hex`` reads it as hex bytes, sent as they are. Raises ``ValueError`` saying what
    is wrong (:class:`~app.input_errors.InputError`, or
    :class:`~app.autoreply.template.PlaceholderError` for an unknown placeholder).
    """
    if not config.welcome_on or not config.welcome:
        return None
    if config.welcome_hex:
        return Template((parse_hex(config.welcome),))
    return welcome_template(config.welcome)


class TcpServerSession(ListeningSession):
    """Listens on one address and port; every accepted client is a :class:`TcpConnection`."""

    kind = "tcp-server"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: What the session was last opened with (the defaults until then).
        self.config = TcpServerConfig()
        self._welcome: Template | None = None
        self._access = AccessPolicy()

    def open(self, config: TcpServerConfig) -> None:
        """Start listening as ``config`` says; the outcome arrives as state and status changes.

        Ignored unless the session is closed.
        """
        if self.state != SessionState.CLOSED:
            return
        try:
            self.apply_behaviour(config)
        except ValueError as exc:
            self._set_status(self.tr("Not listening. {error}").format(error=exc))
            return
        self.config = config
        self._listen(config.host, config.port, keep_alive=config.keep_alive_timings())

    def set_keep_alive(self, enabled: bool) -> None:
        """Turn TCP keep-alive on or off (timings as in :attr:`config`) for the connections
        accepted from now on; the connections already open keep theirs."""
        self.config = dataclasses.replace(self.config, keep_alive=enabled)
        if self._accept is not None:
            self._accept.keep_alive = self.config.keep_alive_timings()

    def _accepted(self, accepted: AcceptedSocket) -> None:
        host = display_host(accepted.peer[0])
        reason = self._access.refusal(host, len(self._connections))
        if reason:
            accepted.sock.close()
            self._on_refused(format_endpoint(host, accepted.peer[1]), reason)  # log, status
            return
        conn = TcpConnection(accepted, self.sink)
        if self._welcome is not None:
            # Queued before the workers start: the welcome is the first thing the client gets.
            welcome = self._welcome.fill({"peer": conn.peer.encode})
            if welcome:
                conn.send(AutoBytes(welcome))
        self._adopt(conn)
        self._update_status()

    def apply_behaviour(self, config: TcpServerConfig) -> None:
        """Use ``config``'s welcome message and access rules for the clients that connect
        from now on (clients already here stay). Its address and port are not looked at.

        Raises ``ValueError`` saying what is wrong (welcome or allow-list); nothing changes
        then.
        """
        try:
            welcome = welcome_template_of(config)
        except ValueError as exc:  # a bad escape, hex digit or placeholder
            raise ValueError(self.tr("Welcome message: {error}").format(error=exc)) from None
        try:
            access = AccessPolicy.parse(config.max_clients, config.allow)
        except ValueError as exc:
            raise ValueError(self.tr("Allow-list: {error}").format(error=exc)) from None
        self._welcome, self._access = welcome, access

    def _client_refused(self, peer: str, reason: str) -> None:
        self._update_status(self.tr("Refused {peer}: {reason}.").format(
            peer=peer, reason=reason), error=True)

    def _connection_half_closed(self, conn: TcpConnection) -> None:
        if self.state == SessionState.OPEN:
            self._update_status(self.tr(
                "{peer} finished sending (half-close); you can still send.").format(
                peer=conn.peer))

    def _connection_ended(self, conn: TcpConnection) -> None:
        if self.state == SessionState.OPEN:
            self._update_status(conn.end_reason, conn.end_error)

    def _update_status(self, last_event: str = "", error: bool = False) -> None:
        count = len(self._connections)
        text = self.tr("Listening on {endpoint} — {count} client(s) connected").format(
            endpoint=self.endpoint, count=count
        )
        if last_event:
            text += " · " + last_event
        self._set_status(text, error)

    def disconnect_clients(self, conn_ids: list[int]) -> None:
        """Close the given clients' connections (the server keeps listening)."""
        conns = [c for i in conn_ids if (c := self._connections.get(i)) is not None]
        for conn in conns:
            conn.note_end(self.tr("{peer} was disconnected by you.").format(peer=conn.peer),
                          self.tr("closed by you"))
            conn.abort()

    def disconnect_all(self) -> None:
        """Close every client's connection (the server keeps listening)."""
        self.disconnect_clients(list(self._connections))

    def _stopped_note(self) -> str:
        return self.tr("closed (the server stopped)")
