"""The Scenario group of the TCP pages: open a file, run it against a device, see each step."""

from __future__ import annotations

import pathlib
import socket
import threading

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from tests.ui_helpers import child, click, listen_on_loopback, state, status

STEPS_OK = """
[[step]]
send = "PING 1\\n"
[[step]]
expect = "PING 1"
timeout = 3
[[step]]
wait = 0.05
[[step]]
send_hex = "01 03 00 00 00 0A"
checksum = "crc16-modbus"
[[step]]
expect_hex = "01 03 00 00 00 0A C5 CD"
timeout = 3
"""

NO_REPLY = """
[[step]]
send = "hello"
[[step]]
expect = "hello"
timeout = 3
[[step]]
expect = "never sent"
timeout = 0.3
[[step]]
send = "not reached"
"""


def open_file(monkeypatch, qtbot, page: QWidget, path: pathlib.Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(path), "Scenario files (*.toml)"))
    click(qtbot, page, "scenarioOpenButton")


def steps(page: QWidget) -> list[str]:
    step_list = child(page, "scenarioStepList")
    return [step_list.item(row).text() for row in range(step_list.count())]


def step_states(page: QWidget) -> list[str]:
    return page.scenario_panel.step_states()


@pytest.fixture
def client_page(window, qtbot, loopback_server):
    """The client page connected to an echoing device: (page, device)."""
    page = window.findChild(QWidget, "tcpClientSession")
    device = loopback_server(echo=True)
    child(page, "remoteHostEdit").setText("127.0.0.1")
    child(page, "remotePortSpin").setValue(device.port)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    return page, device


def test_scenario_passes_step_by_step(qtbot, monkeypatch, tmp_path, client_page):
    page, device = client_page
    path = tmp_path / "ok.toml"
    path.write_text(STEPS_OK, encoding="utf-8")
    open_file(monkeypatch, qtbot, page, path)
    assert len(steps(page)) == 5
    assert step_states(page) == ["pending"] * 5
    assert not child(page, "scenarioStopButton").isEnabled()
    with qtbot.waitSignal(page.scenario_panel.finished, timeout=10000) as done:
        click(qtbot, page, "scenarioRunButton")
    assert done.args == [True]
    assert step_states(page) == ["pass"] * 5
    texts = steps(page)
    assert all("pass" in text for text in texts)
    # The matched bytes are shown: the echo of the first send, the Modbus frame with its CRC.
    assert "50 49 4E 47 20 31 0A" in texts[1]
    assert "01 03 00 00 00 0A C5 CD" in texts[4]
    assert bytes(device.received) == b"PING 1\n" + bytes.fromhex("01030000000AC5CD")
    assert "passed" in status(page)
    assert child(page, "scenarioRunButton").isEnabled()


def test_reply_that_never_comes_fails_on_its_step(qtbot, monkeypatch, tmp_path, client_page):
    page, device = client_page
    path = tmp_path / "silent.toml"
    path.write_text(NO_REPLY, encoding="utf-8")
    open_file(monkeypatch, qtbot, page, path)
    with qtbot.waitSignal(page.scenario_panel.finished, timeout=10000) as done:
        click(qtbot, page, "scenarioRunButton")
    assert done.args == [False]
    assert step_states(page) == ["pass", "pass", "fail", "pending"]
    failed = steps(page)[2]
    assert "fail" in failed and "0.3 s" in failed
    assert bytes(device.received) == b"hello"  # step 4 never ran
    assert "failed" in status(page)


def test_stop_ends_a_waiting_step(qtbot, monkeypatch, tmp_path, client_page):
    page, device = client_page
    path = tmp_path / "long.toml"
    path.write_text('[[step]]\nexpect = "x"\ntimeout = 60\n[[step]]\nsend = "after"\n',
                    encoding="utf-8")
    open_file(monkeypatch, qtbot, page, path)
    click(qtbot, page, "scenarioRunButton")
    assert step_states(page) == ["running", "pending"]
    assert child(page, "scenarioStopButton").isEnabled()
    click(qtbot, page, "scenarioStopButton")
    assert step_states(page) == ["pending", "pending"]
    assert "stopped" in steps(page)[0]
    assert child(page, "scenarioRunButton").isEnabled()
    assert not child(page, "scenarioStopButton").isEnabled()
    device.peer().send(b"x")  # the stopped run must not go on to step 2
    qtbot.waitUntil(lambda: page.session.rx_total() == 1, timeout=5000)
    assert bytes(device.received) == b""


def test_malformed_file_names_step_and_key(qtbot, monkeypatch, tmp_path, window):
    page = window.findChild(QWidget, "tcpClientSession")
    path = tmp_path / "bad.toml"
    path.write_text('[[step]]\nsend = "a"\n[[step]]\nexpect_hex = "01 0G"\n', encoding="utf-8")
    open_file(monkeypatch, qtbot, page, path)
    shown = status(page)
    assert "Step 2" in shown and "expect_hex" in shown
    assert shown in child(page, "scenarioFileLabel").text()
    assert steps(page) == []
    assert not child(page, "scenarioRunButton").isEnabled()


def test_run_without_connection_says_why(qtbot, monkeypatch, tmp_path, window):
    page = window.findChild(QWidget, "tcpClientSession")
    path = tmp_path / "ok.toml"
    path.write_text(STEPS_OK, encoding="utf-8")
    open_file(monkeypatch, qtbot, page, path)
    click(qtbot, page, "scenarioRunButton")
    assert "connect first" in status(page)
    assert step_states(page) == ["pending"] * 5


def _echo_device(sock: socket.socket) -> None:
    try:
        while data := sock.recv(65536):
            sock.sendall(data.upper())
    except OSError:
        pass


def test_server_page_runs_on_its_only_client(qtbot, monkeypatch, tmp_path, window):
    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    device = socket.create_connection(("127.0.0.1", port), timeout=5)
    worker = threading.Thread(target=_echo_device, args=(device,), daemon=True)
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
        path = tmp_path / "up.toml"
        path.write_text('[[step]]\nsend = "abc"\n[[step]]\nexpect = "ABC"\ntimeout = 3\n',
                        encoding="utf-8")
        open_file(monkeypatch, qtbot, page, path)
        with qtbot.waitSignal(page.scenario_panel.finished, timeout=10000) as done:
            click(qtbot, page, "scenarioRunButton")
        assert done.args == [True]
        assert step_states(page) == ["pass", "pass"]
    finally:
        device.shutdown(socket.SHUT_RDWR)
        device.close()
        worker.join(5)


def test_expect_matches_across_reads(qtbot, monkeypatch, tmp_path, window, loopback_server):
    """Each read is searched only once, but a match split across two reads still counts."""
    page = window.findChild(QWidget, "tcpClientSession")
    device = loopback_server()
    child(page, "remoteHostEdit").setText("127.0.0.1")
    child(page, "remotePortSpin").setValue(device.port)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    path = tmp_path / "split.toml"
    path.write_text('[[step]]\nexpect = "READY>"\ntimeout = 5\n', encoding="utf-8")
    open_file(monkeypatch, qtbot, page, path)
    click(qtbot, page, "scenarioRunButton")
    peer = device.peer()
    peer.send(b"boot... RE")
    qtbot.waitUntil(lambda: page.session.rx_total() == 10, timeout=5000)
    assert step_states(page) == ["running"]
    with qtbot.waitSignal(page.scenario_panel.finished, timeout=5000) as done:
        peer.send(b"ADY> ")
    assert done.args == [True]
    assert "READY>" in steps(page)[0]
