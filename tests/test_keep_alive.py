"""TCP keep-alive: set on accepted and connected sockets when checked, not when unchecked;
part of the session configs; a keep-alive timeout is explained in words."""

from __future__ import annotations

import errno
import socket
import sys

import pytest
from PySide6.QtWidgets import QCheckBox

from app.net.errors import describe_io_error
from app.net.socket_options import KeepAlive, apply_keep_alive
from app.net.tcp_connection import AcceptedSocket, TcpConnection
from app.sessions.config import TcpClientConfig, TcpServerConfig
from app.sessions.tcp_client import TcpClientSession
from app.sessions.tcp_server import TcpServerSession
from app.traffic.sink import TrafficSink

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads back Linux's TCP_KEEPIDLE/INTVL/CNT")


def keep_alive_of(sock: socket.socket) -> tuple[int, int, int, int]:
    """(SO_KEEPALIVE, idle, interval, count) as the kernel holds them."""
    return (sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
            sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
            sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
            sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT))


def test_apply_sets_and_clears_keep_alive():
    with socket.socket() as sock:
        apply_keep_alive(sock, KeepAlive(61, 11, 4))
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) != 0
        if sys.platform.startswith("linux"):
            assert keep_alive_of(sock)[1:] == (61, 11, 4)
        apply_keep_alive(sock, None)
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 0


@pytest.fixture
def server(qtbot):
    session = TcpServerSession()
    yield session
    session.close()


@pytest.fixture
def client(qtbot):
    session = TcpClientSession()
    yield session
    session.close()


def _listen(qtbot, server: TcpServerSession, config: TcpServerConfig) -> int:
    with qtbot.waitSignal(server.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        server.open(config)
    return server.port


@linux_only
def test_accepted_sockets_get_keep_alive_when_checked(qtbot, server, connect_peer):
    port = _listen(qtbot, server, TcpServerConfig(
        "127.0.0.1", 0, keep_alive=True, keep_alive_idle=45, keep_alive_interval=7,
        keep_alive_count=3))
    connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
    assert keep_alive_of(server.connections()[0].sock) == (1, 45, 7, 3)


def test_accepted_sockets_have_no_keep_alive_when_unchecked(qtbot, server, connect_peer):
    port = _listen(qtbot, server, TcpServerConfig("127.0.0.1", 0, keep_alive=False))
    connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
    sock = server.connections()[0].sock
    assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 0


@linux_only
def test_server_switch_applies_to_connections_opened_after_it(qtbot, server, connect_peer):
    port = _listen(qtbot, server, TcpServerConfig("127.0.0.1", 0, keep_alive=False))
    connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
    server.set_keep_alive(True)
    connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 2, timeout=5000)
    first, second = server.connections()
    assert first.sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 0
    assert keep_alive_of(second.sock) == (1, 60, 10, 5)
    assert server.config.keep_alive is True


def _connect(qtbot, client: TcpClientSession, config: TcpClientConfig) -> socket.socket:
    with qtbot.waitSignal(client.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        client.open(config)
    return client.connections()[0].sock


@linux_only
def test_connected_socket_gets_keep_alive_when_checked(qtbot, client, loopback_server):
    port = loopback_server().port
    sock = _connect(qtbot, client, TcpClientConfig(
        "127.0.0.1", port, keep_alive=True, keep_alive_idle=30, keep_alive_interval=2,
        keep_alive_count=9))
    assert keep_alive_of(sock) == (1, 30, 2, 9)


def test_connected_socket_has_no_keep_alive_when_unchecked(qtbot, client, loopback_server):
    port = loopback_server().port
    sock = _connect(qtbot, client, TcpClientConfig("127.0.0.1", port, keep_alive=False))
    assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 0


@pytest.mark.parametrize("kind", [TcpServerConfig, TcpClientConfig])
def test_config_round_trip_with_keep_alive(kind):
    assert kind().keep_alive is True  # on by default
    config = kind(keep_alive=False, keep_alive_idle=120, keep_alive_interval=15,
                  keep_alive_count=8)
    assert kind.from_dict(config.to_dict()) == config
    # As an INI file stores it: strings.
    stored = {key: str(value).lower() for key, value in config.to_dict().items()}
    assert kind.from_dict(stored) == config
    assert config.keep_alive_timings() is None
    assert kind(keep_alive_idle=120).keep_alive_timings() == KeepAlive(120, 10, 5)
    # Out of range: refused in code, the default when read from storage.
    with pytest.raises(ValueError):
        kind(keep_alive_idle=0)
    assert kind.from_dict({"keep_alive_count": "1000"}).keep_alive_count == 5


def test_keep_alive_timeout_is_explained_with_the_peer():
    exc = TimeoutError(errno.ETIMEDOUT, "Connection timed out")
    assert describe_io_error(exc, "10.0.0.7:5000") == (
        "10.0.0.7:5000 timed out: no answer to keep-alive probes")


class _DeadPeerSocket:
    """A socket whose recv() fails as Linux reports unanswered keep-alive probes."""

    def __init__(self) -> None:
        self.closed = False

    def recv(self, _size: int) -> bytes:
        raise TimeoutError(errno.ETIMEDOUT, "Connection timed out")

    def settimeout(self, _t: float) -> None:
        pass

    def shutdown(self, _how: int) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def test_receive_loop_reports_a_keep_alive_timeout(qtbot):
    sink = TrafficSink()
    fake = _DeadPeerSocket()
    accepted = AcceptedSocket(fake, ("192.0.2.5", 4000), ("192.0.2.1", 9000))  # type: ignore[arg-type]
    conn = TcpConnection(accepted, sink)
    with qtbot.waitSignal(conn.ended, timeout=5000):
        conn.start()
    assert conn.wait(2000)
    assert conn.end_reason == "192.0.2.5:4000 timed out: no answer to keep-alive probes"
    assert fake.closed


def test_pages_have_the_keep_alive_check(qtbot, settings):
    from ui.pages.client_page import ClientPage
    from ui.pages.server_page import ServerPage

    for page_type in (ServerPage, ClientPage):
        page = page_type(settings)
        qtbot.addWidget(page)
        check = page.findChild(QCheckBox, "keepAliveCheck")
        assert check is not None and check.isChecked()
        check.setChecked(False)
        assert page.config().keep_alive is False
        page.save_settings()
        page.shutdown()
        again = page_type(settings)
        qtbot.addWidget(again)
        assert again.findChild(QCheckBox, "keepAliveCheck").isChecked() is False
        again.shutdown()
