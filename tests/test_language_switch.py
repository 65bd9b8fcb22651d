"""Switching the language takes effect in the open window, and back, keeping selections."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QMenu, QWidget

from tests.ui_helpers import child, choose
from ui.i18n import live_translator, switch_language


@pytest.fixture
def english_after():
    yield
    switch_language("en")


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def group_titles(page: QWidget) -> list[str]:
    return [box.title() for box in page.findChildren(QGroupBox)]


def snapshot(window) -> dict[str, object]:
    server = window.findChild(QWidget, "tcpServerSession")
    client = window.findChild(QWidget, "tcpClientSession")
    mode: QComboBox = child(server, "receiveModeCombo")
    return {
        "menus": menu_titles(window),
        "tabs": [window.tabs.tabText(i) for i in range(window.tabs.count())],
        "server open": child(server, "openButton").text(),
        "client open": child(client, "openButton").text(),
        "status": child(server, "sessionStatus").text(),
        "groups": group_titles(server),
        "send": child(server, "sendButton").text(),
        "modes": [mode.itemText(i) for i in range(mode.count())],
        "new server": window.findChild(object, "newTcpServerAction").text(),
        "session menu": [m.title() for m in window.findChildren(QMenu)],
    }


def selections(window) -> dict[str, object]:
    server = window.findChild(QWidget, "tcpServerSession")
    return {name: child(server, name).currentData()
            for name in ("receiveModeCombo", "receiveEncodingCombo", "framingCombo",
                         "sendModeCombo", "lineEndingCombo", "checksumCombo")}


def test_switch_to_chinese_and_back_retranslates_the_open_window(
        qtbot, window, english_after) -> None:
    server = window.findChild(QWidget, "tcpServerSession")
    choose(server, "receiveModeCombo", "hex")
    choose(server, "receiveEncodingCombo", "gbk")
    choose(server, "lineEndingCombo", "crlf")
    choose(server, "checksumCombo", "crc16-modbus")
    english = snapshot(window)
    chosen = selections(window)
    assert english["menus"] == ["&Session", "&Language", "&Help"]
    assert english["server open"] == "Listen" and english["client open"] == "Connect"
    assert english["tabs"][0].startswith("TCP Server ")
    assert english["tabs"][1].startswith("TCP Client ")

    window.findChild(object, "language_zh_CN").trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(0).startswith("TCP 服务器 "))
    chinese = snapshot(window)
    assert chinese["menus"] == ["会话(&S)", "语言(&L)", "帮助(&H)"]
    assert chinese["server open"] == "监听"
    assert chinese["client open"] == "连接"
    assert chinese["status"] == "已关闭。"
    assert chinese["send"] == "发送"
    assert chinese["modes"] == ["文本", "十六进制", "文本 + 十六进制"]
    assert "接收" in chinese["groups"] and "发送" in chinese["groups"]
    assert chinese["new server"] != english["new server"]
    assert selections(window) == chosen
    udp = window.findChild(QWidget, "udpSession")
    if udp is not None:  # the UDP page: its own button, and its peer list's header
        assert child(udp, "multicastJoinButton").text() == "加入"
        assert child(udp, "peerList").model().headerData(0, Qt.Orientation.Horizontal) == "地址"
    assert window.settings.value("ui/language") == "zh_CN"
    assert window.findChild(object, "language_zh_CN").isChecked()

    window.findChild(object, "language_en").trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(0).startswith("TCP Server "))
    assert snapshot(window) == english
    assert selections(window) == chosen
    assert live_translator().code == "en"


def test_a_page_opened_after_the_switch_is_in_the_new_language(
        qtbot, window, english_after) -> None:
    window.set_language("zh_CN")
    page = window.add_page("tcp-server")
    assert child(page, "openButton").text() == "监听"
    assert window.tabs.tabText(window.tabs.indexOf(page)).startswith("TCP 服务器 2 ")
    window.set_language("en")
    qtbot.waitUntil(lambda: child(page, "openButton").text() == "Listen")
    assert window.tabs.tabText(window.tabs.indexOf(page)).startswith("TCP Server 2 ")


def test_formatted_texts_of_an_open_server_follow_the_switch(
        qtbot, window, connect_peer, english_after) -> None:
    from tests.ui_helpers import listen_on_loopback

    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    reachable = child(page, "reachableLabel")
    assert reachable.text().startswith("Clients connect to: ")
    header = page.client_model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "Address"
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: reachable.text().startswith("客户端可连接到: "))
    assert f"127.0.0.1:{port}" in reachable.text()
    assert child(page, "rxCountLabel").text().startswith("接收: ")
    assert page.client_model.headerData(0, Qt.Orientation.Horizontal) == "地址"
    assert child(page, "openButton").text() == "停止"
    # The log already shown speaks the new language too (its RX/TX words).
    peer.send(b"hello\n")
    qtbot.waitUntil(lambda: " 收 127.0.0.1:" in child(page, "logView").toPlainText(),
                    timeout=5000)
    window.set_language("en")
    qtbot.waitUntil(lambda: reachable.text().startswith("Clients connect to: "))
    assert child(page, "rxCountLabel").text().startswith("RX: ")
    assert child(page, "openButton").text() == "Stop"
    qtbot.waitUntil(lambda: " RX 127.0.0.1:" in child(page, "logView").toPlainText())
    assert " 收 " not in child(page, "logView").toPlainText()
    peer.close()
