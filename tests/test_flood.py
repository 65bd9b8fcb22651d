"""A flood into a client page: the window keeps turning, counters and recording stay exact.

Not a timed test (benchmarks live in bench/flood.py); it checks correctness under load.
"""

from __future__ import annotations

import hashlib
import random
import socket
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ui.main_window import MainWindow

MIB = 1024 * 1024


@pytest.mark.parametrize("mode", ["text", "hex"])
def test_flood_counts_and_records_exactly(qtbot, settings, tmp_path: Path, mode: str):
    total = 48 * MIB
    block = random.Random(7).randbytes(MIB)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    digest = hashlib.sha256()

    def send() -> None:
        conn, _ = listener.accept()
        with conn:
            for i in range(total // MIB):
                chunk = block[i % 7 :] + block[: i % 7]  # vary the content a little
                digest.update(chunk)
                conn.sendall(chunk)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    page = window.findChild(QWidget, "tcpClientSession")
    window.tabs.setCurrentWidget(page)
    page.receive_settings.mode_combo.setCurrentIndex(page.receive_settings.mode_combo.findData(mode))
    recording = tmp_path / "flood.bin"
    assert page.log_panel.start_recording(recording)
    ticks = []
    ticker = QTimer(page)
    ticker.timeout.connect(lambda: ticks.append(page.session.rx_total()))
    ticker.start(10)
    page.host_edit.setText("127.0.0.1")
    page.port_spin.setValue(port)
    page.toggle_open()
    qtbot.waitUntil(lambda: page.session.rx_total() == total, timeout=60000)
    ticker.stop()
    sender.join(10)
    listener.close()
    page.log_panel.stop_recording()
    # The event loop kept running while data poured in (ticks saw partial totals).
    assert any(0 < t < total for t in ticks)
    assert hashlib.sha256(recording.read_bytes()).digest() == digest.digest()
    assert page.log_view.toPlainText()  # something is shown
    window.close()
