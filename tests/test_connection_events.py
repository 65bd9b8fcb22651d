"""Half-close kept open, and every connection event as a line of its own in the log —
the server and client pages end to end on real loopback sockets."""

from __future__ import annotations

import re
import socket

import pytest
from PySide6.QtWidgets import QWidget

import app.net.listener as listener_module
from app.traffic.events import EventKind
from tests.conftest import free_port
from tests.ui_helpers import (
    child,
    click,
    listen_on_loopback,
    log_text,
    state,
    status,
    type_send,
)
from ui import style

TIMESTAMP = r"\[\d\d:\d\d:\d\d\.\d{3}\] "


@pytest.fixture
def server_page(window):
    return window.findChild(QWidget, "tcpServerSession")


@pytest.fixture
def client_page(window):
    return window.findChild(QWidget, "tcpClientSession")


def event_lines(page: QWidget, marker: str, peer: str) -> list[str]:
    """The log lines that are an event with ``marker`` naming ``peer``, each a line of its
    own: timestamp, marker, peer, words."""
    pattern = re.compile(TIMESTAMP + re.escape(f"{marker} {peer} ") + r"\S")
    return [line for line in log_text(page).splitlines() if pattern.match(line)]


def wait_event(qtbot, page: QWidget, marker: str, peer: str, words: str) -> str:
    def found() -> bool:
        return any(words in line for line in event_lines(page, marker, peer))
    qtbot.waitUntil(found, timeout=5000)
    return next(line for line in event_lines(page, marker, peer) if words in line)


def peer_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"{host}:{port}"


def test_server_page_half_close_reply_then_disconnect(qtbot, server_page, connect_peer):
    port = listen_on_loopback(qtbot, server_page)
    peer = connect_peer(port)
    who = peer_of(peer.sock)
    wait_event(qtbot, server_page, "●", who, "connected")
    peer.send(b"REQ\n")
    peer.half_close()
    wait_event(qtbot, server_page, "◐", who,
               "finished sending (half-close); you can still send")
    assert "REQ" in log_text(server_page)
    # Still listed and still a target: the reply goes out.
    assert server_page.client_model.rowCount() == 1
    type_send(server_page, "RESP\n")
    click(qtbot, server_page, "sendButton")
    assert peer.recv_exactly(5) == b"RESP\n"
    assert "no client" not in status(server_page)
    assert server_page.client_model.rowCount() == 1
    # The user's Disconnect closes it, and the log says so.
    server_page.select_client(0)
    click(qtbot, server_page, "disconnectClientButton")
    assert peer.recv_until_closed() == b""
    wait_event(qtbot, server_page, "○", who, "closed by you")
    qtbot.waitUntil(lambda: server_page.client_model.rowCount() == 0, timeout=5000)


def test_client_page_half_close_reply_then_disconnect(qtbot, connected_client):
    page, peer = connected_client
    peer.sock.settimeout(5)
    who = peer_of(peer.sock)
    wait_event(qtbot, page, "●", who, "connected")
    peer.send(b"REQ\n")
    peer.half_close()
    wait_event(qtbot, page, "◐", who, "finished sending (half-close); you can still send")
    assert state(page) == "open"
    type_send(page, "RESP\n")
    click(qtbot, page, "sendButton")
    assert peer.recv_exactly(5) == b"RESP\n"
    assert state(page) == "open"
    click(qtbot, page, "openButton")  # Disconnect
    qtbot.waitUntil(lambda: state(page) == "closed", timeout=5000)
    assert peer.recv_until_closed() == b""
    wait_event(qtbot, page, "○", who, "closed by you")


def test_receive_worker_does_not_spin_after_eof(qtbot, server_page, connect_peer):
    import time

    port = listen_on_loopback(qtbot, server_page)
    peer = connect_peer(port)
    peer.half_close()
    wait_event(qtbot, server_page, "◐", peer_of(peer.sock), "half-close")
    conn = server_page.session.connections()[0]
    recv_thread = conn._recv_thread._thread
    assert recv_thread.is_alive()
    # A spinning loop would burn a CPU: measure the process's CPU time over a quiet while.
    cpu = time.process_time()
    wall = time.monotonic()
    with qtbot.waitSignal(server_page.session.statusChanged, timeout=1500, raising=False):
        pass
    used = (time.process_time() - cpu) / (time.monotonic() - wall)
    assert used < 0.2, used
    assert conn.rx_chunks == 0


def test_close_by_peer_after_its_half_close_then_our_send(qtbot, server_page, connect_peer):
    port = listen_on_loopback(qtbot, server_page)
    peer = connect_peer(port)
    who = peer_of(peer.sock)
    wait_event(qtbot, server_page, "●", who, "connected")
    peer.close()  # a full close: a FIN, then a reset for anything we send
    wait_event(qtbot, server_page, "◐", who, "half-close")
    type_send(server_page, "anyone?")
    click(qtbot, server_page, "sendButton")
    line = wait_event(qtbot, server_page, "○", who, "closed")
    assert "closed the connection" in line
    qtbot.waitUntil(lambda: server_page.client_model.rowCount() == 0, timeout=5000)


def test_reset_by_peer_is_an_event_and_an_error(qtbot, server_page, connect_peer):
    port = listen_on_loopback(qtbot, server_page)
    peer = connect_peer(port)
    who = peer_of(peer.sock)
    wait_event(qtbot, server_page, "●", who, "connected")
    peer.reset()
    line = wait_event(qtbot, server_page, "○", who, "reset")
    assert "The peer reset the connection." in line
    qtbot.waitUntil(lambda: "reset" in status(server_page), timeout=5000)
    # the error style
    assert style.colors().error in child(server_page, "sessionStatus").styleSheet()


