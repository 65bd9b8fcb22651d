"""The TCP relay session with real loopback sockets, no widgets."""

from __future__ import annotations

import os
import select
import threading

import pytest

from app.sessions.base import SessionState
from app.sessions.config import TcpRelayConfig
from app.sessions.tcp_relay import TcpRelaySession
from app.traffic.chunk import Direction
from app.traffic.events import EventKind
from tests.conftest import free_port


@pytest.fixture
def relay(qtbot):
    session = TcpRelaySession()
    yield session
    session.close()


def read_to_end(qtbot, peer) -> bytes:
    """What ``peer`` receives until the FIN, read in a thread while Qt keeps running (the
    relay passes a half-close on from the GUI thread)."""
    out: list[bytes] = []
    reader = threading.Thread(target=lambda: out.append(peer.recv_until_closed()))
    reader.start()
    qtbot.waitUntil(lambda: not reader.is_alive(), timeout=6000)
    reader.join()
    assert out, "the read failed (timed out?)"
    return out[0]


def start(qtbot, session: TcpRelaySession, target_port: int) -> int:
    with qtbot.waitSignal(session.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        session.open(TcpRelayConfig("127.0.0.1", 0, "127.0.0.1", target_port))
    assert session.port > 0
    return session.port


def test_five_megabytes_both_ways_byte_exact(qtbot, relay, loopback_server, connect_peer):
    echo = loopback_server(echo=True)
    port = start(qtbot, relay, echo.port)
    device = connect_peer(port)
    qtbot.waitUntil(lambda: len(relay.pairs()) == 1, timeout=5000)
    payload = os.urandom(5 * 1024 * 1024)
    got = bytearray()

    def read() -> None:
        while len(got) < len(payload):
            chunk = device.sock.recv(1 << 20)
            if not chunk:
                return
            got.extend(chunk)

    sender = threading.Thread(target=device.send, args=(payload,))
    reader = threading.Thread(target=read)
    sender.start()
    reader.start()
    qtbot.waitUntil(lambda: not reader.is_alive(), timeout=30000)
    sender.join(5)
    reader.join(5)
    assert bytes(echo.received) == payload
    assert bytes(got) == payload
    pair = relay.pairs()[0]
    assert pair.device.rx_bytes == len(payload) and pair.server.tx_bytes == len(payload)
    assert pair.server.rx_bytes == len(payload) and pair.device.tx_bytes == len(payload)
    assert pair.device.peer.startswith("device 127.0.0.1:")
    assert pair.server.peer == f"server 127.0.0.1:{echo.port}"
    # Both directions are logged, once each (no TX copy of forwarded bytes), by side.
    qtbot.waitUntil(lambda: relay.rx_total() == 2 * len(payload), timeout=5000)
    sides = {e.conn_id for e in relay.log.traffic()}
    assert sides == {pair.device.conn_id, pair.server.conn_id}
    assert all(e.direction == Direction.RX for e in relay.log.traffic())


def test_refused_target_closes_the_device_and_logs_why(qtbot, relay, connect_peer):
    port = start(qtbot, relay, free_port())
    with qtbot.waitSignal(relay.connectionEvent, timeout=5000,
                          check_params_cb=lambda e: e.kind == EventKind.FAILED) as blocker:
        device = connect_peer(port)
    event = blocker.args[0]
    assert event.peer.startswith("device 127.0.0.1:")
    assert "refused" in event.text.lower()
    assert event.error
    assert device.recv_until_closed() == b""
    assert relay.pairs() == [] and relay.connections() == []
    assert relay.state == SessionState.OPEN


def test_half_close_is_passed_on_and_the_pair_then_closes(qtbot, relay, loopback_server,
                                                          connect_peer):
    target = loopback_server()
    port = start(qtbot, relay, target.port)
    device = connect_peer(port)
    qtbot.waitUntil(lambda: len(relay.pairs()) == 1, timeout=5000)
    far = target.peer()
    device.send(b"request")
    device.half_close()
    assert read_to_end(qtbot, far) == b"request"  # the FIN came after the bytes
    far.send(b"answer")
    far.half_close()
    assert read_to_end(qtbot, device) == b"answer"
    qtbot.waitUntil(lambda: relay.connections() == [], timeout=5000)
    assert relay.pairs() == []


def test_one_side_ending_closes_the_other(qtbot, relay, loopback_server, connect_peer):
    target = loopback_server()
    port = start(qtbot, relay, target.port)
    device = connect_peer(port)
    qtbot.waitUntil(lambda: len(relay.pairs()) == 1, timeout=5000)
    far = target.peer()
    device.reset()
    assert read_to_end(qtbot, far) == b""
    qtbot.waitUntil(lambda: relay.connections() == [], timeout=5000)


def test_send_panel_injects_into_either_side(qtbot, relay, loopback_server, connect_peer):
    target = loopback_server()
    port = start(qtbot, relay, target.port)
    device = connect_peer(port)
    qtbot.waitUntil(lambda: len(relay.pairs()) == 1, timeout=5000)
    far = target.peer()
    assert relay.send(b"to-server", relay.side_ids("server")) == 1
    assert far.recv_exactly(9) == b"to-server"
    assert relay.send(b"to-device", relay.side_ids("device")) == 1
    assert device.recv_exactly(9) == b"to-device"


def test_a_target_that_does_not_read_holds_the_device_back(qtbot, relay, loopback_server,
                                                           connect_peer):
    from app.net.send_bound import MAX_QUEUED
    from app.net.tcp_connection import RECV_SIZE

    target = loopback_server()  # accepts, reads only when the test says
    port = start(qtbot, relay, target.port)
    device = connect_peer(port)
    qtbot.waitUntil(lambda: len(relay.pairs()) == 1, timeout=5000)
    far = target.peer()
    payload = os.urandom(48 * 1024 * 1024)
    sender = threading.Thread(target=device.send, args=(payload,))
    sender.start()
    pair = relay.pairs()[0]
    # The device's reads stop once the target's queue is full: the relay holds at most one
    # queue and one read, and the rest waits in the kernel and in the device.
    qtbot.waitUntil(lambda: pair.server.queued_bytes >= MAX_QUEUED - RECV_SIZE, timeout=10000)
    # The device's kernel buffer fills up: the relay has stopped reading from it.
    qtbot.waitUntil(lambda: not select.select([], [device.sock], [], 0)[1], timeout=10000)
    assert pair.server.queued_bytes <= MAX_QUEUED + RECV_SIZE
    assert pair.device.rx_bytes < len(payload) // 2
    got = bytearray()

    def read() -> None:
        while len(got) < len(payload):
            chunk = far.sock.recv(1 << 20)
            if not chunk:
                return
            got.extend(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    qtbot.waitUntil(lambda: not reader.is_alive(), timeout=30000)
    sender.join(5)
    assert bytes(got) == payload
