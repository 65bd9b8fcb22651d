"""The accept loop under failures: out of descriptors, clients that vanish before accept.

A listener that fails on cue stands in for the OS; the clients and the accepted sockets are
real loopback sockets.
"""

from __future__ import annotations

import errno
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from app.net.error_codes import WSAECONNABORTED, WSAECONNRESET
from app.net.limits import DescriptorBudget, open_descriptors
from app.net.listener import BACKOFF_FIRST, AcceptThread, open_listener
from app.sessions.config import TcpServerConfig
from app.sessions.tcp_server import TcpServerSession

ROOT = Path(__file__).resolve().parent.parent


class FlakyListener:
    """A real listening socket whose ``accept()`` raises chosen errors first.

    ``fail(code)`` returns True while the next call should raise ``OSError(code)``.
    """

    def __init__(self, fail) -> None:
        self.real = open_listener("127.0.0.1", 0)
        self.port = self.real.getsockname()[1]
        self._fail = fail
        self.calls: list[float] = []
        self.lock = threading.Lock()

    def accept(self):
        with self.lock:
            self.calls.append(time.monotonic())
            code = self._fail(len(self.calls))
        if code is not None:
            exc = OSError(code, errno.errorcode.get(code, "winsock error"))
            if code >= 10000:
                exc.errno = None
                exc.winerror = code  # type: ignore[attr-defined]
            raise exc
        return self.real.accept()

    def getsockname(self):
        return self.real.getsockname()

    def close(self) -> None:
        self.real.close()


class Events:
    """What the accept loop reported, collected from before it starts (signals sent before
    a ``waitSignal`` begins would be missed)."""

    def __init__(self, thread: AcceptThread) -> None:
        self.accepted: list = []
        self.refused: list[str] = []
        self.failed: list[str] = []
        thread.accepted.connect(self.accepted.append)
        thread.refused.connect(
            lambda peer, reason: self.refused.append(f"Refused {peer}: {reason}."))
        thread.failed.connect(self.failed.append)


def _start(qtbot, listener: FlakyListener) -> tuple[AcceptThread, Events]:
    thread = AcceptThread("127.0.0.1", 0, listen=lambda _h, _p: listener)  # type: ignore
    events = Events(thread)
    thread.start()
    return thread, events


def _stop(thread: AcceptThread) -> None:
    thread.request_stop()
    assert thread.wait(2000)


def _take(accepted) -> None:
    accepted.sock.close()


def test_out_of_descriptors_backs_off_instead_of_spinning_then_accepts(qtbot):
    window = 0.7
    t0: list[float] = []

    def fail(_n: int):
        if not t0:
            t0.append(time.monotonic())
        return errno.EMFILE if time.monotonic() - t0[0] < window else None

    listener = FlakyListener(fail)
    client = socket.create_connection(("127.0.0.1", listener.port), timeout=5)
    thread, events = _start(qtbot, listener)
    try:
        qtbot.waitUntil(lambda: len(events.accepted) == 1, timeout=5000)
        accepted = events.accepted[0]
        assert accepted.peer == client.getsockname()
        _take(accepted)
    finally:
        _stop(thread)
        client.close()
    during = [t for t in listener.calls if t - t0[0] < window]
    # A spinning loop makes thousands of calls in 0.7 s; backing off 0.1, 0.2, 0.4 s makes
    # a handful (each failure also tries the spare descriptor once).
    assert 3 <= len(during) <= 10, len(during)
    gaps = [b - a for a, b in zip(during[::2], during[2::2], strict=False)]
    assert gaps and min(gaps) >= BACKOFF_FIRST * 0.9
    assert gaps == sorted(gaps)  # doubling
    assert events.refused == []  # the spare could not help: nobody was refused


def test_out_of_descriptors_refuses_the_waiting_client_cleanly(qtbot):
    listener = FlakyListener(lambda n: errno.EMFILE if n == 1 else None)
    victim = socket.create_connection(("127.0.0.1", listener.port), timeout=5)
    thread, events = _start(qtbot, listener)
    try:
        qtbot.waitUntil(lambda: len(events.refused) == 1, timeout=5000)
        host, port = victim.getsockname()
        assert events.refused == [f"Refused {host}:{port}: too many open files."]
        assert victim.recv(10) == b""  # closed at once, not left hanging
        later = socket.create_connection(("127.0.0.1", listener.port), timeout=5)
        qtbot.waitUntil(lambda: len(events.accepted) == 1, timeout=5000)
        assert events.accepted[0].peer == later.getsockname()
        _take(events.accepted[0])
        later.close()
    finally:
        _stop(thread)
        victim.close()


@pytest.mark.parametrize("code", [errno.ECONNABORTED, errno.ECONNRESET, errno.EPROTO,
                                  WSAECONNABORTED, WSAECONNRESET],
                         ids=["ECONNABORTED", "ECONNRESET", "EPROTO", "WSAECONNABORTED",
                              "WSAECONNRESET"])
def test_client_gone_before_accept_does_not_stop_the_server(qtbot, code):
    listener = FlakyListener(lambda n: code if n <= 3 else None)
    client = socket.create_connection(("127.0.0.1", listener.port), timeout=5)
    thread, events = _start(qtbot, listener)
    try:
        qtbot.waitUntil(lambda: len(events.accepted) == 1, timeout=5000)
        assert events.accepted[0].peer == client.getsockname()
        _take(events.accepted[0])
        assert thread.isRunning()
    finally:
        _stop(thread)
        client.close()
    assert events.failed == []
    assert len(listener.calls) >= 4


