"""The page registry and per-page settings: each page keeps its own across a restart, the
window reopens its pages in order, and a new page never takes a port in use."""

from __future__ import annotations

import json
import socket

import pytest
from PySide6.QtWidgets import QWidget

from app.net.ports import first_free_port, port_is_free
from app.sessions.config import TcpClientConfig, TcpServerConfig
from tests.ui_helpers import child, choose
from ui.main_window import PAGES_KEY, MainWindow
from ui.pages import PAGE_KINDS, page_kind
from ui.pages.client_page import ClientPage
from ui.pages.server_page import ServerPage


def open_window(qtbot, settings) -> MainWindow:
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    return window


def kinds_and_names(window: MainWindow) -> list[tuple[str, str]]:
    return [(type(p).__name__, p.objectName()) for p in window.pages()]


def test_registry_matches_the_contract(window):
    assert [entry.base_name for entry in PAGE_KINDS] == ["tcpServerSession", "tcpClientSession",
                                                         "udpSession", "tcpRelaySession"]
    assert [entry.name for entry in PAGE_KINDS] == ["tcp-server", "tcp-client", "udp",
                                                    "tcp-relay"]
    assert [entry.in_fresh_window for entry in PAGE_KINDS] == [True, True, True, False]
    assert page_kind("tcp-client").page_type is ClientPage
    with pytest.raises(KeyError):
        page_kind("nope")
    for entry in PAGE_KINDS:
        assert window.findChild(type(window.menuBar().actions()[0]), entry.action_name)
    assert [a.objectName() for a in window.menuBar().actions()[0].menu().actions()][:3] == [
        "newTcpServerAction", "newTcpClientAction", "newUdpAction"]


def test_new_action_opens_a_page_of_its_kind(window):
    from PySide6.QtGui import QAction

    window.findChild(QAction, "newTcpServerAction").trigger()
    page = window.tabs.currentWidget()
    assert isinstance(page, ServerPage) and page.objectName() == "tcpServerSession_2"
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("TCP Server 2 :")


def test_config_round_trips_through_the_widgets(window):
    server = window.findChild(QWidget, "tcpServerSession")
    client = window.findChild(QWidget, "tcpClientSession")
    server_config = TcpServerConfig("::", 0)
    server.apply_config(server_config)
    assert server.config() == server_config
    client_config = TcpClientConfig("device.local", 502, timeout=2.5, local_port=4000,
                                    no_delay=False)
    client.apply_config(client_config)
    assert client.config() == client_config
    with pytest.raises(TypeError):
        server.apply_config(client_config)


def test_two_server_pages_keep_their_own_settings_across_a_restart(qtbot, settings):
    window = open_window(qtbot, settings)
    first = window.findChild(QWidget, "tcpServerSession")
    second = window.add_page("tcp-server")
    assert second.objectName() == "tcpServerSession_2"
    first.apply_config(TcpServerConfig("127.0.0.1", 40001))
    second.apply_config(TcpServerConfig("::", 40002))
    choose(second, "receiveModeCombo", "hex")
    choose(second, "checksumCombo", "crc16-modbus")
    choose(first, "checksumCombo", "xor")
    window.close()

    again = open_window(qtbot, settings)
    first = again.findChild(QWidget, "tcpServerSession")
    second = again.findChild(QWidget, "tcpServerSession_2")
    assert first.config() == TcpServerConfig("127.0.0.1", 40001)
    assert second.config() == TcpServerConfig("::", 40002)
    assert child(first, "receiveModeCombo").currentData() == "text"
    assert child(second, "receiveModeCombo").currentData() == "hex"
    assert child(first, "checksumCombo").currentData() == "xor"
    assert child(second, "checksumCombo").currentData() == "crc16-modbus"
    again.close()


def test_pages_reopen_in_order_with_their_kinds(qtbot, settings):
    window = open_window(qtbot, settings)
    window.add_page("tcp-client")
    window.add_page("tcp-server")
    window.add_page("tcp-client")
    window.tabs.tabBar().moveTab(5, 0)  # the user drags a tab to the front
    # Saved at once, not only at exit (a crash must not lose the order).
    assert json.loads(settings.value(PAGES_KEY))[0] == {"kind": "tcp-client",
                                                        "name": "tcpClientSession_3"}
    window.close_tab(window.tabs.indexOf(window.findChild(QWidget, "tcpClientSession_2")))
    order = kinds_and_names(window)
    assert order == [("ClientPage", "tcpClientSession_3"), ("ServerPage", "tcpServerSession"),
                     ("ClientPage", "tcpClientSession"), ("UdpPage", "udpSession"),
                     ("ServerPage", "tcpServerSession_2")]
    window.close()

    again = open_window(qtbot, settings)
    assert kinds_and_names(again) == order
    assert again.tabs.tabText(0).startswith("TCP Client 3 ")
    # The freed name is the next new page's, and the page starts afresh.
    assert again.add_page("tcp-client").objectName() == "tcpClientSession_2"
    again.close()


