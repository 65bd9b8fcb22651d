"""The TCP server's listening socket and its accept loop."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal

from app.net.endpoints import clean_host, format_endpoint
from app.net.error_codes import ACCEPT_CLIENT_GONE, OUT_OF_DESCRIPTORS, error_code
from app.net.errors import describe_bad_host, describe_bind_error
from app.net.limits import DescriptorBudget
from app.net.socket_options import KeepAlive, apply_keep_alive
from app.net.tcp_connection import AcceptedSocket
from app.workers import Worker

#: The accept loop wakes this often to check its stop flag: closing a listening socket does
#: not wake a blocked accept() on every platform.
ACCEPT_POLL = 0.2
#: Out of descriptors with no way to refuse a client, the accept loop waits this long before
#: it tries again, doubling each time up to BACKOFF_MAX (seconds), instead of spinning.
BACKOFF_FIRST = 0.1
BACKOFF_MAX = 1.0


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
    except ValueError as exc:  # UnicodeError from the IDNA codec: "a..b", a long label
        raise OSError(errno.EINVAL, describe_bad_host(host, exc)) from exc
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
    return OSError(exc.errno, describe_bind_error(exc, format_endpoint(host, port), port,
                                                  host))


class AcceptThread(Worker):
    """Binds, listens, and hands each accepted connection to the GUI thread.

    Out of descriptors it never spins and never dies: it keeps one spare descriptor, and when
    ``accept()`` fails for lack of descriptors it closes the spare, accepts the waiting
    client, closes it at once (the client sees the connection end instead of hanging in the
    backlog) and reopens the spare. When even that makes no progress it backs off, from
    :data:`BACKOFF_FIRST` doubling to :data:`BACKOFF_MAX`. Before it comes to that, it
    refuses clients while fewer than ``RESERVED_DESCRIPTORS`` would stay free
    (:class:`~app.net.limits.DescriptorBudget`), so files and Qt still have descriptors.
    """

    #: Listening: the bound endpoint as ``host:port`` (the real port when 0 was asked for).
    listening = Signal(str)
    #: A new connection: an :class:`AcceptedSocket` (queued to the GUI thread).
    accepted = Signal(object)
    #: A client was refused and closed at once: its ``host:port`` ("?" when unknown) and
    #: why, in words ("too many open files").
    refused = Signal(str, str)
    #: Binding failed or the loop ended on an error or crashed (in words); not emitted on a
    #: stop.
    failed = Signal(str)

    def __init__(self, host: str, port: int,
                 listen: Callable[[str, int], socket.socket] = open_listener,
                 keep_alive: KeepAlive | None = None) -> None:
        """``listen`` opens the listening socket (tests pass one that fails on cue)."""
        super().__init__("tcp-accept")
        self.host = host
        self.port = port
        #: TCP keep-alive set on each accepted socket (None: off). Replace it from any
        #: thread: it applies to the connections accepted from then on.
        self.keep_alive = keep_alive
        #: The bound port, once listening.
        self.bound_port = 0
        self._listen = listen
        self._budget = DescriptorBudget()

    def task(self) -> str:
        return QCoreApplication.translate("AcceptThread", "listening on {endpoint}").format(
            endpoint=format_endpoint(clean_host(self.host), self.bound_port or self.port))

    def on_crash(self, message: str) -> None:
        if not self.stopping:
            self.failed.emit(message)

    def run(self) -> None:
        try:
            listener = self._listen(self.host, self.port)
        except OSError as exc:
            self.failed.emit(exc.strerror or str(exc))
            return
        spare = _Spare()  # before "listening": a client may come at once
        try:
            self.bound_port = listener.getsockname()[1]
            self.listening.emit(format_endpoint(clean_host(self.host), self.bound_port))
            self._accept_loop(listener, spare)
        finally:
            spare.close()
            listener.close()

    def _accept_loop(self, listener: socket.socket, spare: _Spare) -> None:
        backoff = 0.0
        while not self.stopping:
            try:
                conn, _addr = listener.accept()
            except TimeoutError:
                continue
            except OSError as exc:
                if self.stopping:
                    return
                code = error_code(exc)
                if code in ACCEPT_CLIENT_GONE:
                    continue  # that client reset or gave up before we took it
                if code in OUT_OF_DESCRIPTORS or code is None:
                    if code is not None and spare.refuse_one(listener, self._refuse):
                        backoff = 0.0  # progress: one client refused, not a spin
                        continue
                    backoff = min(max(backoff * 2, BACKOFF_FIRST), BACKOFF_MAX)
                    self.stop_event.wait(backoff)
                    continue
                self.failed.emit(exc.strerror or str(exc))
                return
            backoff = 0.0
            if self.stopping:
                conn.close()
                return
            if not self._budget.allows_one_more():
                self._refuse(conn)
                continue
            try:
                apply_keep_alive(conn, self.keep_alive)
                self.accepted.emit(AcceptedSocket.wrap(conn))
            except OSError:
                conn.close()  # reset between accept() and getpeername(): nothing to show

    def _refuse(self, conn: socket.socket) -> None:
        """Close ``conn`` at once and say so (out of descriptors)."""
        try:
            peer = conn.getpeername()
            who = format_endpoint(peer[0], peer[1])
        except OSError:
            who = "?"
        conn.close()
        self.refused.emit(who, QCoreApplication.translate("AcceptThread", "too many open files"))


class _Spare:
    """One descriptor held in reserve, so that a client can be refused cleanly even when the
    process has none left (closing it makes room for exactly one ``accept()``)."""

    def __init__(self) -> None:
        self._fd: int | None = None
        self.reopen()

    def reopen(self) -> None:
        if self._fd is None:
            try:
                self._fd = os.open(os.devnull, os.O_RDONLY)
            except OSError:
                self._fd = None  # none to spare now; tried again at the next refusal

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def refuse_one(self, listener: socket.socket,
                   refuse: Callable[[socket.socket], None]) -> bool:
        """Free the spare, accept one waiting client and refuse it, take the spare back.

        True when a client was refused (progress); False when nothing could be done.
        """
        if self._fd is None:
            self.reopen()
            return False
        self.close()
        try:
            conn, _addr = listener.accept()
        except OSError:
            self.reopen()
            return False
        refuse(conn)  # closes it first: the spare takes its descriptor back
        self.reopen()
        return True
