"""The object names of UI-CONTRACT.md: present, of the right kind, in the right order."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QWidget,
)

COMMON = {
    "openButton": QPushButton,
    "sessionStatus": QLabel,
    "receiveModeCombo": QComboBox,
    "receiveEncodingCombo": QComboBox,
    "sendEdit": (QPlainTextEdit, QLineEdit),
    "sendModeCombo": QComboBox,
    "sendEncodingCombo": QComboBox,
    "sendButton": QPushButton,
    "rxCountLabel": QLabel,
    "txCountLabel": QLabel,
    "lineEndingCombo": QComboBox,
    "checksumCombo": QComboBox,
    "escapeCheck": QCheckBox,
    "repeatCheck": QCheckBox,
    "repeatIntervalSpin": QSpinBox,
    "repeatCountSpin": QSpinBox,
    "historyCombo": QComboBox,
    "quickCommandList": QAbstractItemView,
    "sendFileButton": QPushButton,
    "echoCheck": QCheckBox,
    "autoReplyImportButton": QPushButton,
    "autoReplyList": QAbstractItemView,
}
SERVER = {"localAddressCombo": QComboBox, "localPortSpin": QSpinBox,
          "clientList": QAbstractItemView, "keepAliveCheck": QCheckBox,
          "welcomeCheck": QCheckBox, "welcomeEdit": QLineEdit, "maxClientsSpin": QSpinBox,
          "allowListEdit": QLineEdit}
CLIENT = {"remoteHostEdit": (QLineEdit, QComboBox), "remotePortSpin": QSpinBox,
          "localPortSpin": QSpinBox, "keepAliveCheck": QCheckBox, "reconnectCheck": QCheckBox}
#: The Scenario group and Export (pcapng): TCP pages.
TCP = {"scenarioOpenButton": QPushButton, "scenarioRunButton": QPushButton,
       "scenarioStopButton": QPushButton, "scenarioStepList": QAbstractItemView,
       "exportPcapngButton": QToolButton}
SERVER |= TCP
CLIENT |= TCP
UDP = {"localAddressCombo": QComboBox, "localPortSpin": QSpinBox,
       "remoteHostEdit": (QLineEdit, QComboBox), "remotePortSpin": QSpinBox,
       "peerList": QAbstractItemView, "multicastGroupEdit": QLineEdit,
       "broadcastCheck": QCheckBox}


def test_window_and_pages_in_order(window):
    assert window.objectName() == "mainWindow"
    tabs = window.findChild(QTabWidget, "sessionTabs")
    assert tabs is window.centralWidget()
    names = [tabs.widget(i).objectName() for i in range(tabs.count())]
    assert names[:3] == ["tcpServerSession", "tcpClientSession", "udpSession"]


@pytest.mark.parametrize(("page_name", "extra"), [("tcpServerSession", SERVER),
                                                  ("tcpClientSession", CLIENT),
                                                  ("udpSession", UDP)])
def test_page_children(window, page_name, extra):
    page = window.findChild(QWidget, page_name)
    assert page is not None
    assert page.property("sessionState") == "closed"
    for name, kind in {**COMMON, **extra}.items():
        child = page.findChild(QWidget, name)
        assert child is not None, name
        assert isinstance(child, kind), (name, type(child))
        assert child.accessibleName(), f"{name} has no accessible name"
    assert callable(page.findChild(QWidget, "logView").toPlainText)


def test_combo_item_data(window):
    page = window.findChild(QWidget, "tcpServerSession")

    def data(name):
        combo = page.findChild(QComboBox, name)
        return [combo.itemData(i) for i in range(combo.count())]

    assert data("receiveModeCombo")[:2] == ["text", "hex"]
    assert data("sendModeCombo") == ["text", "hex"]
    assert {"utf-8", "gbk", "gb18030", "big5", "shift_jis", "latin-1", "ascii", "utf-16-le",
            "utf-16-be", "auto"} <= set(data("receiveEncodingCombo"))
    assert {"utf-8", "gbk"} <= set(data("sendEncodingCombo"))
    assert data("lineEndingCombo") == ["none", "cr", "lf", "crlf"]
    assert data("checksumCombo") == ["none", "xor", "sum8", "crc8", "crc16-modbus",
                                     "crc16-ccitt-false", "crc32"]
    assert {"0.0.0.0", "::", "127.0.0.1", "::1"} <= set(data("localAddressCombo"))
    udp = window.findChild(QWidget, "udpSession").findChild(QComboBox, "localAddressCombo")
    assert {"0.0.0.0", "::", "127.0.0.1", "::1"} <= {udp.itemData(i)
                                                     for i in range(udp.count())}


def test_open_button_idle_texts(window):
    server = window.findChild(QWidget, "tcpServerSession")
    client = window.findChild(QWidget, "tcpClientSession")
    assert server.findChild(QPushButton, "openButton").text() == "Listen"
    assert client.findChild(QPushButton, "openButton").text() == "Connect"
    udp = window.findChild(QWidget, "udpSession")
    assert udp.findChild(QPushButton, "openButton").text() == "Open"


def test_new_udp_action_opens_a_udp_page(window):
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, "newUdpAction")
    assert action is not None
    action.trigger()
    tabs = window.findChild(QTabWidget, "sessionTabs")
    assert tabs.currentWidget().objectName() == "udpSession_2"


def test_more_pages_get_suffixes(window):
    window.add_page("tcp-client")
    window.add_page("tcp-client")
    names = [p.objectName() for p in window.pages()]
    assert "tcpClientSession_2" in names and "tcpClientSession_3" in names


def test_closing_a_tab_stops_its_session(qtbot, window, connect_peer):
    from app.workers import running_threads
    from tests.ui_helpers import listen_on_loopback

    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    tabs = window.findChild(QTabWidget, "sessionTabs")
    tabs.tabCloseRequested.emit(tabs.indexOf(page))
    assert running_threads() == []
    assert peer.recv_until_closed() == b""
    assert "tcpServerSession" not in [p.objectName() for p in window.pages()]


def test_quick_command_dialog_validates(qtbot):
    from app.send.payload import SendSpec
    from app.send.quick_commands import QuickCommand
    from ui.quick_commands_panel import QuickCommandDialog

    dialog = QuickCommandDialog(QuickCommand("", SendSpec("01 0G", mode="hex")))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 0 and "name" in dialog.error_label.text()
    dialog.name_edit.setText("bad frame")
    dialog.accept()
    assert "G" in dialog.error_label.text()
    dialog.text_edit.setPlainText("01 03 00 00 00 0A")
    checksum = dialog.settings_form.checksum_combo
    checksum.setCurrentIndex(checksum.findData("crc16-modbus"))
    dialog.accept()
    assert dialog.result() == 1
    command = dialog.command()
    assert command.name == "bad frame" and command.spec.checksum == "crc16-modbus"


RELAY = {"localAddressCombo": QComboBox, "localPortSpin": QSpinBox,
         "remoteHostEdit": (QLineEdit, QComboBox), "remotePortSpin": QSpinBox,
         "clientList": QAbstractItemView, "relaySideCombo": QComboBox}


def test_relay_page_opens_only_by_its_action_and_has_its_names(window):
    from PySide6.QtGui import QAction

    tabs = window.findChild(QTabWidget, "sessionTabs")
    assert [tabs.widget(i).objectName() for i in range(tabs.count())] == [
        "tcpServerSession", "tcpClientSession", "udpSession"]
    assert window.findChild(QWidget, "tcpRelaySession") is None
    action = window.findChild(QAction, "newTcpRelayAction")
    assert action is not None
    action.trigger()
    page = tabs.currentWidget()
    assert page.objectName() == "tcpRelaySession"
    assert page.property("sessionState") == "closed"
    for name, kind in {**COMMON, **RELAY}.items():
        child = page.findChild(QWidget, name)
        assert child is not None, name
        assert isinstance(child, kind), (name, type(child))
        assert child.accessibleName(), f"{name} has no accessible name"
    assert callable(page.findChild(QWidget, "logView").toPlainText)
    side = page.findChild(QComboBox, "relaySideCombo")
    assert [side.itemData(i) for i in range(side.count())] == ["server", "device"]
    assert page.findChild(QPushButton, "openButton").text() == "Start"


def test_relay_page_relays_lists_the_pair_and_logs_both_sides(qtbot, window,
                                                              loopback_server, connect_peer):
    from PySide6.QtGui import QAction

    target = loopback_server(echo=True)
    window.findChild(QAction, "newTcpRelayAction").trigger()
    page = window.findChild(QWidget, "tcpRelaySession")
    page.findChild(QComboBox, "localAddressCombo").setEditText("127.0.0.1")
    page.findChild(QSpinBox, "localPortSpin").setValue(0)
    page.findChild(QLineEdit, "remoteHostEdit").setText("127.0.0.1")
    page.findChild(QSpinBox, "remotePortSpin").setValue(target.port)
    with qtbot.waitSignal(page.session.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        page.findChild(QPushButton, "openButton").click()
    device = connect_peer(page.session.port)
    pairs = page.findChild(QAbstractItemView, "clientList").model()
    qtbot.waitUntil(lambda: pairs.rowCount() == 1, timeout=5000)
    assert pairs.index(0, 0).data() == f"127.0.0.1:{device.sock.getsockname()[1]}"
    assert pairs.index(0, 1).data() == f"127.0.0.1:{target.port}"
    device.send(b"hello relay\n")
    assert device.recv_exactly(12) == b"hello relay\n"
    log = page.findChild(QWidget, "logView")
    qtbot.waitUntil(lambda: log.toPlainText().count("hello relay") == 2, timeout=5000)
    text = log.toPlainText()
    assert "device 127.0.0.1:" in text and f"server 127.0.0.1:{target.port}" in text
    # The send box injects into the side the selector names.
    page.findChild(QComboBox, "relaySideCombo").setCurrentIndex(1)  # device
    page.findChild(QPlainTextEdit, "sendEdit").setPlainText("injected")
    page.findChild(QPushButton, "sendButton").click()
    assert device.recv_exactly(8) == b"injected"
    page.findChild(QPushButton, "openButton").click()
    qtbot.waitUntil(lambda: pairs.rowCount() == 0, timeout=5000)
