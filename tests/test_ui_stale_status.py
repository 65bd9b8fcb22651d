"""The status line never goes on showing an error after the thing it was about went well:
a send that works replaces a send error, a framing that works a framing error, an allow-list
that works an allow-list error, and on the UDP page a datagram that goes out (or allowing
broadcast) replaces a refused broadcast."""

from __future__ import annotations

import socket

from PySide6.QtWidgets import QWidget

from tests.ui_helpers import child, choose, click, listen_on_loopback, state, status, type_send

WAIT = 5000


def _open_udp(qtbot, window, host: str = "0.0.0.0") -> QWidget:
    page = window.findChild(QWidget, "udpSession")
    child(page, "localAddressCombo").setCurrentText(host)
    child(page, "localPortSpin").setValue(0)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=WAIT)
    return page


def _refused_broadcast(qtbot, page: QWidget) -> None:
    child(page, "remoteHostEdit").setText("255.255.255.255")
    child(page, "remotePortSpin").setValue(9)
    type_send(page, "B1")
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: "Permission denied" in status(page), timeout=WAIT)


def test_udp_allow_broadcast_then_a_send_clears_the_permission_error(qtbot, window):
    page = _open_udp(qtbot, window)
    bound = f"Bound to 0.0.0.0:{page.session.port}"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver:
        receiver.bind(("0.0.0.0", 0))
        receiver.settimeout(3)
        _refused_broadcast(qtbot, page)
        child(page, "broadcastCheck").setChecked(True)
        assert status(page) == bound  # the user did what the error asked for
        child(page, "remoteHostEdit").setText("127.255.255.255")
        child(page, "remotePortSpin").setValue(receiver.getsockname()[1])
        type_send(page, "B2 check")
        click(qtbot, page, "sendButton")
        assert receiver.recvfrom(100)[0] == b"B2 check"
        qtbot.waitUntil(lambda: page.session.tx_messages() == 1, timeout=WAIT)
        assert status(page) == bound


def test_udp_a_send_that_works_clears_the_permission_error(qtbot, window):
    page = _open_udp(qtbot, window)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver:
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(3)
        _refused_broadcast(qtbot, page)
        child(page, "remoteHostEdit").setText(f"127.0.0.1:{receiver.getsockname()[1]}")
        type_send(page, "unicast")
        click(qtbot, page, "sendButton")
        assert receiver.recvfrom(100)[0] == b"unicast"
        qtbot.waitUntil(lambda: "Permission denied" not in status(page), timeout=WAIT)
        assert status(page) == f"Bound to 0.0.0.0:{page.session.port}"


def test_udp_a_bad_target_error_goes_when_a_send_works(qtbot, window):
    page = _open_udp(qtbot, window, "127.0.0.1")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver:
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(3)
        child(page, "remoteHostEdit").setText("[::1")
        type_send(page, "x")
        click(qtbot, page, "sendButton")
        assert "IPv6" in status(page)
        child(page, "remoteHostEdit").setText(f"127.0.0.1:{receiver.getsockname()[1]}")
        click(qtbot, page, "sendButton")
        assert receiver.recvfrom(100)[0] == b"x"
        assert status(page) == f"Bound to 127.0.0.1:{page.session.port}"


def test_server_bad_hex_error_goes_when_a_send_works(qtbot, window):
    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    with socket.create_connection(("127.0.0.1", port), timeout=3) as client:
        qtbot.waitUntil(lambda: child(page, "clientList").model().rowCount() == 1,
                        timeout=WAIT)
        type_send(page, "01 0G", mode="hex")
        click(qtbot, page, "sendButton")
        listening = page.session.status
        assert "1 client(s)" in listening
        assert "G" in status(page) and status(page) != listening
        type_send(page, "41 42", mode="hex")
        click(qtbot, page, "sendButton")
        assert client.recv(10) == b"AB"
        assert status(page) == listening


def test_a_framing_error_goes_when_the_delimiter_is_fixed(qtbot, window):
    page = window.findChild(QWidget, "tcpClientSession")
    closed = status(page)
    choose(page, "framingCombo", "custom")
    delimiter = child(page, "delimiterEdit")
    delimiter.setText("0Z")
    delimiter.editingFinished.emit()
    assert "Invalid hex" in status(page)
    delimiter.setText("0D")
    delimiter.editingFinished.emit()
    assert status(page) == closed


def test_an_allow_list_error_goes_when_the_list_is_fixed(qtbot, window):
    page = window.findChild(QWidget, "tcpServerSession")
    listen_on_loopback(qtbot, page)
    listening = status(page)
    allow = child(page, "allowListEdit")
    allow.setText("not-an-address")
    allow.editingFinished.emit()
    assert "not-an-address" in status(page)
    allow.setText("127.0.0.1")
    allow.editingFinished.emit()
    assert status(page) == listening
