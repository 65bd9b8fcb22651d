"""The TCP Server page end to end: real loopback peers, driven by object names."""

from __future__ import annotations

import socket
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from app.workers import running_threads
from tests.ui_helpers import (
    child,
    choose,
    click,
    digits,
    listen_on_loopback,
    log_text,
    state,
    status,
    type_send,
)
from ui.main_window import MainWindow


@pytest.fixture
def page(window):
    return window.findChild(QWidget, "tcpServerSession")


def test_client_listed_gbk_text_and_hex_send(qtbot, page, connect_peer):
    port = listen_on_loopback(qtbot, page)
    assert "Listen" not in child(page, "openButton").text()
    assert f"127.0.0.1:{port}" in status(page)
    peer = connect_peer(port)
    clients: QAbstractItemView = child(page, "clientList")
    qtbot.waitUntil(lambda: clients.model().rowCount() == 1, timeout=5000)
    peer_port = peer.sock.getsockname()[1]
    assert clients.model().index(0, 0).data() == f"127.0.0.1:{peer_port}"

    choose(page, "receiveEncodingCombo", "gbk")
    peer.send("你好，世界\n".encode("gbk"))
    qtbot.waitUntil(lambda: "你好，世界" in log_text(page), timeout=5000)
    assert f"127.0.0.1:{peer_port}" in log_text(page)

    type_send(page, "01 02 0A FF", mode="hex")
    click(qtbot, page, "sendButton")
    assert peer.recv_exactly(4) == b"\x01\x02\x0a\xff"
    qtbot.waitUntil(lambda: 4 in digits(child(page, "txCountLabel").text()), timeout=5000)
    rx_total = len("你好，世界\n".encode("gbk"))
    qtbot.waitUntil(lambda: rx_total in digits(child(page, "rxCountLabel").text()),
                    timeout=5000)


def test_switching_encoding_and_hex_rerenders(qtbot, page, connect_peer):
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    choose(page, "receiveEncodingCombo", "utf-8")
    peer.send("温度".encode("gbk"))
    qtbot.waitUntil(lambda: "\\x" in log_text(page), timeout=5000)
    assert "温度" not in log_text(page)
    choose(page, "receiveEncodingCombo", "gbk")
    qtbot.waitUntil(lambda: "温度" in log_text(page), timeout=5000)
    choose(page, "receiveModeCombo", "hex")
    qtbot.waitUntil(lambda: "CE C2 B6 C8" in log_text(page), timeout=5000)


def test_invalid_hex_points_at_the_character_and_sends_nothing(qtbot, page, connect_peer):
    port = listen_on_loopback(qtbot, page)
    connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    type_send(page, "01 0G", mode="hex")
    click(qtbot, page, "sendButton")
    assert "G" in status(page) and "5" in status(page)
    edit = child(page, "sendEdit")
    assert edit.textCursor().selectedText() == "G"
    assert page.session.tx_total() == 0


def test_send_without_clients_says_why(qtbot, page):
    type_send(page, "hello")
    click(qtbot, page, "sendButton")
    assert "not listening" in status(page)
    listen_on_loopback(qtbot, page)
    click(qtbot, page, "sendButton")
    assert "no client" in status(page)


def test_send_to_selected_client_only(qtbot, page, connect_peer):
    port = listen_on_loopback(qtbot, page)
    a = connect_peer(port)
    b = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 2, timeout=5000)
    a_port = a.sock.getsockname()[1]
    row = next(r for r in range(2)
               if page.client_model.index(r, 0).data().endswith(f":{a_port}"))
    page.select_client(row)
    type_send(page, "just you")
    qtbot.keyClick(child(page, "sendEdit"), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    assert a.recv_exactly(8) == b"just you"
    b.sock.settimeout(0.3)
    with pytest.raises(TimeoutError):
        b.sock.recv(10)


def test_disconnect_selected_client(qtbot, page, connect_peer):
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 1, timeout=5000)
    page.select_client(0)
    click(qtbot, page, "disconnectClientButton")
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 0, timeout=5000)
    assert peer.recv_until_closed() == b""
    assert state(page) == "open"


def test_port_in_use_message_and_idle_button(qtbot, page):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    try:
        child(page, "localAddressCombo").setCurrentText("127.0.0.1")
        child(page, "localPortSpin").setValue(blocker.getsockname()[1])
        click(qtbot, page, "openButton")
        qtbot.waitUntil(lambda: "already in use" in status(page), timeout=5000)
        assert state(page) == "closed"
        assert child(page, "openButton").text() == "Listen"
    finally:
        blocker.close()


def test_closing_window_with_five_clients_stops_all_and_frees_port(qtbot, settings,
                                                                   connect_peer):
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    peers = [connect_peer(port) for _ in range(5)]
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 5, timeout=5000)
    assert len(running_threads()) >= 11  # accept loop + two loops per client
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 1.0
    assert running_threads() == []
    for peer in peers:
        assert peer.recv_until_closed() == b""
    probe = socket.socket()
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    probe.bind(("127.0.0.1", port))
    probe.close()


def _dual_stack_available() -> bool:
    return socket.has_dualstack_ipv6()


