"""Recording both directions from the page (the .ssrec file type of the Record dialog)."""

from __future__ import annotations

from pathlib import Path

from app.traffic.recorder import read_records
from tests.ui_helpers import click, type_send


def test_record_both_directions_from_the_page(qtbot, connected_client, tmp_path: Path):
    page, peer = connected_client
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
