"""Connecting a TCP client off the GUI thread, cancellable while it waits."""

from __future__ import annotations

import errno
import select
import socket
import struct
import sys
import time

from PySide6.QtCore import QCoreApplication, Signal

from app.net.endpoints import clean_host, format_endpoint
from app.net.error_codes import CONNECT_IN_PROGRESS, WSAECONNREFUSED, WSAETIMEDOUT
from app.net.errors import describe_bad_host, describe_connect_error
from app.net.socket_options import KeepAlive, apply_keep_alive
from app.net.tcp_connection import AcceptedSocket
from app.workers import Worker


class ConnectThread(Worker):
    """Resolves a host and connects to it, trying each address in turn.

    The connect itself is non-blocking and polled, so a cancel (window closed, user clicked
    Disconnect) ends the attempt within a tenth of a second instead of after the timeout.
    """

    #: Connected: an :class:`AcceptedSocket` ready for a :class:`TcpConnection`.
    connected = Signal(object)
    #: Failed or timed out (or crashed, see :class:`~app.workers.Worker`): the reason in
    #: words. Not emitted after a cancel.
    failed = Signal(str)

    def __init__(self, host: str, port: int, timeout: float, local_port: int = 0,
                 no_delay: bool = True, keep_alive: KeepAlive | None = None,
                 linger_reset: bool = False) -> None:
        super().__init__("tcp-connect")
        self.host = clean_host(host)
        self.port = port
        self.timeout = timeout
        self.local_port = local_port
        self.no_delay = no_delay
        #: TCP keep-alive for the connected socket (None: off).
        self.keep_alive = keep_alive
        #: SO_LINGER with a zero timeout: closing sends RST instead of FIN.
        self.linger_reset = linger_reset

    @property
    def endpoint(self) -> str:
        return format_endpoint(self.host, self.port)

    def cancel(self) -> None:
        """Give up the attempt (the client session's word for :meth:`request_stop`)."""
        self.request_stop()

    def task(self) -> str:
        return QCoreApplication.translate("ConnectThread", "connecting to {endpoint}").format(
            endpoint=self.endpoint)

    def on_crash(self, message: str) -> None:
        if not self.stopping:
            self.failed.emit(message)

    def run(self) -> None:
        deadline = time.monotonic() + self.timeout
        try:
            infos = socket.getaddrinfo(self.host, self.port, 0, socket.SOCK_STREAM)
        except OSError as exc:
            if not self.stopping:
                self.failed.emit(describe_connect_error(exc, self.endpoint, self.timeout))
            return
        except ValueError as exc:  # UnicodeError from the IDNA codec: "a..b", a long label
            if not self.stopping:
                self.failed.emit(describe_bad_host(self.host, exc))
            return
        last_error: OSError | None = None
        for family, socktype, proto, _, sockaddr in infos:
            if self.stopping:
                return
            sock = socket.socket(family, socktype, proto)
            try:
                self._connect_one(sock, family, sockaddr, deadline)
            except OSError as exc:
                sock.close()
                last_error = exc
                if isinstance(exc, TimeoutError):
                    break
                continue
            except _Cancelled:
                sock.close()
                return
            except BaseException:
                sock.close()  # the worker base reports it; the socket must not leak
                raise
            try:
                accepted = AcceptedSocket.wrap(sock)
            except OSError as exc:  # reset right after connecting
                sock.close()
                last_error = exc
                continue
            self.connected.emit(accepted)
            return
        if last_error is not None and not self.stopping:
            self.failed.emit(describe_connect_error(last_error, self.endpoint, self.timeout))

    def _connect_one(self, sock: socket.socket, family: int, sockaddr: tuple, deadline: float):
        if self.local_port:
            bind_local_port(sock, family, self.local_port)
        if self.no_delay:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        apply_keep_alive(sock, self.keep_alive)
        if self.linger_reset:
            # struct linger is two ints on POSIX, two u_shorts on Windows.
            layout = "HH" if sys.platform == "win32" else "ii"
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack(layout, 1, 0))
        sock.setblocking(False)
        code = sock.connect_ex(sockaddr)
        if code != 0 and code not in CONNECT_IN_PROGRESS:
            raise OSError(code, errno.errorcode.get(code, str(code)))
        while code != 0:
            if self.stopping:
                raise _Cancelled
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(errno.ETIMEDOUT, "timed out")
            # Windows reports a failed connect in the exception set, POSIX as writable.
            _, writable, failed = select.select([], [sock], [sock], min(remaining, 0.1))
            if writable or failed:
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if code:
                    raise _os_error(code)
                break


def bind_local_port(sock: socket.socket, family: int, port: int) -> None:
    """Bind a client socket of ``family`` to the local ``port`` on every interface.

    Raises ``OSError`` when the port is taken. On Windows ``SO_REUSEADDR`` would let this bind
    share a port another socket holds, so exclusive use is asked for there, as the listener
    does; elsewhere ``SO_REUSEADDR`` only lets a reconnect reuse a port left in TIME_WAIT.
    """
    if sys.platform == "win32":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
    else:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", port))


def _os_error(code: int) -> OSError:
    exc_type = {errno.ECONNREFUSED: ConnectionRefusedError,
                WSAECONNREFUSED: ConnectionRefusedError,
                errno.ETIMEDOUT: TimeoutError, WSAETIMEDOUT: TimeoutError}.get(code, OSError)
    return exc_type(code, errno.errorcode.get(code, str(code)))


class _Cancelled(Exception):
    pass