@pytest.mark.skipif(not _dual_stack_available(), reason="no dual-stack IPv6 here")
def test_ipv4_client_of_dual_stack_server_shown_as_ipv4(qtbot, page, connect_peer):
    child(page, "localAddressCombo").setCurrentText("::")
    child(page, "localPortSpin").setValue(0)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    peer = connect_peer(page.session.port)
    peer_port = peer.sock.getsockname()[1]
    clients: QAbstractItemView = child(page, "clientList")
    qtbot.waitUntil(lambda: clients.model().rowCount() == 1, timeout=5000)
    assert clients.model().index(0, 0).data() == f"127.0.0.1:{peer_port}"
    peer.send(b"ping\n")
    qtbot.waitUntil(lambda: "ping" in log_text(page), timeout=5000)
    assert f"127.0.0.1:{peer_port}" in log_text(page)
    assert "ffff" not in log_text(page).lower()


def _row_of(page, peer) -> int:
    port = peer.sock.getsockname()[1]
    return next(r for r in range(page.client_model.rowCount())
                if page.client_model.index(r, 0).data().endswith(f":{port}"))


def _select_rows(page, rows: list[int]) -> None:
    from PySide6.QtCore import QItemSelectionModel

    model = page.client_list.selectionModel()
    model.clearSelection()
    for row in rows:
        model.select(page.client_model.index(row, 0),
                     QItemSelectionModel.SelectionFlag.Select
                     | QItemSelectionModel.SelectionFlag.Rows)


def _assert_silent(peer) -> None:
    peer.sock.settimeout(0.3)
    with pytest.raises(TimeoutError):
        peer.sock.recv(100)


def test_target_label_beside_send_says_whom_send_reaches(qtbot, page, connect_peer):
    label = child(page, "sendTargetLabel")
    assert page.send_panel.isAncestorOf(label)  # next to the Send button
    port = listen_on_loopback(qtbot, page)
    assert label.text() == "→ nobody (no client connected)"
    a = connect_peer(port)
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 1, timeout=5000)
    a_port = a.sock.getsockname()[1]
    assert label.text() == f"→ all clients: 127.0.0.1:{a_port}"
    b = connect_peer(port)
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 2, timeout=5000)
    assert label.text() == "→ all 2 clients"
    page.select_client(_row_of(page, b))
    assert label.text() == f"→ 127.0.0.1:{b.sock.getsockname()[1]}"
    _select_rows(page, [0, 1])
    assert label.text() == "→ 2 selected clients"
    click(qtbot, page, "clearClientSelectionButton")
    assert label.text() == "→ all 2 clients"


def test_selected_client_left_then_send_reaches_nobody_and_says_why(qtbot, page,
                                                                    connect_peer):
    port = listen_on_loopback(qtbot, page)
    a = connect_peer(port)
    b = connect_peer(port)
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 2, timeout=5000)
    page.select_client(_row_of(page, a))
    a.reset()  # gone (a FIN alone would leave it half-closed, still a target)
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 1, timeout=5000)
    label = child(page, "sendTargetLabel")
    assert label.text() == "→ nobody (selected client left)"
    type_send(page, "for A only")
    click(qtbot, page, "sendButton")
    assert "selected client(s) left" in status(page)
    _assert_silent(b)
    assert page.session.tx_total() == 0
    # Asking for everyone explicitly sends to b.
    click(qtbot, page, "clearClientSelectionButton")
    assert label.text() == f"→ all clients: 127.0.0.1:{b.sock.getsockname()[1]}"
    click(qtbot, page, "sendButton")
    assert b.recv_exactly(10) == b"for A only"


def test_partial_selection_sends_to_the_selected_still_here(qtbot, page, connect_peer):
    port = listen_on_loopback(qtbot, page)
    a, b, c = (connect_peer(port) for _ in range(3))
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 3, timeout=5000)
    _select_rows(page, [_row_of(page, a), _row_of(page, b)])
    label = child(page, "sendTargetLabel")
    assert label.text() == "→ 2 selected clients"
    a.reset()  # gone (a FIN alone would leave it half-closed, still a target)
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 2, timeout=5000)
    assert label.text() == f"→ 127.0.0.1:{b.sock.getsockname()[1]}"
    type_send(page, "hi b")
    click(qtbot, page, "sendButton")
    assert b.recv_exactly(4) == b"hi b"
    _assert_silent(c)
    qtbot.waitUntil(lambda: page.session.tx_total() == 4, timeout=5000)


def test_periodic_send_to_selected_stops_when_they_have_gone(qtbot, page, connect_peer):
    port = listen_on_loopback(qtbot, page)
    a = connect_peer(port)
    b = connect_peer(port)
    qtbot.waitUntil(lambda: page.client_model.rowCount() == 2, timeout=5000)
    page.select_client(_row_of(page, a))
    type_send(page, "x")
    child(page, "repeatCheck").setChecked(True)
    child(page, "repeatIntervalSpin").setValue(5)
    child(page, "repeatCountSpin").setValue(0)
    click(qtbot, page, "sendButton")
    assert child(page, "sendButton").text() == "Stop"
    qtbot.waitUntil(lambda: page.session.tx_total() >= 3, timeout=5000)
    a.reset()  # gone (a FIN alone would leave it half-closed, still a target)
    qtbot.waitUntil(lambda: child(page, "sendButton").text() == "Send", timeout=5000)
    assert "selected client(s) have left" in status(page)
    assert not page.session.send_jobs.periodic_running
    _assert_silent(b)
