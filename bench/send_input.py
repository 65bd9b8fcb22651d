"""Big input in the send box (DESIGN §4: no user action stalls the event loop over 100 ms).

Prints, with the TCP Client page shown (offscreen) and connected to a loopback receiver:
- paste 1 MiB as hex (3 MiB of text) with CRC-16/MODBUS: the longest event-loop stall while the
  text is set and the live preview is computed,
- send it: the longest stall from the click until the receiver holds every byte, and whether
  the bytes (payload + CRC, low byte first) arrived exactly,
- a 3 MB single-line text paste, then typing: the longest stall per keystroke,
- the settings file size after ten different 1 MiB hex sends (history), and the longest stall
  among those sends.

A stall is the longest gap between two ticks of a 5 ms QTimer on the GUI thread, minus the
interval (the heartbeat), so it also covers work Qt does for us (layout, painting).

Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/send_input.py
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from common import open_client_page

MIB = 1024 * 1024
TARGET_MS = 100.0


class Receiver:
    """A loopback TCP server in a thread that keeps every byte it gets."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.data = bytearray()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        conn, _ = self.listener.accept()
        with conn:
            while chunk := conn.recv(MIB):
                with self.lock:
                    self.data += chunk

    def size(self) -> int:
        with self.lock:
            return len(self.data)

    def take(self) -> bytes:
        with self.lock:
            data = bytes(self.data)
            self.data.clear()
            return data


class Heartbeat:
    """Longest gap between ticks of a fast timer, i.e. the longest event-loop stall."""

    def __init__(self, interval_ms: int = 5) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.interval = interval_ms / 1000
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last - self.interval)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0

    def worst_ms(self) -> float:
        # A stall still going on at the end counts too.
        return max(self.worst, time.perf_counter() - self.last - self.interval) * 1000


def run_until(app, condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Run the event loop until ``condition()`` (checked between events) or the timeout."""
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark step did not finish in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def settle(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    run_until(app, lambda: time.monotonic() > end)


def crc16_modbus(data: bytes) -> bytes:
    """Reference CRC-16/MODBUS (bitwise, slow but obviously right), low byte first."""
    import crcmod

    return crcmod.mkCrcFun(0x18005, initCrc=0xFFFF, rev=True, xorOut=0)(data).to_bytes(2, "little")


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.traffic.hex_format import hex_text

    app, window, page = open_client_page("hex")
    receiver = Receiver()
    page.host_edit.setText("127.0.0.1")
    page.port_spin.setValue(receiver.port)
    page.open_button.click()
    run_until(app, lambda: page.property("sessionState") == "open", 10)
    panel = page.send_panel
    settings = page.send_settings
    settings.mode_combo.setCurrentIndex(settings.mode_combo.findData("hex"))
    settings.checksum_combo.setCurrentIndex(settings.checksum_combo.findData("crc16-modbus"))
    heart = Heartbeat()
    settle(app, 0.3)
    ok = True

    def paste(text: str) -> None:
        app.clipboard().setText(text)
        panel.edit.setFocus()
        panel.edit.clear_large()
        panel.edit.selectAll()
        heart.reset()
        panel.edit.paste()

    # 1. Paste 1 MiB as hex; the preview computes.
    payload = os.urandom(MIB)
    text = hex_text(payload)
    paste(text)
    run_until(app, lambda: "1,048,578 bytes" in panel.preview_label.text(), 30)
    settle(app, 0.2)
    paste_ms = heart.worst_ms()
    print(f"paste 1 MiB as hex ({len(text):,} chars), preview with CRC-16/MODBUS: "
          f"longest stall {paste_ms:.0f} ms (target < {TARGET_MS:.0f})")
    print(f"  preview says: {panel.preview_label.text()[:60]}…")

    # 2. Send it.
    heart.reset()
    start = time.perf_counter()
    panel.send_button.click()
    expected = payload + crc16_modbus(payload)
    run_until(app, lambda: receiver.size() >= len(expected), 30)
    elapsed = time.perf_counter() - start
    settle(app, 0.3)
    send_ms = heart.worst_ms()
    exact = receiver.take() == expected
    print(f"send it: longest stall {send_ms:.0f} ms, on the wire in {elapsed * 1000:.0f} ms, "
          f"byte-exact with CRC: {exact}")
    ok &= paste_ms < TARGET_MS and send_ms < TARGET_MS and exact

    # 3. A 3 MB single-line paste in text mode, then typing; then the longest line the
    #    editor still takes (LARGE_INPUT characters without a space, the worst case for Qt's
    #    line breaking), and typing at its end.
    from ui.send_edit import LARGE_INPUT

    settings.mode_combo.setCurrentIndex(settings.mode_combo.findData("text"))
    settings.checksum_combo.setCurrentIndex(settings.checksum_combo.findData("none"))

    def type_keys() -> list[float]:
        panel.edit.moveCursor(panel.edit.textCursor().MoveOperation.End)
        per_key = []
        for ch in "hello":
            heart.reset()
            QTest.keyClick(panel.edit, ch)
            settle(app, 0.3)  # the preview timer fires in here
            per_key.append(heart.worst_ms())
        return per_key

    for label, line in (("3 MB single-line paste", "A" * (3 * 1000 * 1000)),
                        (f"{LARGE_INPUT:,}-character line (largest edited in place)",
                         "A" * LARGE_INPUT)):
        paste(line)
        settle(app, 0.5)
        paste_line_ms = heart.worst_ms()
        keys = type_keys()
        held = "held, read-only summary" if panel.edit.is_large() else "in the editor"
        print(f"{label} ({held}): paste stall {paste_line_ms:.0f} ms; per keystroke "
              f"(with the preview) worst {max(keys):.0f} ms")
        ok &= max(keys) < TARGET_MS and paste_line_ms < TARGET_MS
    del Qt

    # 4. Ten different 1 MiB hex sends: the settings file afterwards.
    settings.mode_combo.setCurrentIndex(settings.mode_combo.findData("hex"))
    worst_send = 0.0
    for i in range(10):
        body = bytes([i]) * MIB
        paste(hex_text(body))
        run_until(app, lambda: "1,048,576 bytes" in panel.preview_label.text(), 30)
        heart.reset()
        panel.send_button.click()
        run_until(app, lambda: receiver.size() >= MIB, 30)
        settle(app, 0.1)
        worst_send = max(worst_send, heart.worst_ms())
        receiver.take()
    page.settings.sync()
    size = Path(page.settings.fileName()).stat().st_size
    print(f"ten 1 MiB hex sends: settings file {size / 1000:,.1f} kB, "
          f"longest stall of a send {worst_send:.0f} ms")
    ok &= worst_send < TARGET_MS and size < 1_000_000

    page.open_button.click()
    run_until(app, lambda: page.property("sessionState") == "closed", 10)
    window.close()
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
