"""Recording both directions from the page (the .ssrec file type of the Record dialog)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.recorder import read_records
from tests.ui_helpers import child, click, state, type_send


def test_record_both_directions_from_the_page(qtbot, window, loopback_server, tmp_path: Path):
    server = loopback_server()
    page = window.findChild(QWidget, "tcpClientSession")
    child(page, "remoteHostEdit").setText("127.0.0.1")
    child(page, "remotePortSpin").setValue(server.port)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    peer = server.peer()
    path = tmp_path / "session.ssrec"
    assert page.log_panel.start_recording(path, both_directions=True)
    type_send(page, "hello")
    click(qtbot, page, "sendButton")
    assert peer.recv_exactly(5) == b"hello"
    peer.send(b"world")
    qtbot.waitUntil(lambda: page.session.rx_total() == 5, timeout=5000)
    click(qtbot, page, "recordButton")  # stops
    assert [(str(d), data) for d, _c, _t, data in read_records(path)] == [
        ("tx", b"hello"), ("rx", b"world")]
