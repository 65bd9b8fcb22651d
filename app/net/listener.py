"""The TCP server's listening socket and its accept loop."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading

from PySide6.QtCore import QThread, Signal

from app.net.endpoints import clean_host, format_endpoint
from app.net.errors import describe_bind_error
from app.net.tcp_connection import AcceptedSocket
from app.workers import track

#: The accept loop wakes this often to check its stop flag: closing a listening socket does
#: not wake a blocked accept() on every platform.
ACCEPT_POLL = 0.2


def open_listener(host: str, port: int, backlog: int = 1024) -> socket.socket:
    """Bind and listen on ``host:port``; raises ``OSError`` with a readable message.

    ``::`` listens on IPv6 *and* IPv4 where the OS supports dual-stack sockets.
    """
    sock = bind_socket(host, port)
    try:
        sock.listen(backlog)
        sock.settimeout(ACCEPT_POLL)
    except OSError as exc:
        sock.close()
        raise _bind_error(exc, clean_host(host), port) from exc
    return sock


def bind_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` as a listener binds it, not yet listening.

    Raises ``OSError`` with a readable message.
    """
    host = clean_host(host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        infos = socket.getaddrinfo(host or None, port, family, socket.SOCK_STREAM, 0,
                                   socket.AI_PASSIVE)
        family, _, _, _, sockaddr = infos[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:
        raise _bind_error(exc, host, port) from exc
    try:
        if sys.platform == "win32":
            # On Windows SO_REUSEADDR lets another program steal a port in use; exclusive use
            # is the safe equivalent there (a restart can still bind at once).
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            # Lets a restarted server bind the same port while old connections sit in TIME_WAIT.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6 and host in ("::", ""):
            with contextlib.suppress(OSError, AttributeError):
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(sockaddr)
    except OSError as exc:
        sock.close()
        raise _bind_error(exc, host, port) from exc
    return sock


def _bind_error(exc: OSError, host: str, port: int) -> OSError:
    return OSError(exc.errno, describe_bind_error(exc, format_endpoint(host, port), port))


class AcceptThread(QThread):
    """Binds, listens, and hands each accepted connection to the GUI thread."""

    #: Listening: the bound endpoint as ``host:port`` (the real port when 0 was asked for).
    listening = Signal(str)
    #: A new connection: an :class:`AcceptedSocket` (queued to the GUI thread).
    accepted = Signal(object)
    #: Binding failed or the loop ended on an error (in words); not emitted on a stop.
    failed = Signal(str)

    def __init__(self, host: str, port: int) -> None:
        super().__init__()
        self.setObjectName("tcp-accept")
        track(self)
        self.host = host
        self.port = port
        #: The bound port, once listening.
        self.bound_port = 0
        self._stop = threading.Event()

    def request_stop(self) -> None:
        """Ask the loop to end; it notices within ``ACCEPT_POLL`` seconds."""
        self._stop.set()

    def run(self) -> None:
        try:
            listener = open_listener(self.host, self.port)
        except OSError as exc:
            self.failed.emit(exc.strerror or str(exc))
            return
        try:
            self.bound_port = listener.getsockname()[1]
            self.listening.emit(format_endpoint(clean_host(self.host), self.bound_port))
            self._accept_loop(listener)
        finally:
            listener.close()

    def _accept_loop(self, listener: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                conn, _addr = listener.accept()
            except TimeoutError:
                continue
            except OSError as exc:
                if self._stop.is_set():
                    return
                # Transient per-connection failures (e.g. the client reset before accept,
                # or the process ran out of file descriptors) must not kill the server.
                if exc.errno in (None, 24, 103, 104, 10053, 10054):
                    continue
                self.failed.emit(exc.strerror or str(exc))
                return
            if self._stop.is_set():
                conn.close()
                return
            try:
                self.accepted.emit(AcceptedSocket.wrap(conn))
            except OSError:
                conn.close()  # reset between accept() and getpeername(): nothing to show