def test_closing_a_tab_forgets_its_settings(qtbot, settings):
    window = open_window(qtbot, settings)
    page = window.add_page("tcp-client")
    page.apply_config(TcpClientConfig("gone.example", 4444))
    choose(page, "sendModeCombo", "hex")
    window.close_tab(window.tabs.indexOf(page))
    settings.sync()
    assert "tcpClientSession_2" not in settings.childGroups()
    fresh = window.add_page("tcp-client")
    assert fresh.objectName() == "tcpClientSession_2"
    assert fresh.config() == TcpClientConfig()
    assert child(fresh, "sendModeCombo").currentData() == "text"
    window.close()


def test_a_new_server_page_never_takes_a_port_in_use(qtbot, settings):
    window = open_window(qtbot, settings)
    first = window.findChild(QWidget, "tcpServerSession")
    held = {first.config().port}
    # The port a new page would pick now is bound by another program (a plain socket).
    target = first_free_port("0.0.0.0", 8080, held)
    if target == 0:
        pytest.skip("no free port from 8080 upward on this machine")
    blocker = socket.socket()
    try:
        blocker.bind(("0.0.0.0", target))
        second = window.add_page("tcp-server")
        third = window.add_page("tcp-server")
    finally:
        blocker.close()
    ports = [first.config().port, second.config().port, third.config().port]
    assert len(set(ports)) == 3, ports
    assert target not in ports[1:]
    assert all(port > 0 for port in ports)
    assert port_is_free("0.0.0.0", second.config().port)
    window.close()


def test_a_new_server_page_avoids_the_port_a_listening_page_holds(qtbot, settings):
    from tests.ui_helpers import listen_on_loopback

    window = open_window(qtbot, settings)
    first = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, first)  # port 0: the OS chose; the page shows it
    assert first.config().port == port
    second = window.add_page("tcp-server")
    second.apply_config(TcpServerConfig("0.0.0.0", port))
    # A page opened after both avoids both, whatever it starts from.
    second.avoid_ports(first.held_ports())
    assert second.config().port not in (0, port)
    window.close()


def test_nothing_saved_gives_one_page_of_each_kind_and_old_settings_are_kept(qtbot, settings):
    # Settings of a version that saved one group per kind (and no page list).
    settings.setValue("tcpServerSession/address", "::")
    settings.setValue("tcpServerSession/port", "9100")
    settings.setValue("tcpClientSession/host", "plc.local")
    settings.setValue("tcpClientSession/localPort", "5000")
    settings.setValue("tcpClientSession/timeout", "2.5")
    window = open_window(qtbot, settings)
    assert kinds_and_names(window) == [("ServerPage", "tcpServerSession"),
                                       ("ClientPage", "tcpClientSession"),
                                       ("UdpPage", "udpSession")]
    assert window.pages()[0].config() == TcpServerConfig("::", 9100)
    assert window.pages()[1].config() == TcpClientConfig("plc.local", 8080, timeout=2.5,
                                                         local_port=5000)
    window.close()


@pytest.mark.parametrize("stored", [
    "not json", "{}", "[1, 2]", json.dumps([{"kind": "udp-x", "name": "udpSession"}]),
    json.dumps([{"kind": "tcp-server", "name": "tcpClientSession"}]),
    json.dumps([{"kind": "tcp-server", "name": "tcpServerSession_1"}]), "[]",
])
def test_a_broken_page_list_gives_the_fresh_window(qtbot, settings, stored):
    settings.setValue(PAGES_KEY, stored)
    window = open_window(qtbot, settings)
    assert kinds_and_names(window) == [("ServerPage", "tcpServerSession"),
                                       ("ClientPage", "tcpClientSession"),
                                       ("UdpPage", "udpSession")]
    window.close()


def test_page_list_drops_only_the_bad_entries(qtbot, settings):
    settings.setValue(PAGES_KEY, json.dumps([
        {"kind": "tcp-client", "name": "tcpClientSession_4"}, {"kind": "nope", "name": "x"},
        {"kind": "tcp-client", "name": "tcpClientSession_4"}, "junk",
        {"kind": "tcp-server", "name": "tcpServerSession_2"}]))
    settings.setValue("tcpServerSession_2/port", "not a port")
    window = open_window(qtbot, settings)
    assert kinds_and_names(window) == [("ClientPage", "tcpClientSession_4"),
                                       ("ServerPage", "tcpServerSession_2")]
    assert window.pages()[1].config().port > 0  # the default (or the next free port)
    window.close()
