"""The UDP page driven through its contract names, with plain sockets on loopback."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.ui_helpers import child, click, digits, log_text, state, status, type_send

WAIT = 5000


def open_page(qtbot, window, host: str) -> tuple[QWidget, int]:
    page = window.findChild(QWidget, "udpSession")
    child(page, "localAddressCombo").setCurrentText(host)
    child(page, "localPortSpin").setValue(0)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=WAIT)
    port = child(page, "localPortSpin").value()
    assert port > 0  # the bound port is shown
    assert child(page, "openButton").text() == "Close"
    return page, port


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_a_line_shows_with_its_sender_and_a_selected_peer_gets_pong(qtbot, window, host):
    page, port = open_page(qtbot, window, host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as peer:
        peer.bind((host, 0))
        peer.settimeout(3)
        me = peer.getsockname()[1]
        label = f"[{host}]:{me}" if ":" in host else f"{host}:{me}"
        peer.sendto(b"ping from the device\n", (host, port))
        qtbot.waitUntil(lambda: "ping from the device" in log_text(page), timeout=WAIT)
        line = next(x for x in log_text(page).splitlines() if "ping from the device" in x)
        assert label in line
        peers = child(page, "peerList")
        qtbot.waitUntil(lambda: peers.model().rowCount() == 1, timeout=WAIT)
        assert peers.model().index(0, 0).data() == label
        assert peers.model().index(0, 1).data() == "1"  # datagrams
        assert peers.model().index(0, 2).data() == "21"  # bytes
        child(page, "remoteHostEdit").setText("example.invalid")
        page.select_peer(0)
        assert child(page, "remoteHostEdit").text() == host
        assert child(page, "remotePortSpin").value() == me
        type_send(page, "pong")
        click(qtbot, page, "sendButton")
        data, sender = peer.recvfrom(100)
        assert (data, sender[1]) == (b"pong", port)
        qtbot.waitUntil(lambda: digits(child(page, "txCountLabel").text())[:1] == [4],
                        timeout=WAIT)
        assert digits(child(page, "rxCountLabel").text())[:1] == [21]


def test_reply_to_the_last_sender(qtbot, window):
    page, port = open_page(qtbot, window, "127.0.0.1")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.bind(("127.0.0.1", 0))
        peer.settimeout(3)
        peer.sendto(b"hi", ("127.0.0.1", port))
        qtbot.waitUntil(lambda: page.session.last_sender is not None, timeout=WAIT)
        child(page, "replyToLastCheck").setChecked(True)
        child(page, "remoteHostEdit").setText("127.0.0.1")
        child(page, "remotePortSpin").setValue(9)
        type_send(page, "back to you")
        click(qtbot, page, "sendButton")
        assert peer.recvfrom(100)[0] == b"back to you"


def test_errors_are_shown_and_the_page_stays_open(qtbot, window):
    page, port = open_page(qtbot, window, "127.0.0.1")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as gone:
        gone.bind(("127.0.0.1", 0))
        dead = gone.getsockname()[1]
    child(page, "remoteHostEdit").setText(f"127.0.0.1:{dead}")
    type_send(page, "hello?")
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: "Nothing listens on" in status(page), timeout=WAIT)
    assert f"127.0.0.1:{dead}" in status(page)
    assert state(page) == "open"

    child(page, "remoteHostEdit").setText("255.255.255.255")
    child(page, "remotePortSpin").setValue(9)
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: "Allow broadcast" in status(page), timeout=WAIT)
    assert state(page) == "open"

    child(page, "remoteHostEdit").setText("no-such-host.invalid")
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: "Host not found" in status(page), timeout=WAIT)

    child(page, "remoteHostEdit").setText("127.0.0.1")
    type_send(page, "00 " * 65508, mode="hex")
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: "65,508 bytes" in status(page), timeout=WAIT)
    assert state(page) == "open"

    child(page, "multicastGroupEdit").setText("10.0.0.1")
    click(qtbot, page, "multicastJoinButton")
    assert "not a multicast address" in status(page)
    assert state(page) == "open"
    click(qtbot, page, "openButton")
    assert state(page) == "closed"
    assert child(page, "openButton").text() == "Open"


def test_settings_survive_a_restart(qtbot, settings):
    from ui.main_window import MainWindow

    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    page = window.findChild(QWidget, "udpSession")
    child(page, "remoteHostEdit").setText("192.0.2.55")
    child(page, "remotePortSpin").setValue(4321)
    child(page, "multicastGroupEdit").setText("239.9.9.9")
    child(page, "broadcastCheck").setChecked(True)
    child(page, "localPortSpin").setValue(47001)
    window.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    page = again.findChild(QWidget, "udpSession")
    config = page.config()
    assert (config.remote_host, config.remote_port, config.multicast_group, config.broadcast,
            config.port) == ("192.0.2.55", 4321, "239.9.9.9", True, 47001)
    again.close()


def test_a_malformed_target_is_explained(qtbot, window):
    page, _port = open_page(qtbot, window, "127.0.0.1")
    child(page, "remoteHostEdit").setText("[::1")
    type_send(page, "x")
    click(qtbot, page, "sendButton")
    assert "]" in status(page) and "IPv6" in status(page)
    assert state(page) == "open"
    assert page.session.tx_messages() == 0


def test_udp_option_opens_the_udp_page_bound(qtbot, window):
    from ui.command_line import open_sessions, parse

    udp_page = window.findChild(QWidget, "udpSession")
    (page,) = open_sessions(window, parse(["socketscope", "--udp", "127.0.0.1:0"]).sessions)
    assert page is udp_page
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: state(page) == "open", timeout=WAIT)
    port = page.session.port
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.sendto(b"hello udp", ("127.0.0.1", port))
        qtbot.waitUntil(lambda: "hello udp" in log_text(page), timeout=WAIT)


def test_the_join_button_follows_the_group_in_the_field(qtbot, window):
    page, _port = open_page(qtbot, window, "127.0.0.1")
    group, button = child(page, "multicastGroupEdit"), child(page, "multicastJoinButton")
    joined_label = child(page, "multicastJoinedLabel")
    assert joined_label.isHidden()
    group.setText("239.1.2.3")
    assert button.text() == "Join"
    click(qtbot, page, "multicastJoinButton")
    if page.session.joined == []:
        pytest.skip(f"no IPv4 multicast join on loopback here: {status(page)}")
    assert button.text() == "Leave"
    assert not joined_label.isHidden() and "239.1.2.3" in joined_label.text()
    group.setText("239.1.2.4")  # another group: the click would join it
    assert button.text() == "Join"
    click(qtbot, page, "multicastJoinButton")
    assert [g for g, _ in page.session.joined] == ["239.1.2.3", "239.1.2.4"]
    assert button.text() == "Leave"
    joined_label.linkActivated.emit("239.1.2.3")  # a joined group picked from the list
    assert group.text() == "239.1.2.3" and button.text() == "Leave"
    click(qtbot, page, "multicastJoinButton")
    assert [g for g, _ in page.session.joined] == ["239.1.2.4"]
    assert button.text() == "Join"
    assert "239.1.2.3" not in joined_label.text() and "239.1.2.4" in joined_label.text()
    click(qtbot, page, "openButton")
    assert state(page) == "closed"
    assert joined_label.isHidden() and button.text() == "Join"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_multicast_interface_fits_its_box_at_1024x768(qtbot, window, language):
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox

    from ui.i18n import switch_language

    switch_language(language)
    try:
        window.resize(1024, 768)
        qtbot.waitExposed(window)
        page = window.findChild(QWidget, "udpSession")
        window.tabs.setCurrentWidget(page)
        QApplication.processEvents()
        combo = child(page, "multicastInterfaceCombo")
        combo.setCurrentIndex(0)
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        text = combo.currentText()
        assert combo.fontMetrics().horizontalAdvance(text) <= field.width(), (text, field)
        tip = combo.toolTip()
        assert tip == combo.itemData(0, Qt.ItemDataRole.ToolTipRole)
        assert ("default route" if language == "en" else "默认路由") in tip
    finally:
        switch_language("en")
