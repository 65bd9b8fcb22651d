"""The log on a page: stream-correct text, re-rendering, pause, filter, find, zoom, notes."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from tests.ui_helpers import child, choose, click, digits, listen_on_loopback, log_text, status
from ui.main_window import MainWindow


@pytest.fixture
def page(window):
    return window.findChild(QWidget, "tcpServerSession")


@pytest.fixture
def peer(qtbot, page, connect_peer):
    port = listen_on_loopback(qtbot, page)
    p = connect_peer(port)
    p.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    return p


def test_utf8_sent_byte_by_byte_shows_whole_characters(qtbot, page, peer):
    choose(page, "receiveEncodingCombo", "utf-8")
    data = "你好世界".encode()
    for i in range(len(data)):
        peer.send(data[i : i + 1])
        qtbot.waitUntil(lambda n=i + 1: page.session.rx_total() == n, timeout=5000)
    qtbot.waitUntil(lambda: "你好世界" in log_text(page).replace("\n", "").replace(
        "    ", "") or "你好世界" in "".join(_bodies(log_text(page))), timeout=5000)
    assert "\ufffd" not in log_text(page)


def _bodies(text: str) -> list[str]:
    return [line.split("› ", 1)[1] for line in text.splitlines() if "› " in line]


def test_invalid_bytes_show_as_escapes(qtbot, page, peer):
    choose(page, "receiveEncodingCombo", "utf-8")
    peer.send(b"ok\xff\xfeend")
    qtbot.waitUntil(lambda: "ok\\xFF\\xFEend" in log_text(page), timeout=5000)


def test_gbk_becomes_readable_and_hex_without_receiving_again(qtbot, page, peer):
    choose(page, "receiveEncodingCombo", "utf-8")
    peer.send("中文测试".encode("gbk"))
    qtbot.waitUntil(lambda: page.session.rx_total() == 8, timeout=5000)
    qtbot.waitUntil(lambda: "\\x" in log_text(page), timeout=5000)
    choose(page, "receiveEncodingCombo", "gbk")
    qtbot.waitUntil(lambda: "中文测试" in log_text(page), timeout=5000)
    choose(page, "receiveModeCombo", "hex")
    qtbot.waitUntil(lambda: "D6 D0 CE C4 B2 E2 CA D4" in log_text(page), timeout=5000)
    child(page, "timestampsCheck").setChecked(False)
    assert not log_text(page).startswith("[")
    assert page.session.rx_total() == 8  # nothing was received again


def test_show_controls_and_hex_ascii(qtbot, page, peer):
    peer.send(b"AT\r\x00OK\n")
    qtbot.waitUntil(lambda: "AT" in log_text(page), timeout=5000)
    child(page, "showControlsCheck").setChecked(True)
    qtbot.waitUntil(lambda: "AT\\r\\x00OK" in log_text(page), timeout=5000)
    choose(page, "receiveModeCombo", "hex")
    child(page, "hexAsciiCheck").setChecked(True)
    qtbot.waitUntil(lambda: "|AT..OK.|" in log_text(page), timeout=5000)


def test_pause_keeps_counting_and_resume_shows(qtbot, page, peer):
    click(qtbot, page, "pauseButton")
    peer.send(b"while paused")
    qtbot.waitUntil(lambda: 12 in digits(child(page, "rxCountLabel").text()), timeout=5000)
    assert "while paused" not in log_text(page)
    click(qtbot, page, "pauseButton")
    qtbot.waitUntil(lambda: "while paused" in log_text(page), timeout=5000)


def test_clear_find_and_zoom(qtbot, page, peer):
    peer.send(b"needle in a haystack")
    qtbot.waitUntil(lambda: "needle" in log_text(page), timeout=5000)
    child(page, "findEdit").setText("haystack")
    assert page.log_panel.find_in_log()
    assert child(page, "logView").textCursor().selectedText() == "haystack"
    child(page, "findEdit").setText("absent")
    assert not page.log_panel.find_in_log()
    assert "absent" in status(page)
    view = child(page, "logView")
    size = view.font().pointSize()
    click(qtbot, page, "zoomInButton")
    assert view.font().pointSize() == size + 1
    click(qtbot, page, "clearLogButton")
    assert log_text(page) == ""
    assert page.session.rx_total() == 20  # clearing the log is not resetting counters


def test_only_selected_client(qtbot, page, peer, connect_peer):
    other = connect_peer(page.session.port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 2, timeout=5000)
    peer.send(b"from-first")
    other.send(b"from-second")
    qtbot.waitUntil(lambda: "from-second" in log_text(page) and "from-first" in log_text(page),
                    timeout=5000)
    other_port = other.sock.getsockname()[1]
    row = next(r for r in range(2)
               if page.client_model.index(r, 0).data().endswith(f":{other_port}"))
    page.select_client(row)
    child(page, "onlySelectedCheck").setChecked(True)
    assert "from-second" in log_text(page) and "from-first" not in log_text(page)
    child(page, "onlySelectedCheck").setChecked(False)
    assert "from-first" in log_text(page)


def test_trimmed_note_and_exact_counter(qtbot, page, peer):
    child(page, "logBudgetSpin").setValue(1)
    payload = os.urandom(3 * 1024 * 1024)
    peer.send(payload)
    qtbot.waitUntil(lambda: page.session.rx_total() == len(payload), timeout=10000)
    note = child(page, "logNoteLabel")
    qtbot.waitUntil(lambda: note.isVisible() and "dropped from memory" in note.text(),
                    timeout=5000)
    assert "complete" in note.text()
    qtbot.waitUntil(lambda: len(payload) in digits(child(page, "rxCountLabel").text()),
                    timeout=5000)


def test_recording_from_the_page(qtbot, page, peer, tmp_path: Path):
    path = tmp_path / "capture.bin"
    assert page.log_panel.start_recording(path)
    assert child(page, "recordButton").isChecked()
    payload = os.urandom(500_000)
    peer.send(payload)
    qtbot.waitUntil(lambda: page.session.rx_total() == len(payload), timeout=10000)
    click(qtbot, page, "recordButton")  # stops
    assert not child(page, "recordButton").isChecked()
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(payload).digest()


def test_recording_to_unwritable_place_is_explained(qtbot, page, tmp_path: Path):
    assert not page.log_panel.start_recording(tmp_path / "missing-dir" / "x.bin")
    assert "Cannot record" in status(page)
    assert not child(page, "recordButton").isChecked()


def test_save_log(qtbot, page, peer, tmp_path: Path):
    peer.send("温度 23℃".encode())
    choose(page, "receiveEncodingCombo", "utf-8")
    qtbot.waitUntil(lambda: "温度 23℃" in log_text(page), timeout=5000)
    target = tmp_path / "log.txt"
    assert page.log_panel.save_log(target)
    assert "温度 23℃" in target.read_text(encoding="utf-8")


def test_framing_choice_on_the_page(qtbot, page, peer):
    choose(page, "framingCombo", "lf")
    peer.send(b"a1\nb2")
    peer.send(b"\n")
    qtbot.waitUntil(lambda: len([e for e in page.session.log.entries()]) == 2, timeout=5000)
    assert [e.data for e in page.session.log.entries()] == [b"a1\n", b"b2\n"]
    choose(page, "framingCombo", "custom")
    child(page, "delimiterEdit").setText("7G")
    child(page, "delimiterEdit").editingFinished.emit()
    assert "G" in status(page)


def test_settings_survive_restart(qtbot, settings):
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    page = w.findChild(QWidget, "tcpServerSession")
    choose(page, "receiveEncodingCombo", "gbk")
    choose(page, "framingCombo", "idle")
    child(page, "idleGapSpin").setValue(75)
    w.close()
    w2 = MainWindow(settings=settings)
    qtbot.addWidget(w2)
    page2 = w2.findChild(QWidget, "tcpServerSession")
    assert child(page2, "receiveEncodingCombo").currentData() == "gbk"
    assert child(page2, "framingCombo").currentData() == "idle"
    assert child(page2, "idleGapSpin").value() == 75
    assert page2.session.framing.mode == "idle"
    w2.close()


def test_auto_scroll_stops_when_scrolled_up(qtbot, page, peer):
    view = child(page, "logView")
    peer.send(b"".join(b"line %d\n" % i for i in range(400)))
    choose(page, "framingCombo", "lf")
    qtbot.waitUntil(lambda: page.session.rx_total() >= 400 * 6, timeout=5000)
    peer.send(b"".join(b"more %d\n" % i for i in range(200)))
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: "more 199" in log_text(page), timeout=5000)
    assert bar.value() == bar.maximum() > 0  # followed the end
    bar.setValue(0)
    peer.send(b"".join(b"late %d\n" % i for i in range(200)))
    qtbot.waitUntil(lambda: "late 199" in log_text(page), timeout=5000)
    assert bar.value() == 0  # the user's position was kept
