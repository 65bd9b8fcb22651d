"""Sent data no longer drowns the log: a file send is one summary entry, a send to several
clients one entry naming how many, TX entries can be hidden, timestamps can show the date.
The raw chunks (and so recordings) still carry every byte of every connection."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from app.send.targets import ALL
from app.sessions.config import TcpServerConfig
from app.sessions.tcp_server import TcpServerSession
from app.traffic.chunk import Direction, NoteText
from app.traffic.log_store import LogStore
from app.traffic.recorder import read_records
from app.traffic.renderer import LogRenderer, RenderOptions
from tests.ui_helpers import child, listen_on_loopback, log_text
from ui.log_view import LogView


@pytest.fixture
def server(qtbot):
    session = TcpServerSession()
    yield session
    session.close()


def _listen(qtbot, server: TcpServerSession) -> int:
    with qtbot.waitSignal(server.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        server.open(TcpServerConfig("127.0.0.1", 0))
    return server.port


def _tx_entries(session):
    return [e for e in session.log.entries() if e.direction is Direction.TX]


def test_file_send_is_one_summary_entry(qtbot, server, connect_peer, tmp_path: Path):
    port = _listen(qtbot, server)
    peer = connect_peer(port)
    qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
    sent_chunks: list[bytes] = []
    server.chunksArrived.connect(lambda chunks: sent_chunks.extend(
        c.data for c in chunks if c.direction is Direction.TX))
    record = tmp_path / "both.ssrec"
    server.start_recording(record, both_directions=True)
    payload = os.urandom(1024 * 1024 + 17)  # more than one file chunk
    path = tmp_path / "firmware.bin"
    path.write_bytes(payload)
    with qtbot.waitSignal(server.fileDone, timeout=10000) as done:
        assert server.start_file_send(path, ALL)
        assert peer.recv_exactly(len(payload)) == payload
    assert done.args == [len(payload), ""]
    qtbot.waitUntil(lambda: server.tx_total() == len(payload), timeout=5000)
    qtbot.waitUntil(lambda: len(_tx_entries(server)) == 1, timeout=5000)
    qtbot.waitUntil(lambda: b"".join(sent_chunks) == payload, timeout=5000)
    server.stop_recording()
    [entry] = _tx_entries(server)
    assert isinstance(entry.data, NoteText)
    text = entry.data.decode()
    assert "firmware.bin" in text and f"{len(payload):,}" in text
    assert re.search(r"in \d+\.\d\d s", text)
    assert server.peer_label(entry.conn_id) == server.connections()[0].peer
    # The recorder still got every sent byte of the connection.
    tx = b"".join(data for d, _c, _t, data in read_records(record) if d is Direction.TX)
    assert tx == payload
    # A summary is words, not traffic: text even in hex mode.
    renderer = LogRenderer(RenderOptions(mode="hex", timestamps=False), server.peer_label)
    assert renderer.render([entry]) == f"TX {server.peer_label(entry.conn_id)} › {text}"


def test_send_to_three_clients_is_one_entry_naming_three(qtbot, server, connect_peer):
    port = _listen(qtbot, server)
    peers = [connect_peer(port) for _ in range(3)]
    qtbot.waitUntil(lambda: len(server.connections()) == 3, timeout=5000)
    tx_chunks: list[int] = []
    server.chunksArrived.connect(lambda chunks: tx_chunks.extend(
        c.conn_id for c in chunks if c.direction is Direction.TX))
    assert server.send(b"hello all", ALL) == 3
    for peer in peers:
        assert peer.recv_exactly(9) == b"hello all"
    qtbot.waitUntil(lambda: server.tx_total() == 27, timeout=5000)
    qtbot.waitUntil(lambda: len(tx_chunks) == 3, timeout=5000)
    assert sorted(tx_chunks) == sorted(c.conn_id for c in server.connections())
    qtbot.waitUntil(lambda: len(_tx_entries(server)) == 1, timeout=5000)
    [entry] = _tx_entries(server)
    assert entry.data == b"hello all"
    assert server.peer_label(entry.conn_id) == "→ 3 clients"
    assert server.tx_messages() == 3  # writes, one per connection
    # A send to one of them is that client's own entry.
    first = server.connections()[0]
    assert server.send(b"just you", [first.conn_id]) == 1
    qtbot.waitUntil(lambda: len(_tx_entries(server)) == 2, timeout=5000)
    assert _tx_entries(server)[-1].conn_id == first.conn_id


def test_broadcast_line_on_the_server_page(qtbot, window, connect_peer):
    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    peers = [connect_peer(port) for _ in range(3)]
    qtbot.waitUntil(lambda: len(page.session.connections()) == 3, timeout=5000)
    assert page.session.send(b"ping", ALL) == 3
    for peer in peers:
        assert peer.recv_exactly(4) == b"ping"
    qtbot.waitUntil(lambda: "TX → 3 clients › ping" in log_text(page), timeout=5000)
    assert log_text(page).count("TX") == 1
    qtbot.waitUntil(lambda: "12 B (3 writes)" in child(page, "txCountLabel").text(),
                    timeout=5000)
    assert "reads" in child(page, "rxCountLabel").text()


def _store_with_both_directions() -> LogStore:
    store = LogStore()
    store.append(1, Direction.RX, 100.0, b"from device")
    store.append(1, Direction.TX, 101.0, b"to device")
    store.append(1, Direction.RX, 102.0, b"device again")
    return store


def test_show_sent_off_hides_tx_entries(qtbot):
    store = _store_with_both_directions()
    view = LogView(store, lambda _i: "10.0.0.2:502")
    qtbot.addWidget(view)
    view.rerender()
    assert "to device" in view.toPlainText()
    view.set_options(RenderOptions(show_sent=False))
    text = view.toPlainText()
    assert "to device" not in text and " TX " not in text
    assert "from device" in text and "device again" in text
    assert [e.direction for e in view.entries_to_save()] == [Direction.RX, Direction.RX]
    store.append(1, Direction.TX, 103.0, b"later send")
    store.append(1, Direction.RX, 104.0, b"later reply")
    view.schedule()
    qtbot.waitUntil(lambda: "later reply" in view.toPlainText(), timeout=5000)
    assert "later send" not in view.toPlainText()
    assert len(store) == 5  # hidden, not dropped
    view.set_options(RenderOptions(show_sent=True))
    assert "to device" in view.toPlainText() and "later send" in view.toPlainText()


def test_show_sent_check_on_the_page(qtbot, window, connect_peer):
    page = window.findChild(QWidget, "tcpServerSession")
    check = page.findChild(QCheckBox, "showSentCheck")
    assert check is not None and check.isChecked()
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    page.session.send(b"outgoing", ALL)
    assert peer.recv_exactly(8) == b"outgoing"
    peer.send(b"incoming")
    qtbot.waitUntil(lambda: "incoming" in log_text(page) and "outgoing" in log_text(page),
                    timeout=5000)
    check.setChecked(False)
    assert "outgoing" not in log_text(page) and "incoming" in log_text(page)
    assert page.session.tx_total() == 8  # still counted
    tx_label: QLabel = child(page, "txCountLabel")
    page.refresh_counters()
    assert "8 B" in tx_label.text()


def test_timestamps_can_show_the_date(qtbot, window):
    renderer = LogRenderer(RenderOptions(timestamp_date=True), lambda _i: "1.2.3.4:5")
    store = _store_with_both_directions()
    text = renderer.render(store.entries()[:1])
    assert re.match(r"\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] RX 1\.2\.3\.4:5 › ", text)
    plain = LogRenderer(RenderOptions(), lambda _i: "1.2.3.4:5").render(store.entries()[:1])
    assert re.match(r"\[\d{2}:\d{2}:\d{2}\.\d{3}\] RX ", plain)
    page = window.findChild(QWidget, "tcpServerSession")
    check = page.findChild(QCheckBox, "timestampDateCheck")
    assert check is not None and not check.isChecked()
    check.setChecked(True)
    assert page.log_view.options.timestamp_date is True
    child(page, "timestampsCheck").setChecked(False)
    assert not check.isEnabled()
