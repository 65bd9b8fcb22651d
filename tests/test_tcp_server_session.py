"""The TCP server session with real loopback sockets, no widgets."""

from __future__ import annotations

import socket

import pytest

from app.send.targets import ALL
from app.sessions.base import SessionState
from app.sessions.config import TcpServerConfig
from app.sessions.tcp_server import TcpServerSession
from app.traffic.chunk import Direction
from app.traffic.events import EventKind


@pytest.fixture
def server(qtbot):
    session = TcpServerSession()
    yield session
    session.close()


def listen(qtbot, session: TcpServerSession, host: str = "127.0.0.1") -> int:
    with qtbot.waitSignal(session.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        session.open(TcpServerConfig(host, 0))
    assert session.port > 0
    return session.port


def test_accepts_clients_and_counts_bytes_exactly(qtbot, server, connect_peer):
    port = listen(qtbot, server)
    a = connect_peer(port)
    b = connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 2, timeout=5000)
    a.send(b"hello")
    b.send(bytes(range(256)) * 40)
    qtbot.waitUntil(lambda: server.rx_total() == 5 + 256 * 40, timeout=5000)
    qtbot.waitUntil(lambda: len(server.log.traffic()) >= 2, timeout=5000)
    qtbot.waitUntil(
        lambda: sum(len(e.data) for e in server.log.entries()) == 5 + 256 * 40, timeout=5000)
    by_conn: dict[int, bytes] = {}
    for entry in server.log.traffic():
        assert entry.direction == Direction.RX
        by_conn[entry.conn_id] = by_conn.get(entry.conn_id, b"") + entry.data
    assert sorted(by_conn.values(), key=len) == [b"hello", bytes(range(256)) * 40]
    per_conn = {c.peer: c.rx_bytes for c in server.connections()}
    assert sorted(per_conn.values()) == [5, 256 * 40]


def test_send_to_all_and_to_one(qtbot, server, connect_peer):
    port = listen(qtbot, server)
    a = connect_peer(port)
    b = connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 2, timeout=5000)
    assert server.send(b"\x01\x02\x0a\xff", ALL) == 2
    assert a.recv_exactly(4) == b"\x01\x02\x0a\xff"
    assert b.recv_exactly(4) == b"\x01\x02\x0a\xff"
    first = server.connections()[0]
    assert server.send(b"only-one", [first.conn_id]) == 1
    qtbot.waitUntil(lambda: server.tx_total() == 8 + 8, timeout=5000)
    # Exactly one of the two peers gets the targeted message.
    a.sock.settimeout(0.3)
    b.sock.settimeout(0.3)
    got = []
    for peer in (a, b):
        try:
            got.append(peer.sock.recv(100))
        except TimeoutError:
            got.append(b"")
    assert sorted(got) == [b"", b"only-one"]


def test_peer_close_is_reported_and_counted(qtbot, server, connect_peer):
    port = listen(qtbot, server)
    a = connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
    a_port = a.sock.getsockname()[1]
    a.send(b"bye")
    with qtbot.waitSignal(server.connectionEvent, timeout=5000,
                          check_params_cb=lambda e: e.kind == EventKind.HALF_CLOSED):
        a.close()
    # A FIN may be a half-close: the client stays, and we may still answer.
    assert [c.peer_port for c in server.connections()] == [a_port]
    assert "finished sending" in server.status
    # It had closed completely: our reply draws a reset (EPIPE), and then it is gone.
    with qtbot.waitSignal(server.connectionClosed, timeout=5000):
        assert server.send(b"too late", ALL) == 1
    assert server.connections() == []
    assert server.rx_total() == 3
    assert "closed the connection" in server.status
    assert server.status_error
    events = [e.event for e in server.log if e.event is not None]
    assert [e.kind for e in events] == ["connected", "half-closed", "closed"]
    assert events[-1].text == "closed: The peer closed the connection while data was being sent."
    assert events[-1].error


def test_disconnect_selected_client_keeps_listening(qtbot, server, connect_peer):
    port = listen(qtbot, server)
    a = connect_peer(port)
    b = connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 2, timeout=5000)
    a_port = a.sock.getsockname()[1]
    victim = next(c for c in server.connections() if c.peer_port == a_port)
    with qtbot.waitSignal(server.connectionClosed, timeout=5000):
        server.disconnect_clients([victim.conn_id])
    assert [c.peer_port for c in server.connections()] == [b.sock.getsockname()[1]]
    assert server.state == SessionState.OPEN
    assert a.recv_until_closed() == b""  # the disconnected peer sees EOF
    assert "disconnected by you" in server.status


def test_bad_local_address_is_explained(qtbot, server):
    with qtbot.waitSignal(server.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "closed"):
        server.open(TcpServerConfig("192.0.2.254", 0))  # TEST-NET address: not this machine's
    assert "does not belong to this machine" in server.status


def test_restart_on_same_port_binds_at_once(qtbot, server, connect_peer):
    port = listen(qtbot, server)
    peer = connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
    server.send(b"x", ALL)
    assert peer.recv_exactly(1) == b"x"
    server.close()  # we close first: our side of the connection enters TIME_WAIT
    with qtbot.waitSignal(server.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        server.open(TcpServerConfig("127.0.0.1", port))
    assert server.port == port


def test_stop_with_many_clients_is_prompt_and_frees_the_port(qtbot, server, connect_peer):
    import time

    port = listen(qtbot, server)
    peers = [connect_peer(port) for _ in range(50)]
    qtbot.waitUntil(lambda: len(server.connections()) == 50, timeout=10000)
    started = time.monotonic()
    server.close()
    assert time.monotonic() - started < 1.0
    assert server.state == SessionState.CLOSED
    for peer in peers:
        assert peer.recv_until_closed() == b""
    probe = socket.socket()
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    probe.bind(("127.0.0.1", port))  # the port is free again
    probe.close()


def test_ipv6_dual_stack_listener_accepts_ipv4(qtbot, server, connect_peer):
    if not socket.has_dualstack_ipv6():
        pytest.skip("no dual-stack IPv6 here")
    port = listen(qtbot, server, "::")
    connect_peer(port, "127.0.0.1")
    connect_peer(port, "::1")
    qtbot.waitUntil(lambda: len(server.connections()) == 2, timeout=5000)
    peers = sorted(c.peer for c in server.connections())
    assert any(p.startswith("[::1]:") for p in peers)


def test_peer_labels_of_gone_clients_are_forgotten(qtbot, server, connect_peer, monkeypatch):
    import app.sessions.base as session_module

    monkeypatch.setattr(session_module, "PEER_LABELS_KEPT", 3)
    port = listen(qtbot, server)
    talker = connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
    talker.send(b"keep my label")
    qtbot.waitUntil(lambda: len(server.log.traffic()) == 1, timeout=5000)
    talker_id = server.connections()[0].conn_id
    talker.reset()
    qtbot.waitUntil(lambda: not server.connections(), timeout=5000)
    for _ in range(5):  # silent clients come and go (their events name them themselves)
        peer = connect_peer(port)
        qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
        peer.reset()
        qtbot.waitUntil(lambda: not server.connections(), timeout=5000)
    assert len(server._peer_labels) <= 3
    assert server.peer_label(talker_id).startswith("127.0.0.1:")  # still in the log
