"""An error at the recorder's last flush is what the page says, not a success line after it."""

from __future__ import annotations

import functools
from pathlib import Path

from app.sessions import base
from app.traffic.recorder import Recorder
from tests.test_recorder import FakeFile
from tests.ui_helpers import click, status


def test_disk_full_at_stop_is_reported_with_what_reached_the_file(
        qtbot, connected_client, monkeypatch):
    page, peer = connected_client
    fake = FakeFile(capacity=65_536)
    monkeypatch.setattr(base, "Recorder", functools.partial(
        Recorder, opener=lambda _path: fake, flush_interval=3600.0))
    assert page.log_panel.start_recording(Path("recording.bin"))
    peer.send(b"r" * 300_000)
    qtbot.waitUntil(lambda: page.session.rx_total() == 300_000, timeout=5000)
    messages: list[tuple[str, bool]] = []
    page.log_panel.message.connect(lambda text, error: messages.append((text, error)))
    click(qtbot, page, "recordButton")  # stops: the final flush meets the full disk
    assert messages, "stopping said nothing"
    text, is_error = messages[-1]
    assert is_error
    assert "65,536 bytes" in text
    assert "Recording stopped:" not in status(page)
    assert "65,536 bytes" in status(page)
    assert not page.log_panel.record_button.isChecked()
    assert page.session.recorder is None


def test_a_clean_stop_still_says_how_much_was_written(qtbot, connected_client, tmp_path):
    page, peer = connected_client
    path = tmp_path / "ok.bin"
    assert page.log_panel.start_recording(path)
    peer.send(b"k" * 5000)
    qtbot.waitUntil(lambda: page.session.rx_total() == 5000, timeout=5000)
    click(qtbot, page, "recordButton")
    assert path.read_bytes() == b"k" * 5000
    assert "Recording stopped: 4.9 KB" in status(page)