def test_an_unexpected_accept_error_still_ends_the_loop_in_words(qtbot):
    listener = FlakyListener(lambda n: errno.EBADF)
    thread, events = _start(qtbot, listener)
    qtbot.waitUntil(lambda: len(events.failed) == 1, timeout=5000)
    assert events.failed[0]
    assert thread.wait(2000)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts /proc/self/fd")
def test_a_connection_costs_one_descriptor_and_two_threads(qtbot, connect_peer):
    idle_fds, idle_threads = open_descriptors(), threading.active_count()
    session = TcpServerSession()
    try:
        with qtbot.waitSignal(session.stateChanged, timeout=5000,
                              check_params_cb=lambda s: s == "open"):
            session.open(TcpServerConfig("127.0.0.1", 0))
        fds_before = open_descriptors()
        threads_before = threading.active_count()
        peers = [connect_peer(session.port) for _ in range(20)]
        qtbot.waitUntil(lambda: len(session.connections()) == 20, timeout=5000)
        fds = open_descriptors()
        assert fds is not None and fds_before is not None and idle_fds is not None
        # 20 peer sockets of this test plus one socket per accepted connection; with a
        # QThread per loop it was 20 + 3 x 20.
        assert fds - fds_before == 20 + 20
        assert threading.active_count() - threads_before == 2 * 20
    finally:
        session.close()
    # Nothing left behind but the test's own peers.
    assert open_descriptors() == idle_fds + len(peers)
    qtbot.waitUntil(lambda: threading.active_count() == idle_threads, timeout=2000)


def test_session_refuses_a_client_over_budget_and_says_so(qtbot, monkeypatch, connect_peer):
    answers = iter([False])  # the first client finds the budget spent, later ones do not
    monkeypatch.setattr(DescriptorBudget, "allows_one_more", lambda self: next(answers, True))
    session = TcpServerSession()
    try:
        with qtbot.waitSignal(session.stateChanged, timeout=5000,
                              check_params_cb=lambda s: s == "open"):
            session.open(TcpServerConfig("127.0.0.1", 0))
        first = connect_peer(session.port)
        qtbot.waitUntil(lambda: "Refused" in session.status, timeout=5000)
        host, port = first.sock.getsockname()
        assert session.status.endswith(f"Refused {host}:{port}: too many open files.")
        assert first.recv_until_closed() == b""
        assert session.connections() == []
        second = connect_peer(session.port)
        qtbot.waitUntil(lambda: len(session.connections()) == 1, timeout=5000)
        assert session.connections()[0].peer == "{}:{}".format(*second.sock.getsockname())
        assert session.state == "open"
    finally:
        session.close()


_CHILD = r"""
import os, resource, sys, threading
from PySide6.QtCore import QCoreApplication, QObject, Signal
from app.sessions.config import TcpServerConfig
from app.sessions.tcp_server import TcpServerSession

resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
app = QCoreApplication([])
session = TcpServerSession()
fillers = []

class Commands(QObject):
    line = Signal(str)

def on_command(line):
    if line == "fill":  # use up every descriptor left
        try:
            while True:
                fillers.append(os.open(os.devnull, os.O_RDONLY))
        except OSError:
            pass
        print("filled", len(fillers), flush=True)
    elif line.startswith("free"):
        for _ in range(int(line.split()[1])):
            os.close(fillers.pop())
        print("freed", flush=True)
    elif line == "status":
        print("status", len(session.connections()), session.state, session.status, flush=True)
    else:
        session.close()
        app.quit()

commands = Commands()
commands.line.connect(on_command)

def read():
    for line in sys.stdin:
        commands.line.emit(line.strip())
    commands.line.emit("quit")

def on_state(state):
    if state == "open":
        threading.Thread(target=read, daemon=True).start()
        print("port", session.port, flush=True)

session.stateChanged.connect(on_state)
session.open(TcpServerConfig("127.0.0.1", 0))
app.exec()
print("exit", flush=True)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="lowers RLIMIT_NOFILE")
def test_a_process_out_of_descriptors_refuses_cleanly_and_recovers():
    import subprocess

    proc = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=str(ROOT))
    assert proc.stdin is not None and proc.stdout is not None

    def ask(command: str) -> list[str]:
        proc.stdin.write(command + "\n")
        proc.stdin.flush()
        return proc.stdout.readline().split()

    def ask_until(done) -> list[str]:
        deadline = time.monotonic() + 5
        while not done(words := ask("status")) and time.monotonic() < deadline:
            pass
        return words

    peers = []
    try:
        port = int(proc.stdout.readline().split()[1])
        assert ask("fill")[0] == "filled"
        # accept() fails with EMFILE: the spare descriptor lets the loop refuse the client.
        victim = socket.create_connection(("127.0.0.1", port), timeout=5)
        peers.append(victim)
        assert victim.recv(10) == b""
        status = ask_until(lambda words: "many" in words)  # said just after the close
        assert status[:3] == ["status", "0", "open"]
        assert " ".join(status).endswith("too many open files.")
        # With descriptors to spare again (more than the 64 kept free) a client is held.
        assert ask("free 100") == ["freed"]
        held = socket.create_connection(("127.0.0.1", port), timeout=5)
        peers.append(held)
        assert ask_until(lambda words: words[1] == "1")[1:3] == ["1", "open"]
        ask("quit")
        assert proc.wait(10) == 0
    finally:
        for peer in peers:
            peer.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
