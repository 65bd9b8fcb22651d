"""Small sends are written in the caller's thread when nothing can be overtaken.

A broadcast to many clients must not wake one send loop per client through the interpreter
lock (issue 10: 1,000 clients in < 1 s). ``TcpConnection.send`` therefore writes a small
payload at once when nothing is queued, no close is pending, the socket has room and the
receive loop is not handing a read on; otherwise it queues as before. These tests pin each
of those conditions and what the log, the counters and the taps see.
"""

from __future__ import annotations

import socket

import pytest

from app.send.targets import ALL
from app.sessions.config import TcpServerConfig
from app.sessions.tcp_server import TcpServerSession
from app.traffic.chunk import Chunk, Direction


@pytest.fixture
def server(qtbot):
    session = TcpServerSession()
    with qtbot.waitSignal(session.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        session.open(TcpServerConfig("127.0.0.1", 0))
    yield session
    session.close()


def _clients(qtbot, server, connect_peer, n: int) -> list:
    peers = [connect_peer(server.port) for _ in range(n)]
    qtbot.waitUntil(lambda: len(server.connections()) == n, timeout=5000)
    return peers


def _tx_entries(server) -> list[bytes]:
    return [e.data for e in server.log.entries() if e.direction is Direction.TX]


def test_broadcast_is_written_before_send_returns(qtbot, server, connect_peer):
    peers = _clients(qtbot, server, connect_peer, 20)
    assert server.send(b"tick\n", ALL) == 20
    # Written in this thread: every byte is counted and in the kernel already, nothing
    # waits for a send loop.
    for conn in server.connections():
        assert conn.tx_bytes == 5 and conn.queued_bytes == 0
    for peer in peers:
        assert peer.recv_exactly(5) == b"tick\n"
    qtbot.waitUntil(lambda: server.tx_total() == 100, timeout=2000)


def test_a_send_while_a_read_is_handed_on_is_queued_not_blocked(qtbot, server, connect_peer):
    (peer,) = _clients(qtbot, server, connect_peer, 1)
    conn = server.connections()[0]
    with conn.order_lock:  # as while the receive loop hands a read on (and maybe replies)
        assert conn.send(b"later")
        assert conn.tx_bytes == 0  # not written here: queued for the send loop
    assert peer.recv_exactly(5) == b"later"
    qtbot.waitUntil(lambda: _tx_entries(server) == [b"later"], timeout=2000)


def test_large_payloads_go_through_the_send_loop(qtbot, server, connect_peer, monkeypatch):
    (peer,) = _clients(qtbot, server, connect_peer, 1)
    conn = server.connections()[0]
    written_directly = []
    original = type(conn)._write_directly
    monkeypatch.setattr(type(conn), "_write_directly",
                        lambda self, data: written_directly.append(len(data))
                        or original(self, data))
    payload = bytes(range(256)) * 64  # 16 KiB: over DIRECT_SEND_MAX
    assert conn.send(payload)
    assert conn.send(b"small")
    assert peer.recv_exactly(len(payload) + 5) == payload + b"small"
    assert len(payload) not in written_directly  # the large one was never tried directly
    # The small one may go directly only once the large one is written: order is kept.
    qtbot.waitUntil(lambda: _tx_entries(server) == [payload, b"small"], timeout=2000)


def test_nothing_jumps_a_pending_close(qtbot, server, connect_peer):
    (peer,) = _clients(qtbot, server, connect_peer, 1)
    conn = server.connections()[0]
    assert conn.send(b"bye")
    conn.close_after_sending()
    assert not conn._write_directly(b"after the close")  # would jump the queued close
    conn.send(b"after the close")
    assert peer.recv_exactly(3) == b"bye"
    peer.sock.settimeout(5)
    assert peer.sock.recv(100) == b""  # the close, and nothing after it


class _HalfWritingSocket:
    """A socket whose first send() writes only half of what it is given (a nearly full
    buffer), as the kernel may."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self.halved = False

    def __getattr__(self, name: str):
        return getattr(self._sock, name)

    def fileno(self) -> int:
        return self._sock.fileno()

    def gettimeout(self) -> None:
        return None  # looks blocking: the write goes through send() below, not os.write

    def send(self, data, *args) -> int:
        if not self.halved:
            self.halved = True
            return self._sock.send(bytes(data)[: len(data) // 2], *args)
        return self._sock.send(data, *args)


def test_a_partial_direct_write_queues_the_rest_and_logs_one_entry(
        qtbot, server, connect_peer):
    (peer,) = _clients(qtbot, server, connect_peer, 1)
    conn = server.connections()[0]
    seen: list[Chunk] = []

    class Tap:
        def on_chunk(self, chunk, link) -> None:
            if chunk.direction is Direction.TX:
                seen.append(chunk)

    server.sink.taps.add(Tap())
    proxy = _HalfWritingSocket(conn.sock)
    conn.sock = proxy  # only this direct write uses it; the send loop keeps its socket
    payload = b"0123456789" * 300
    assert conn.send(payload)
    assert proxy.halved
    assert peer.recv_exactly(len(payload)) == payload
    qtbot.waitUntil(lambda: conn.tx_bytes == len(payload), timeout=2000)
    # The taps saw both writes, in order; the log shows the payload once.
    qtbot.waitUntil(lambda: b"".join(c.data for c in seen) == payload, timeout=2000)
    assert len(seen) == 2
    qtbot.waitUntil(lambda: _tx_entries(server) == [payload], timeout=2000)
    conn.sock = proxy._sock


def test_write_without_waiting_returns_0_when_the_buffer_is_full():
    import time

    from app.net.tcp_connection import write_without_waiting

    left, right = socket.socketpair()
    try:
        left.settimeout(0.25)  # as a connection's socket: Python makes it non-blocking
        total = 0
        started = time.monotonic()
        while (n := write_without_waiting(left, b"x" * 65536)) > 0:
            total += n
        assert n == 0 and total > 0
        assert time.monotonic() - started < 0.2  # never waited for room
        right.settimeout(2)
        got = 0
        while got < total:
            got += len(right.recv(1 << 20))
        assert got == total  # every byte it said it wrote is there, no more
    finally:
        left.close()
        right.close()
