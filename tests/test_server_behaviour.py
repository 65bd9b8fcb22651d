"""Servers by configuration alone: welcome, echo, rules, access control (loopback, plain
socket clients), and the client session's reconnect and reset close."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from app.autoreply.rules_file import parse_rules
from app.send.targets import ALL
from app.sessions.base import SessionState
from app.sessions.config import TcpClientConfig, TcpServerConfig
from app.sessions.tcp_client import reconnect_delay
from app.sessions.tcp_server import TcpServerSession
from app.traffic.chunk import AutoBytes, Direction


@pytest.fixture
def server(qtbot):
    session = TcpServerSession()
    yield session
    session.close()


def listen(qtbot, session: TcpServerSession, **options) -> int:
    config = TcpServerConfig("127.0.0.1", options.pop("port", 0), **options)
    with qtbot.waitSignal(session.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        session.open(config)
    return session.port


def adopted(qtbot, session: TcpServerSession, n: int) -> None:
    # Adoption happens in the GUI thread: let it run before blocking on a plain socket.
    qtbot.waitUntil(lambda: len(session.connections()) == n, timeout=5000)


def test_seed_004_by_configuration(qtbot, server, connect_peer):
    port = listen(qtbot, server, welcome_on=True, welcome="Welcome!")
    server.set_auto_reply(False, parse_rules('''{"rules": [
        {"how": "exact", "match": "exit", "close": true},
        {"how": "any", "reply": "Hello,{text}!"}]}'''))
    peer = connect_peer(port)
    adopted(qtbot, server, 1)
    assert peer.recv_exactly(8) == b"Welcome!"
    peer.send(b"Michael")
    assert peer.recv_exactly(14) == b"Hello,Michael!"
    peer.send(b"exit")
    assert peer.recv_until_closed() == b""
    qtbot.waitUntil(lambda: not server.connections(), timeout=5000)
    tx = [e for e in server.log.entries() if e.direction == Direction.TX]
    assert [bytes(e.data) for e in tx] == [b"Welcome!", b"Hello,Michael!"]
    # Each reply is logged after the message it answers.
    shown = [(e.direction, bytes(e.data)) for e in server.log.entries() if e.event is None]
    assert shown == [(Direction.TX, b"Welcome!"), (Direction.RX, b"Michael"),
                     (Direction.TX, b"Hello,Michael!"), (Direction.RX, b"exit")]
    assert all(type(e.data) is AutoBytes for e in tx)  # the log marks them automatic


def test_seed_002_welcome_arrives_utf8_with_peer(qtbot, server, connect_peer):
    port = listen(qtbot, server, welcome_on=True, welcome="成功连接服务器!\\r\\n{peer}\\x00")
    peer = connect_peer(port)
    adopted(qtbot, server, 1)
    me = f"127.0.0.1:{peer.sock.getsockname()[1]}"
    expected = "成功连接服务器!\r\n".encode() + me.encode() + b"\x00"
    assert peer.recv_exactly(len(expected)) == expected


def test_welcome_doubled_braces_send_the_placeholder_text(qtbot, server, connect_peer):
    port = listen(qtbot, server, welcome_on=True, welcome="{{peer}} is {peer}; {\"ok\"}\n")
    peer = connect_peer(port)
    adopted(qtbot, server, 1)
    me = f"127.0.0.1:{peer.sock.getsockname()[1]}"
    expected = f'{{peer}} is {me}; {{"ok"}}\n'.encode()
    assert peer.recv_exactly(len(expected)) == expected


def test_welcome_with_an_unknown_placeholder_keeps_the_server_closed(qtbot, server):
    server.open(TcpServerConfig("127.0.0.1", 0, welcome_on=True, welcome="hi {nope}"))
    assert server.state == SessionState.CLOSED
    assert "Welcome" in server.status and "{nope}" in server.status


def test_welcome_in_hex_and_unchecked_welcome(qtbot, server, connect_peer):
    port = listen(qtbot, server, welcome_on=True, welcome="7E 01 7E", welcome_hex=True)
    peer = connect_peer(port)
    adopted(qtbot, server, 1)
    assert peer.recv_exactly(3) == b"\x7e\x01\x7e"
    server.close()
    server.reset_counters()
    port = listen(qtbot, server, welcome_on=False, welcome="nope")
    quiet = connect_peer(port)
    adopted(qtbot, server, 1)
    quiet.send(b"x")
    qtbot.waitUntil(lambda: server.rx_total() == 1, timeout=5000)
    assert server.tx_total() == 0


def test_bad_welcome_keeps_the_server_closed(qtbot, server):
    server.open(TcpServerConfig("127.0.0.1", 0, welcome_on=True, welcome="\\q"))
    assert server.state == SessionState.CLOSED
    assert "Welcome" in server.status


def test_echo_returns_one_megabyte_byte_exact(qtbot, server, connect_peer):
    port = listen(qtbot, server)
    server.set_auto_reply(True)
    peer = connect_peer(port)
    adopted(qtbot, server, 1)
    data = bytes(range(256)) * 4096  # 1 MiB
    sender = threading.Thread(target=peer.send, args=(data,))
    sender.start()
    try:
        assert peer.recv_exactly(len(data)) == data
    finally:
        sender.join(5)
    qtbot.waitUntil(lambda: server.tx_total() == len(data), timeout=5000)


def test_echo_answers_line_by_line_and_rules_win(qtbot, server, connect_peer):
    from app.traffic.framing import FramingConfig

    port = listen(qtbot, server)
    server.set_framing(FramingConfig(mode="delimiter", delimiter=b"\n"))
    server.set_auto_reply(True, parse_rules(
        '{"rules": [{"how": "prefix", "match": "n?", "reply": "n={n}\\n"}]}'))
    peer = connect_peer(port)
    adopted(qtbot, server, 1)
    peer.send(b"abc\nn?\nxyz\n")
    expected = b"abc\nn=2\nxyz\n"
    assert peer.recv_exactly(len(expected)) == expected


def test_delayed_reply(qtbot, server, connect_peer):
    port = listen(qtbot, server)
    server.set_auto_reply(False, parse_rules(
        '{"rules": [{"how": "any", "reply": "late", "delay_ms": 300}]}'))
    peer = connect_peer(port)
    adopted(qtbot, server, 1)
    start = time.monotonic()
    peer.send(b"x")
    assert peer.recv_exactly(4) == b"late"
    assert time.monotonic() - start >= 0.29


def test_rules_change_while_connected_and_off_means_silent(qtbot, server, connect_peer):
    port = listen(qtbot, server)
    server.set_auto_reply(True)
    peer = connect_peer(port)
    adopted(qtbot, server, 1)
    peer.send(b"one")
    assert peer.recv_exactly(3) == b"one"
    server.set_auto_reply(False)
    assert server.auto_reply not in server.sink.taps
    peer.send(b"two")
    qtbot.waitUntil(lambda: server.rx_total() == 6, timeout=5000)
    assert server.tx_total() == 3


def test_third_client_over_the_limit_is_refused(qtbot, server, connect_peer):
    port = listen(qtbot, server, max_clients=2)
    connect_peer(port)
    connect_peer(port)
    adopted(qtbot, server, 2)
    third = connect_peer(port)
    qtbot.waitUntil(lambda: "Refused" in server.status, timeout=5000)
    assert f"127.0.0.1:{third.sock.getsockname()[1]}" in server.status
    try:
        assert third.recv_until_closed() == b""
    except ConnectionResetError:
        pass  # closed at once: a reset is as good as a FIN here
    assert len(server.connections()) == 2
    # The log says so too, on a line naming the refused peer.
    refused = f"127.0.0.1:{third.sock.getsockname()[1]}"
    qtbot.waitUntil(lambda: any(e.event is not None and e.event.peer == refused
                                and "refused" in e.event.text and "most" in e.event.text
                                for e in server.log.entries()), timeout=5000)


def test_allow_list_refuses_other_addresses(qtbot, server, connect_peer):
    port = listen(qtbot, server, allow="127.0.0.1, ::1/128")
    outsider = socket.create_connection(("127.0.0.1", port), timeout=5,
                                        source_address=("127.0.0.2", 0))
    try:
        qtbot.waitUntil(lambda: "127.0.0.2" in server.status, timeout=5000)
        assert "allow-list" in server.status
        assert not server.connections()
    finally:
        outsider.close()
    connect_peer(port)
    adopted(qtbot, server, 1)


def test_disconnect_all(qtbot, server, connect_peer):
    port = listen(qtbot, server)
    peers = [connect_peer(port) for _ in range(3)]
    adopted(qtbot, server, 3)
    server.disconnect_all()
    qtbot.waitUntil(lambda: not server.connections(), timeout=5000)
    assert server.state == SessionState.OPEN
    for peer in peers:
        assert peer.recv_until_closed() == b""


def test_reconnect_delays_double_to_thirty_seconds():
    assert [reconnect_delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_client_reconnects_when_its_server_comes_back(qtbot, server, client):
    port = listen(qtbot, server)
    with qtbot.waitSignal(client.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        client.open(TcpClientConfig("127.0.0.1", port, timeout=2, reconnect=True))
    adopted(qtbot, server, 1)
    assert client.start_periodic(b"tick", 0.05, 0, ALL)
    server.close()
    qtbot.waitUntil(lambda: client.reconnect_attempt >= 1, timeout=5000)
    assert client.state == SessionState.OPENING
    assert "attempt 1" in client.status
    assert client.send_jobs.periodic_running  # it waits through the outage
    server.reset_counters()
    listen(qtbot, server, port=port)
    qtbot.waitUntil(lambda: client.state == SessionState.OPEN, timeout=8000)
    assert "reconnected" in client.status
    adopted(qtbot, server, 1)
    # The periodic send resumed on the new connection.
    qtbot.waitUntil(lambda: server.rx_total() >= 8, timeout=5000)


def test_disconnect_cancels_reconnecting(qtbot, server, client):
    port = listen(qtbot, server)
    with qtbot.waitSignal(client.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        client.open(TcpClientConfig("127.0.0.1", port, timeout=2, reconnect=True))
    server.close()
    qtbot.waitUntil(lambda: client.reconnect_attempt >= 1, timeout=5000)
    client.close()
    assert client.state == SessionState.CLOSED
    assert "cancelled" in client.status
    assert client.reconnect_attempt == 0


def test_close_with_reset(qtbot, client, loopback_server):
    remote = loopback_server()
    with qtbot.waitSignal(client.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        client.open(TcpClientConfig("127.0.0.1", remote.port, linger_reset=True))
    peer = remote.peer()
    client.close()
    with pytest.raises(ConnectionResetError):
        peer.recv_until_closed()


def test_config_round_trip_of_the_new_fields():
    server_config = TcpServerConfig("::", 7, welcome_on=True, welcome="hi {peer}",
                                    welcome_hex=False, max_clients=3, allow="10.0.0.0/8 ::1")
    assert TcpServerConfig.from_dict(server_config.to_dict()) == server_config
    assert TcpServerConfig.from_dict({"allow": "not-an-ip"}).allow == ""
    with pytest.raises(ValueError):
        TcpServerConfig(allow="300.1.1.1")
    client_config = TcpClientConfig(reconnect=True, linger_reset=True)
    assert TcpClientConfig.from_dict(client_config.to_dict()) == client_config


def test_udp_echo_and_rules_answer_each_datagram(qtbot):
    from app.sessions.config import UdpConfig
    from app.sessions.udp import UdpSession

    session = UdpSession()
    try:
        with qtbot.waitSignal(session.stateChanged, timeout=5000,
                              check_params_cb=lambda s: s == "open"):
            session.open(UdpConfig(host="127.0.0.1", port=0))
        session.set_auto_reply(True, parse_rules(
            '{"rules": [{"how": "hex", "match": "01 03", "reply_hex": "01 03 02 00 2A", '
            '"checksum": "crc16-modbus"}]}'))
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
            peer.bind(("127.0.0.1", 0))
            peer.settimeout(5)
            peer.sendto(b"ping", ("127.0.0.1", session.port))
            assert peer.recvfrom(2048) == (b"ping", ("127.0.0.1", session.port))
            peer.sendto(bytes.fromhex("01 03 00 00 00 01 84 0A"), ("127.0.0.1", session.port))
            assert peer.recvfrom(2048)[0] == bytes.fromhex("01 03 02 00 2A 39 9B")
    finally:
        session.close()
