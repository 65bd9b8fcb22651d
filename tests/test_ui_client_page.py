"""The TCP Client page end to end against plain loopback servers."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtWidgets import QWidget

from tests.conftest import free_port
from tests.ui_helpers import child, click, digits, log_text, state, status, type_send
from ui.main_window import MainWindow


@pytest.fixture
def page(window):
    return window.findChild(QWidget, "tcpClientSession")


def connect_to(qtbot, page, port: int, host: str = "127.0.0.1") -> None:
    child(page, "remoteHostEdit").setText(host)
    child(page, "remotePortSpin").setValue(port)
    click(qtbot, page, "openButton")


def test_utf8_chinese_echo(qtbot, page, loopback_server):
    server = loopback_server(echo=True)
    connect_to(qtbot, page, server.port)
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    assert child(page, "openButton").text() == "Disconnect"
    type_send(page, "你好，世界")
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: log_text(page).count("你好，世界") == 2, timeout=5000)
    n = len("你好，世界".encode())
    qtbot.waitUntil(lambda: n in digits(child(page, "rxCountLabel").text()), timeout=5000)
    assert n in digits(child(page, "txCountLabel").text())
    assert "RX" in log_text(page) and "TX" in log_text(page)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "closed", timeout=5000)
    assert child(page, "openButton").text() == "Connect"


def test_refused_is_explained_and_button_idle(qtbot, page):
    port = free_port()
    connect_to(qtbot, page, port)
    qtbot.waitUntil(lambda: state(page) == "closed" and "refused" in status(page),
                    timeout=5000)
    assert child(page, "openButton").text() == "Connect"


def test_send_while_not_connected(qtbot, page):
    type_send(page, "hello")
    click(qtbot, page, "sendButton")
    assert "not connected" in status(page)


def test_invalid_escape_is_pointed_at(qtbot, page, loopback_server):
    server = loopback_server()
    connect_to(qtbot, page, server.port)
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    child(page, "escapeCheck").setChecked(True)
    type_send(page, "AT\\q")
    click(qtbot, page, "sendButton")
    assert "\\q" in status(page)
    assert page.session.tx_total() == 0


def test_escapes_and_line_ending_arrive_exactly(qtbot, page, loopback_server):
    from tests.ui_helpers import choose

    server = loopback_server()
    connect_to(qtbot, page, server.port)
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    peer = server.peer()
    child(page, "escapeCheck").setChecked(True)
    type_send(page, "AT+GMR\\r\\n")
    click(qtbot, page, "sendButton")
    assert peer.recv_exactly(8) == b"AT+GMR\r\n"
    child(page, "escapeCheck").setChecked(False)
    choose(page, "lineEndingCombo", "crlf")
    type_send(page, "AT")
    click(qtbot, page, "sendButton")
    assert peer.recv_exactly(4) == b"AT\r\n"


def test_settings_are_remembered(qtbot, settings, loopback_server):
    server = loopback_server()
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    page = w.findChild(QWidget, "tcpClientSession")
    connect_to(qtbot, page, server.port, "localhost")
    qtbot.waitUntil(lambda: state(page) != "opening", timeout=5000)
    w.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    page2 = again.findChild(QWidget, "tcpClientSession")
    assert child(page2, "remoteHostEdit").text() == "localhost"
    assert child(page2, "remotePortSpin").value() == server.port
    again.close()


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


def test_host_field_takes_host_colon_port(qtbot, page, loopback_server):
    server = loopback_server()
    child(page, "remotePortSpin").setValue(1)  # the typed port must win over this
    child(page, "remoteHostEdit").setText(f"127.0.0.1:{server.port}")
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    assert server.connected.wait(5)
    assert child(page, "remotePortSpin").value() == server.port
    assert f"127.0.0.1:{server.port}" in status(page)


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback here")
def test_host_field_takes_bracketed_ipv6_with_port(qtbot, page):
    with socket.create_server(("::1", 0), family=socket.AF_INET6) as listener:
        port = listener.getsockname()[1]
        child(page, "remotePortSpin").setValue(1)
        child(page, "remoteHostEdit").setText(f"[::1]:{port}")
        click(qtbot, page, "openButton")
        qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
        assert child(page, "remotePortSpin").value() == port
        assert f"[::1]:{port}" in status(page)
        click(qtbot, page, "openButton")
        qtbot.waitUntil(lambda: state(page) == "closed", timeout=5000)


@pytest.mark.parametrize(
    ("text", "words"),
    [("[::1", "no closing “]”"), ("127.0.0.1:70000", "Port 70000 is out of range"),
     ("a:b:c", "neither host:port nor an IPv6 address")],
)
def test_host_field_explains_bad_forms(qtbot, page, text, words):
    child(page, "remoteHostEdit").setText(text)
    click(qtbot, page, "openButton")
    assert words in status(page)
    assert state(page) == "closed"
    assert child(page, "openButton").text() == "Connect"
