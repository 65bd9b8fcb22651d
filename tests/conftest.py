"""Shared fixtures: offscreen Qt, loopback peers, and a guard against leaked threads."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import socket  # noqa: E402
import struct  # noqa: E402
import threading  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from app.workers import running_threads  # noqa: E402

# In CI the property tests use a fixed seed, so a landing never depends on luck; on
# developers' machines they explore new examples every run.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def no_leaked_threads(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves one of the core's worker threads running.

    Teardown of the test's own fixtures runs before this check (it is requested first).
    """
    before = set(running_threads())
    yield
    leaked = [t for t in running_threads() if t not in before]
    if leaked:
        # Give threads a moment that are already on their way out, then judge.
        for thread in leaked:
            thread.wait(1000)
        still = [t.objectName() for t in leaked if t.isRunning()]
        if still:
            pytest.fail(f"worker threads left running: {still}")


@pytest.fixture(autouse=True, scope="session")
def no_close_questions() -> None:
    """Closing a window or tab with live connections asks the user; a test would wait for a
    click forever, so it is off for every window (also at pytest-qt's teardown, after
    monkeypatch has undone its changes). test_window_fits.py turns it on for one window."""
    from ui.main_window import MainWindow

    MainWindow.ask_before_closing = False


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """A private settings file, so tests never touch the user's settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    """The main window on private settings, shown offscreen; closed after the test."""
    from ui.main_window import MainWindow

    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


@pytest.fixture
def connected_client(qtbot, window, loopback_server):
    """The window's TCP Client page connected to a plain loopback server: (page, peer)."""
    from PySide6.QtWidgets import QWidget

    from tests.ui_helpers import child, click, state

    server = loopback_server()
    page = window.findChild(QWidget, "tcpClientSession")
    child(page, "remoteHostEdit").setText("127.0.0.1")
    child(page, "remotePortSpin").setValue(server.port)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    return page, server.peer()


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A loopback port whose listener never completes new handshakes (backlog full).

    On Linux a connect to it neither succeeds nor is refused: it waits, as towards a host that
    drops packets, without leaving this machine.
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", port))
        fillers.append(s)
    yield port
    for s in fillers:
        s.close()
    listener.close()


class PeerSocket:
    """A plain blocking socket used as the other end in tests, with bounded waits."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.sock.settimeout(5)

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def recv_exactly(self, n: int) -> bytes:
        out = bytearray()
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                break
            out += chunk
        return bytes(out)

    def recv_until_closed(self) -> bytes:
        out = bytearray()
        while chunk := self.sock.recv(65536):
            out += chunk
        return bytes(out)

    def close(self) -> None:
        # shutdown() first: close() alone does not wake a thread blocked in recv() on Linux.
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()

    def half_close(self) -> None:
        """Finish sending (a FIN) but keep reading: ``shutdown(SHUT_WR)``."""
        self.sock.shutdown(socket.SHUT_WR)

    def reset(self) -> None:
        """Leave abruptly: SO_LINGER 0 makes close() send RST instead of FIN, so the app
        sees the connection end at once (a FIN alone is a half-close it keeps open)."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


@pytest.fixture
def connect_peer() -> Iterator:
    """Connect plain sockets to a port; all are closed after the test."""
    peers: list[PeerSocket] = []

    def connect(port: int, host: str = "127.0.0.1") -> PeerSocket:
        peer = PeerSocket(socket.create_connection((host, port), timeout=5))
        peers.append(peer)
        return peer

    yield connect
    for peer in peers:
        peer.close()


class LoopbackServer:
    """A plain threaded TCP server on 127.0.0.1:0 to test the client session against."""

    def __init__(self, echo: bool = False) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self._stop = threading.Event()
        self.port = self.listener.getsockname()[1]
        self.echo = echo
        self.accepted: list[PeerSocket] = []
        self.received = bytearray()
        self.connected = threading.Event()
        self._threads: list[threading.Thread] = []
        t = threading.Thread(target=self._serve, daemon=True)
        t.start()
        self._threads.append(t)

    def _serve(self) -> None:
        while True:
            try:
                sock, _ = self.listener.accept()
                break
            except TimeoutError:
                if self._stop.is_set():
                    return
            except OSError:
                return
        peer = PeerSocket(sock)
        self.accepted.append(peer)
        self.connected.set()
        if self.echo:
            try:
                while data := sock.recv(65536):
                    self.received += data
                    sock.sendall(data)
            except OSError:
                pass

    def peer(self) -> PeerSocket:
        assert self.connected.wait(5), "nobody connected to the loopback server"
        return self.accepted[0]

    def close(self) -> None:
        self._stop.set()
        self.listener.close()
        for peer in self.accepted:
            peer.close()
        for t in self._threads:
            t.join(5)


@pytest.fixture
def loopback_server() -> Iterator:
    servers: list[LoopbackServer] = []

    def make(echo: bool = False) -> LoopbackServer:
        server = LoopbackServer(echo)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


def free_port() -> int:
    """A port that was free a moment ago (for tests that need a port nobody listens on)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def client(qtbot):
    """A TCP client session (engine only, no window); closed after the test."""
    from app.sessions.tcp_client import TcpClientSession

    session = TcpClientSession()
    yield session
    session.stop_recording()
    session.close()


@pytest.fixture
def wired(qtbot, client, loopback_server):
    """``client`` connected to a plain loopback server: (session, the peer's socket).

    The peer sends with TCP_NODELAY, so each of its sends arrives as soon as it is made.
    """
    from app.sessions.config import TcpClientConfig

    server = loopback_server()
    with qtbot.waitSignal(client.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        client.open(TcpClientConfig("127.0.0.1", server.port, timeout=3))
    peer = server.peer()
    peer.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return client, peer


@pytest.fixture(autouse=True, scope="session")
def collect_garbage_between_tests_only():
    """Cyclic garbage collection off while tests run, as the app does (app/gc_guard.py).

    A collection inside ``QObject::disconnect`` (pytest-qt's signal blockers disconnect
    constantly) can destroy a QObject that needs the lock disconnect holds: the suite hung
    there once. Tests collect in their teardown instead (below).
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()


_tests_run = 0


@pytest.fixture(autouse=True)
def collect_after_each_test():
    """The young generations after each test, everything every hundred tests (a full
    collection costs ~70 ms once the suite's modules are loaded)."""
    import gc

    global _tests_run
    yield
    _tests_run += 1
    gc.collect(2 if _tests_run % 100 == 0 else 1)
