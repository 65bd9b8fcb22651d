"""The send panel end to end: checksums, preview, periodic and file send, history, quick
commands — through the contract's object names, against real loopback peers."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.send.checksums import checksum_bytes
from app.send.payload import SendSpec
from app.send.quick_commands import QuickCommand
from app.traffic.hex_format import hex_text
from tests.ui_helpers import child, choose, click, listen_on_loopback, state, status, type_send
from ui.main_window import MainWindow
from ui.send_edit import LARGE_INPUT


@pytest.fixture
def client(connected_client):
    return connected_client


@pytest.mark.parametrize(("text", "mode", "checksum", "expected"), [
    ("01 03 00 00 00 0A", "hex", "crc16-modbus", "01 03 00 00 00 0A C5 CD"),
    ("123456789", "text", "crc16-ccitt-false", "31 32 33 34 35 36 37 38 39 29 B1"),
    ("123456789", "text", "crc32", "31 32 33 34 35 36 37 38 39 CB F4 39 26"),
    ("01 02 03", "hex", "xor", "01 02 03 00"),
    ("01 02 03", "hex", "sum8", "01 02 03 06"),
    ("123456789", "text", "crc8", "31 32 33 34 35 36 37 38 39 F4"),
])
def test_checksums_arrive(qtbot, client, text, mode, checksum, expected):
    page, peer = client
    choose(page, "checksumCombo", checksum)
    type_send(page, text, mode)
    click(qtbot, page, "sendButton")
    want = bytes.fromhex(expected)
    assert peer.recv_exactly(len(want)) == want


def test_preview_shows_exact_bytes_and_count(qtbot, client):
    page, _peer = client
    choose(page, "checksumCombo", "crc16-modbus")
    choose(page, "lineEndingCombo", "crlf")
    type_send(page, "01 03 00 00 00 0A", "hex")
    preview = child(page, "sendPreviewLabel")
    qtbot.waitUntil(lambda: "01 03 00 00 00 0A C5 CD 0D 0A" in preview.text(), timeout=3000)
    assert "10" in preview.text()
    type_send(page, "01 0", "hex")
    qtbot.waitUntil(lambda: "⚠" in preview.text(), timeout=3000)


def test_periodic_send_exact_count_then_stops(qtbot, client):
    page, peer = client
    type_send(page, "ping")
    child(page, "repeatCheck").setChecked(True)
    child(page, "repeatIntervalSpin").setValue(50)
    child(page, "repeatCountSpin").setValue(10)
    click(qtbot, page, "sendButton")
    assert child(page, "sendButton").text() == "Stop"
    assert peer.recv_exactly(40) == b"ping" * 10
    qtbot.waitUntil(lambda: child(page, "sendButton").text() == "Send", timeout=5000)
    assert "10" in child(page, "repeatStatusLabel").text()
    assert page.session.tx_total() == 40
    peer.sock.settimeout(0.3)
    with pytest.raises(TimeoutError):
        peer.sock.recv(10)  # an 11th never comes


def test_periodic_send_stops_when_unchecked_and_on_disconnect(qtbot, client):
    page, peer = client
    type_send(page, "x")
    child(page, "repeatCheck").setChecked(True)
    child(page, "repeatIntervalSpin").setValue(5)
    child(page, "repeatCountSpin").setValue(0)
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: page.session.tx_total() >= 5, timeout=5000)
    child(page, "repeatCheck").setChecked(False)
    assert child(page, "sendButton").text() == "Send"
    sent = page.session.tx_total()
    child(page, "repeatCheck").setChecked(True)
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: page.session.tx_total() > sent + 3, timeout=5000)
    peer.close()
    qtbot.waitUntil(lambda: state(page) == "closed", timeout=5000)
    qtbot.waitUntil(lambda: child(page, "sendButton").text() == "Send", timeout=5000)


def test_send_file_byte_exact_with_progress(qtbot, client, tmp_path: Path):
    page, peer = client
    data = os.urandom(6 * 1024 * 1024 + 123)
    path = tmp_path / "firmware.bin"
    path.write_bytes(data)
    assert page.send_panel.send_file(path)
    assert not child(page, "sendFileProgress").isHidden()
    received = peer.recv_exactly(len(data))
    assert hashlib.sha256(received).digest() == hashlib.sha256(data).digest()
    qtbot.waitUntil(lambda: not page.session.send_jobs.file_running, timeout=10000)
    assert child(page, "sendFileProgress").isHidden()
    assert "File sent" in status(page)
    qtbot.waitUntil(lambda: page.session.tx_total() == len(data), timeout=5000)


def test_send_file_cancel_and_unreadable(qtbot, client, tmp_path: Path):
    page, peer = client
    assert not page.send_panel.send_file(tmp_path / "nope.bin")
    assert "Cannot read" in status(page)
    big = tmp_path / "big.bin"
    with big.open("wb") as f:
        f.truncate(512 * 1024 * 1024)  # sparse: cheap to make, slow to send
    assert page.send_panel.send_file(big)
    qtbot.waitUntil(lambda: page.session.tx_total() > 0, timeout=5000)
    click(qtbot, page, "cancelFileButton")
    qtbot.waitUntil(lambda: not page.session.send_jobs.file_running, timeout=5000)
    assert "cancelled" in status(page)
    peer.close()


def test_history_recall_combo_updown_and_persistence(qtbot, client, settings):
    page, peer = client
    type_send(page, "AA BB", "hex")
    click(qtbot, page, "sendButton")
    type_send(page, "hello")
    click(qtbot, page, "sendButton")
    combo = child(page, "historyCombo")
    assert combo.count() == 2
    assert "hello" in combo.itemText(0) and "AA BB" in combo.itemText(1)
    combo.activated.emit(1)
    assert child(page, "sendEdit").toPlainText() == "AA BB"
    assert child(page, "sendModeCombo").currentData() == "hex"
    edit = child(page, "sendEdit")
    edit.setPlainText("draft")
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.toPlainText() == "hello"
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.toPlainText() == "AA BB"
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert edit.toPlainText() == "draft"
    settings.sync()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    page2 = again.findChild(QWidget, "tcpServerSession")
    assert "hello" in child(page2, "historyCombo").itemText(0)
    again.close()


def test_quick_command_double_click_sends(qtbot, client):
    page, peer = client
    model = page.quick_command_model
    model.add(QuickCommand("read regs", SendSpec("01 03 00 00 00 0A", mode="hex",
                                                 checksum="crc16-modbus")))
    view = child(page, "quickCommandList")
    index = model.index(model.rowCount() - 1)
    view.setCurrentIndex(index)
    view.activated.emit(index)
    assert peer.recv_exactly(8) == bytes.fromhex("01 03 00 00 00 0A C5 CD")
    assert "read regs" in status(page)


def test_quick_commands_shared_export_import_and_bad_file(qtbot, window, tmp_path: Path):
    server_page = window.findChild(QWidget, "tcpServerSession")
    client_page = window.findChild(QWidget, "tcpClientSession")
    server_page.quick_command_model.add(QuickCommand("AT", SendSpec("AT", line_ending="crlf")))
    assert client_page.quick_command_model.rowCount() == 1  # one list for every page
    path = tmp_path / "class.json"
    assert server_page.quick_commands.export_file(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["commands"][0]["name"] == "AT"
    server_page.quick_command_model.set_commands([])
    group = client_page.quick_commands
    with qtbot.waitSignal(group.importFinished, timeout=5000) as done:
        assert group.import_file(path)
    assert done.args == [True]
    assert client_page.quick_command_model.command(0).spec.line_ending == "crlf"
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}', encoding="utf-8")
    with qtbot.waitSignal(group.importFinished, timeout=5000) as done:
        assert group.import_file(bad)
    assert done.args == [False]
    assert client_page.quick_command_model.rowCount() == 1
    assert status(client_page)


def test_server_periodic_send_goes_to_all_clients(qtbot, window, connect_peer):
    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    a = connect_peer(port)
    b = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 2, timeout=5000)
    type_send(page, "tick")
    child(page, "repeatCheck").setChecked(True)
    child(page, "repeatIntervalSpin").setValue(10)
    child(page, "repeatCountSpin").setValue(3)
    click(qtbot, page, "sendButton")
    assert a.recv_exactly(12) == b"tick" * 3
    assert b.recv_exactly(12) == b"tick" * 3
    qtbot.waitUntil(lambda: child(page, "sendButton").text() == "Send", timeout=5000)


def paste(page, text: str) -> None:
    """Paste ``text`` into the send box through the clipboard, replacing what is there."""
    edit = child(page, "sendEdit")
    QApplication.clipboard().setText(text)
    edit.setFocus()
    edit.selectAll()
    edit.paste()


def test_one_mebibyte_hex_with_crc_arrives_exactly(qtbot, client):
    page, peer = client
    data = os.urandom(1 << 20)
    choose(page, "sendModeCombo", "hex")
    choose(page, "checksumCombo", "crc16-modbus")
    paste(page, hex_text(data))
    edit = child(page, "sendEdit")
    assert edit.is_large()  # held, not laid out by Qt
    assert len(edit.toPlainText()) < 1000
    preview = child(page, "sendPreviewLabel")
    qtbot.waitUntil(lambda: "1,048,578 bytes" in preview.text(), timeout=10000)
    assert hex_text(data[:8]) in preview.text()
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: "stays in the history until the app is closed" in status(page),
                    timeout=10000)
    got = peer.recv_exactly(len(data) + 2)
    assert got == data + checksum_bytes("crc16-modbus", data)
    # Kept in the history for this run, so it can be sent again from there.
    assert child(page, "historyCombo").count() == 1
    assert page.send_panel.history.entries()[0].text == hex_text(data)


def test_stale_large_preview_is_dropped(qtbot, client):
    page, _peer = client
    choose(page, "sendModeCombo", "hex")
    paste(page, hex_text(bytes(1 << 20)))
    panel = page.send_panel
    panel.update_preview()  # starts the worker at once
    assert "Building the preview" in child(page, "sendPreviewLabel").text()
    child(page, "sendEdit").clear_large()
    type_send(page, "01 02", "hex")
    panel.update_preview()
    preview = child(page, "sendPreviewLabel")
    assert "2 bytes: 01 02" in preview.text()
    qtbot.waitUntil(lambda: not panel._jobs, timeout=10000)  # the big result came and went
    assert "2 bytes: 01 02" in preview.text()


def test_large_paste_is_held_and_cleared_by_backspace(qtbot, client):
    page, peer = client
    text = "A" * (LARGE_INPUT + 1)
    paste(page, text)
    edit = child(page, "sendEdit")
    assert edit.is_large() and edit.isReadOnly()
    assert f"{len(text):,} characters" in edit.toPlainText()
    assert page.send_panel.spec().text == text
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert not edit.is_large() and not edit.isReadOnly()
    assert edit.toPlainText() == ""


def test_bad_digit_at_the_end_of_a_large_hex_input_is_explained(qtbot, client):
    page, _peer = client
    choose(page, "sendModeCombo", "hex")
    text = hex_text(bytes(100_000)) + " 0G"
    paste(page, text)
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: "Invalid hex character “G”" in status(page), timeout=10000)
    assert f"position {len(text):,}" in status(page) or f"position {len(text)}" in status(page)
