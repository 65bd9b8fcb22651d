"""The TCP client session against plain loopback servers, no widgets."""

from __future__ import annotations

import socket
import struct
import time

import pytest

from app.send.targets import ALL
from app.sessions.base import SessionState
from app.sessions.config import TcpClientConfig
from app.sessions.tcp_client import TcpClientSession
from app.traffic.chunk import Direction
from app.traffic.events import EventKind
from tests.conftest import free_port


def connect(qtbot, client: TcpClientSession, port: int, host: str = "127.0.0.1") -> None:
    with qtbot.waitSignal(client.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        client.open(TcpClientConfig(host, port, timeout=3))


def test_echo_round_trip_utf8(qtbot, client, loopback_server):
    server = loopback_server(echo=True)
    connect(qtbot, client, server.port)
    text = "你好，世界".encode()
    assert client.send(text, ALL) == 1

    def logged(direction: Direction) -> bytes:
        return b"".join(e.data for e in client.log.entries() if e.direction == direction)

    # The counters move in the worker; the log fills when the GUI thread drains: wait for both.
    qtbot.waitUntil(lambda: client.rx_total() == len(text), timeout=5000)
    qtbot.waitUntil(lambda: logged(Direction.RX) == text, timeout=5000)
    assert client.tx_total() == len(text)
    assert logged(Direction.TX) == text


def test_connection_refused_is_explained(qtbot, client):
    port = free_port()
    with qtbot.waitSignal(client.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "closed"):
        client.open(TcpClientConfig("127.0.0.1", port, timeout=3))
    assert "refused" in client.status
    assert f"127.0.0.1:{port}" in client.status


def test_host_not_found_is_explained(qtbot, client):
    with qtbot.waitSignal(client.stateChanged, timeout=10000,
                          check_params_cb=lambda s: s == "closed"):
        client.open(TcpClientConfig("no-such-host.invalid", 80, timeout=3))
    assert "Host not found" in client.status
    assert "no-such-host.invalid" in client.status


def test_timeout_is_explained(qtbot, client, unanswered_port):
    with qtbot.waitSignal(client.stateChanged, timeout=10000,
                          check_params_cb=lambda s: s == "closed"):
        client.open(TcpClientConfig("127.0.0.1", unanswered_port, timeout=0.5))
    if "refused" in client.status:
        pytest.skip("this OS refuses instead of dropping when the backlog is full")
    assert "No answer" in client.status and "0.5 s" in client.status


def test_cancel_while_connecting_is_prompt(qtbot, client, unanswered_port):
    client.open(TcpClientConfig("127.0.0.1", unanswered_port, timeout=30))
    assert client.state == SessionState.OPENING
    started = time.monotonic()
    client.close()
    assert time.monotonic() - started < 1.0
    assert client.state == SessionState.CLOSED


def test_peer_close_ends_session_at_our_next_send(qtbot, client, loopback_server):
    server = loopback_server()
    connect(qtbot, client, server.port)
    peer = server.peer()
    peer.send(b"last words")
    with qtbot.waitSignal(client.connectionEvent, timeout=5000,
                          check_params_cb=lambda e: e.kind == EventKind.HALF_CLOSED):
        peer.close()
    # A FIN may be a half-close: the connection stays open for our reply.
    assert client.state == SessionState.OPEN
    assert client.rx_total() == len(b"last words")
    assert "finished sending" in client.status
    with qtbot.waitSignal(client.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "closed"):
        assert client.send(b"x", ALL) == 1  # the peer had closed completely: it resets
    assert "closed the connection" in client.status
    assert client.status_error
    assert client.send(b"x", ALL) == 0


def test_peer_reset_is_explained(qtbot, client, loopback_server):
    server = loopback_server()
    connect(qtbot, client, server.port)
    peer = server.peer()
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    peer.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with qtbot.waitSignal(client.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "closed"):
        peer.sock.close()
    assert "reset" in client.status


def test_ipv6_loopback(qtbot, client):
    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    try:
        listener = socket.create_server(("::1", 0), family=socket.AF_INET6)
    except OSError:
        pytest.skip("::1 not available")
    try:
        port = listener.getsockname()[1]
        connect(qtbot, client, port, "[::1]")
        assert client.connections()[0].peer == f"[::1]:{port}"
    finally:
        listener.close()


def test_large_send_is_byte_exact(qtbot, client, loopback_server):
    server = loopback_server(echo=True)
    connect(qtbot, client, server.port)
    payload = bytes(range(256)) * 4096  # 1 MiB
    client.send(payload, ALL)
    qtbot.waitUntil(lambda: client.rx_total() == len(payload), timeout=10000)
    assert bytes(server.received) == payload
    assert client.tx_total() == len(payload)
