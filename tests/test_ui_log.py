"""The log on a page: stream-correct text, re-rendering, pause, filter, find, zoom, notes."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from app.traffic.chunk import Direction
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
    qtbot.waitUntil(lambda: "你好世界" in "".join(_bodies(log_text(page))), timeout=5000)
    assert "\ufffd" not in log_text(page)


def _bodies(text: str) -> list[str]:
    # An entry holding only the first bytes of a character says so (and is left out here):
    # the character shows whole in the entry that completes it.
    return [line.split("› ", 1)[1] for line in text.splitlines()
            if "› " in line and "part of a character" not in line]


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
    threads = []
    page.log_panel.logSaved.connect(lambda _ok: threads.append(threading.current_thread()))
    with qtbot.waitSignal(page.log_panel.logSaved, timeout=10000) as saved:
        assert page.log_panel.save_log(target)
    assert saved.args == [True]
    assert threads == [threading.main_thread()]  # the worker never touches the panel
    assert "温度 23℃" in target.read_text(encoding="utf-8")
    assert "Log saved" in status(page)


def test_framing_choice_on_the_page(qtbot, page, peer):
    choose(page, "framingCombo", "lf")
    peer.send(b"a1\nb2")
    peer.send(b"\n")
    qtbot.waitUntil(lambda: len(page.session.log.traffic()) == 2, timeout=5000)
    assert [e.data for e in page.session.log.traffic()] == [b"a1\n", b"b2\n"]
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


def _entry_lines(text: str) -> list[str]:
    """The log's data entries, each with its continuation lines joined to it (connection
    events, lines without the "›" after the peer, are left out)."""
    entries: list[str] = []
    for line in text.splitlines():
        if line.startswith("    ") and entries:
            entries[-1] += "\n" + line
        elif "\u203a" in line:
            entries.append(line)
    return entries


@pytest.mark.parametrize("mode", ["hex", "both"])
def test_a_2000_byte_frame_shows_its_last_bytes(qtbot, page, peer, mode):
    # Issue 8 item 1: one read of a 2,000-byte frame 0B … 1C 0D showed only 1,024 bytes.
    choose(page, "receiveModeCombo", mode)
    frame = b"\x0b" + bytes(range(256)) * 7 + bytes(range(0x20, 0x20 + 205)) + b"\x1c\x0d"
    frame = frame[:1998] + b"\x1c\x0d"
    assert len(frame) == 2000
    peer.send(frame)
    qtbot.waitUntil(lambda: page.session.rx_total() == 2000, timeout=5000)
    qtbot.waitUntil(lambda: "1C 0D" in log_text(page), timeout=5000)
    text = log_text(page)
    assert "not shown" not in text
    # Over 1 KiB the hex follows on indented rows of 32 bytes (one huge line stalls Qt's
    # layout); together they are the whole frame, ending in 1C 0D.
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("    0B 00 01 02"))
    rows = []
    for line in lines[first:]:
        if not line.startswith("    "):
            break
        rows.append(line.strip())
    assert all(len(row.split()) == 32 for row in rows[:-1])
    assert " ".join(rows) == frame.hex(" ").upper()


def test_a_3kb_json_line_is_shown_and_saved_whole(qtbot, page, peer, tmp_path: Path):
    choose(page, "framingCombo", "lf")
    payload = ('{"items": [' + ", ".join(f'{{"id": {i}, "v": "温度{i}"}}' for i in range(120))
               + "]}").encode()
    assert 3000 <= len(payload) < 64 * 1024
    peer.send(payload + b"\n")
    qtbot.waitUntil(lambda: "]}" in log_text(page), timeout=5000)
    assert payload.decode() in log_text(page)
    target = tmp_path / "log.txt"
    with qtbot.waitSignal(page.log_panel.logSaved, timeout=10000):
        assert page.log_panel.save_log(target)
    assert payload.decode() in target.read_text(encoding="utf-8")


def test_false_then_crlf_shows_no_blank_entry(qtbot, page, peer):
    peer.send(b"false")
    qtbot.waitUntil(lambda: "false" in log_text(page), timeout=5000)
    peer.send(b"\r\n")
    qtbot.waitUntil(lambda: page.session.rx_total() == 7, timeout=5000)
    qtbot.waitUntil(lambda: len(_entry_lines(log_text(page))) == 2, timeout=5000)
    for entry_text in _entry_lines(log_text(page)):
        assert entry_text.split("\u203a", 1)[1].strip(), entry_text
    assert _entry_lines(log_text(page))[1].endswith("\u203a \\r\\n")


def test_auto_after_a_binary_frame_still_shows_utf8(qtbot, page, peer):
    choose(page, "receiveEncodingCombo", "auto")
    peer.send(bytes.fromhex("AA 55 81 02 FE 0A"))
    qtbot.waitUntil(lambda: page.session.rx_total() == 6, timeout=5000)
    peer.send("温度：25℃".encode())
    qtbot.waitUntil(lambda: "温度：25℃" in log_text(page), timeout=5000)
    assert "娓" not in log_text(page)


def test_a_105_kb_line_shows_whole_in_its_two_64_kib_entries(qtbot, page, peer):
    # Line framing cuts entries at 64 KiB; both parts of the burst show whole.
    choose(page, "framingCombo", "lf")
    payload = b"".join(b"%06d," % i for i in range(15000))  # 105,000 bytes, one line
    peer.send(payload + b"\n")
    qtbot.waitUntil(lambda: page.session.rx_total() == len(payload) + 1, timeout=5000)
    qtbot.waitUntil(lambda: "014999," in log_text(page), timeout=5000)
    text = log_text(page)
    assert payload[: 64 * 1024].decode() in text
    assert payload[64 * 1024 :].decode() in text
    assert "not shown" not in text
    assert page.log_view.skipped_entries == 0


def test_an_entry_over_64_kib_shows_the_cut_opens_and_saves_whole(qtbot, page, peer,
                                                                   tmp_path: Path):
    # One read can be 256 KiB: such an entry shows its first 64 KiB and says what is left.
    payload = b"".join(b"%07d," % i for i in range(40000))  # 320,000 bytes
    conn_id = page.session.connections()[0].conn_id
    page.session.log.append(conn_id, Direction.RX, time.monotonic(), payload)
    page.log_view.schedule()
    qtbot.waitUntil(lambda: "not shown" in log_text(page), timeout=5000)
    view = child(page, "logView")
    text = log_text(page)
    shown = 64 * 1024
    assert payload[:shown].decode() in text
    assert payload[shown : shown + 100].decode() not in text
    assert f"{len(payload) - shown} more bytes not shown" in text
    # The whole entry opens in a window (which itself shows 128 KiB and says so).
    entry = view.entry_at(view.viewport().rect().topLeft())
    assert entry is not None and entry.data == payload
    dialog = view.open_entry(entry)
    qtbot.addWidget(dialog)
    assert payload[: 128 * 1024].decode() in dialog.findChild(QWidget, "entryText").toPlainText()
    assert "Save" in dialog.findChild(QWidget, "entryNoteLabel").text()
    # Save writes it whole, from the log and from the window.
    target = tmp_path / "log.txt"
    with qtbot.waitSignal(page.log_panel.logSaved, timeout=10000) as saved:
        assert page.log_panel.save_log(target)
    assert saved.args == [True]
    saved_text = target.read_text(encoding="utf-8")
    assert payload.decode() in saved_text
    assert "not shown" not in saved_text
    one = tmp_path / "entry.txt"
    assert dialog.save(one)
    qtbot.waitUntil(lambda: dialog.findChild(QWidget, "entryNoteLabel").text() == "Entry saved.",
                    timeout=10000)
    assert dialog.saver.wait(5000)
    assert payload.decode() in one.read_text(encoding="utf-8")
    dialog.close()


def test_save_to_an_unwritable_place_is_explained(qtbot, page, tmp_path: Path):
    assert not page.log_panel.save_log(tmp_path / "missing-dir" / "log.txt")
    assert "Cannot save the log" in status(page)