def test_events_of_several_clients_name_each_peer(qtbot, server_page, connect_peer):
    port = listen_on_loopback(qtbot, server_page)
    a, b = connect_peer(port), connect_peer(port)
    a_who, b_who = peer_of(a.sock), peer_of(b.sock)
    for who in (a_who, b_who):
        wait_event(qtbot, server_page, "●", who, "connected")
    a.reset()
    wait_event(qtbot, server_page, "○", a_who, "reset")
    assert not event_lines(server_page, "○", b_who)


def test_client_page_connect_refused_is_an_event(qtbot, client_page):
    port = free_port()
    child(client_page, "remoteHostEdit").setText("127.0.0.1")
    child(client_page, "remotePortSpin").setValue(port)
    click(qtbot, client_page, "openButton")
    line = wait_event(qtbot, client_page, "⊘", f"127.0.0.1:{port}", "connect failed")
    assert "refused" in line
    assert state(client_page) == "closed"
    assert style.colors().error in child(client_page, "sessionStatus").styleSheet()


def test_accept_loop_refusal_is_an_event(qtbot, server_page, connect_peer, monkeypatch):
    monkeypatch.setattr(listener_module.DescriptorBudget, "allows_one_more", lambda self: False)
    port = listen_on_loopback(qtbot, server_page)
    peer = connect_peer(port)
    assert peer.recv_until_closed() == b""  # closed at once
    line = wait_event(qtbot, server_page, "⊘", peer_of(peer.sock), "refused")
    assert "too many open files" in line
    assert server_page.client_model.rowCount() == 0


def test_events_filter_and_only_selected_clients(qtbot, server_page, connect_peer):
    port = listen_on_loopback(qtbot, server_page)
    a, b = connect_peer(port), connect_peer(port)
    qtbot.waitUntil(lambda: server_page.client_model.rowCount() == 2, timeout=5000)
    a_who, b_who = peer_of(a.sock), peer_of(b.sock)
    wait_event(qtbot, server_page, "●", b_who, "connected")
    a.send(b"data of a\n")
    qtbot.waitUntil(lambda: "data of a" in log_text(server_page), timeout=5000)
    check = child(server_page, "showEventsCheck")
    assert check.isChecked()
    check.setChecked(False)
    assert not event_lines(server_page, "●", a_who)
    assert "data of a" in log_text(server_page)  # data stays
    check.setChecked(True)
    assert event_lines(server_page, "●", a_who) and event_lines(server_page, "●", b_who)
    # "Only the selected clients" applies to their events too.
    b_row = next(r for r in range(2)
                 if server_page.client_model.index(r, 0).data() == b_who)
    server_page.select_client(b_row)
    child(server_page, "onlySelectedCheck").setChecked(True)
    assert event_lines(server_page, "●", b_who)
    assert not event_lines(server_page, "●", a_who)
    assert "data of a" not in log_text(server_page)


def test_save_log_includes_events(qtbot, server_page, connect_peer, tmp_path):
    port = listen_on_loopback(qtbot, server_page)
    peer = connect_peer(port)
    who = peer_of(peer.sock)
    peer.send(b"hello\n")
    peer.half_close()
    wait_event(qtbot, server_page, "◐", who, "half-close")
    target = tmp_path / "log.txt"
    with qtbot.waitSignal(server_page.log_panel.logSaved, timeout=10000):
        assert server_page.log_panel.save_log(target)
    saved = target.read_text(encoding="utf-8").splitlines()
    kinds = [line for line in saved if re.match(TIMESTAMP + "[●◐○⊘] " + re.escape(who), line)]
    assert [line.split(" ", 3)[1] for line in kinds] == ["●", "◐"]
    assert any("hello" in line for line in saved)


def test_session_signal_carries_events_for_printers(qtbot, server_page, connect_peer):
    session = server_page.session
    port = listen_on_loopback(qtbot, server_page)
    events = []
    session.connectionEvent.connect(events.append)
    peer = connect_peer(port)
    who = peer_of(peer.sock)
    qtbot.waitUntil(lambda: len(events) == 1, timeout=5000)
    peer.reset()
    qtbot.waitUntil(lambda: len(events) == 2, timeout=5000)
    assert [e.kind for e in events] == [EventKind.CONNECTED, EventKind.CLOSED]
    assert events[0].line() == f"● {who} connected"
    assert events[1].line() == f"○ {who} closed: The peer reset the connection."
    assert events[1].error and not events[0].error
    conn_id = events[0].conn_id
    assert conn_id and events[1].conn_id == conn_id


def test_a_peer_that_finished_sending_is_closed_after_the_linger(qtbot, server_page,
                                                                 connect_peer, monkeypatch):
    # A full close and a half-close are the same FIN to us: a device that connects, sends
    # and closes must not stay listed (and hold a descriptor) for ever.
    import app.net.tcp_connection as tcp_connection

    monkeypatch.setattr(tcp_connection, "HALF_CLOSE_LINGER", 1.0)
    port = listen_on_loopback(qtbot, server_page)
    peer = connect_peer(port)
    who = peer_of(peer.sock)
    peer.send(b"REQ\n")
    peer.half_close()
    wait_event(qtbot, server_page, "◐", who, "finished sending")
    # A reply within the linger restarts it: the connection is still there after it.
    type_send(server_page, "RESP\n")
    click(qtbot, server_page, "sendButton")
    assert peer.recv_exactly(5) == b"RESP\n"
    assert server_page.client_model.rowCount() == 1
    line = wait_event(qtbot, server_page, "○", who, "nothing sent for 1 s")
    assert "finished sending" in line
    assert peer.recv_until_closed() == b""
    qtbot.waitUntil(lambda: server_page.client_model.rowCount() == 0, timeout=5000)
