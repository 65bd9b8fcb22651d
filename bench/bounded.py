"""Bounded buffers (issue 13 items 4, 5): a peer that never reads, and many flooders.

Cases, each in its own child process so peak RSS is the case's own:

- ``stalled-repeat``: the TCP Client page (offscreen) connected to a loopback server that
  accepts and never reads; *Repeat* 1 KiB every 1 ms for ``--seconds``. Reports peak RSS,
  the bytes still queued (bounded by ``MAX_QUEUED``), the TX counter (written bytes only) and
  what Stop discarded.
- ``stalled-clicks``: the same peer; *Send* with 1 MiB of text 30 times a second for
  ``--seconds``. Reports peak RSS, clicks taken and refused.
- ``udp-stalled-repeat``: the UDP page whose send loop cannot drain (held inside its first
  datagram, as when a typed host name takes long to look up); *Repeat* a 60,000-byte datagram
  every 1 ms for ``--seconds``, then one click. Reports peak RSS, the bytes still queued
  (bounded by ``MAX_QUEUED``), the sends made, what the click said and what Stop discarded.
- ``flooders``: the TCP Server page (offscreen, log visible, recording to a RAM folder) and
  ``--clients`` flooders in another process, each sending ``--mib`` MiB as fast as the app
  reads. Reports peak RSS (target < 500 MB), event-loop stall p50/p99 (lateness of a 10 ms
  QTimer, target p99 < 100 ms), whether the RX counter and the recording are exact, and the
  time until the last byte was counted.

Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bounded.py            # all cases
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bounded.py flooders --clients 50
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bounded.py udp-stalled-repeat --seconds 10
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import StallMeter, open_client_page, peak_rss_mb, ram_dir, run_child

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MIB


def figures(stall: StallMeter) -> dict:
    stall.stop()
    return {"stall_p50_ms": stall.p50, "stall_p99_ms": stall.p99, "stall_max_ms": stall.worst,
            "ticks": len(stall.lateness)}


def run_for(app, seconds: float, done=lambda: False) -> None:  # noqa: ANN001
    end = time.monotonic() + seconds
    while time.monotonic() < end and not done():
        app.processEvents()
        time.sleep(0.001)


# -- a peer that never reads --------------------------------------------------------------
def stalled_listener() -> tuple[socket.socket, list[socket.socket]]:
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True).start()
    return listener, held


def connect_page(app, page, port: int) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLineEdit, QPushButton, QSpinBox

    page.findChild(QLineEdit, "remoteHostEdit").setText("127.0.0.1")
    page.findChild(QSpinBox, "remotePortSpin").setValue(port)
    page.findChild(QPushButton, "openButton").click()
    run_for(app, 5, lambda: page.session.state == "open")


def case_stalled_repeat(seconds: float) -> dict:
    app, window, page = open_client_page("hex")
    listener, held = stalled_listener()
    connect_page(app, page, listener.getsockname()[1])
    panel = page.send_panel
    panel.repeat_check.setChecked(True)
    panel.repeat_interval_spin.setValue(1)
    panel.repeat_count_spin.setValue(0)
    panel.edit.setPlainText("x" * 1024)
    stall = StallMeter()
    stall.start()
    rss0 = current_rss_mb()
    panel.send_button.click()
    run_for(app, seconds)
    page.refresh_counters()
    queued = page.session.queued_bytes()
    tx_label = page.tx_label.text()
    repeat_label = panel.repeat_label.text()
    messages: list[str] = []
    panel.message.connect(lambda text, _e: messages.append(text))
    panel.send_button.click()  # Stop
    out = {"case": "stalled-repeat", "seconds": seconds, "rss_start_mb": rss0,
           "rss_end_mb": current_rss_mb(), "peak_rss_mb": peak_rss_mb(),
           "queued_bytes": queued, "tx_written": page.session.tx_total(),
           "tx_label": tx_label, "repeat_label": repeat_label,
           "after_stop_queued": page.session.queued_bytes(), "stop_note": messages[-1:],
           **figures(stall)}
    window.close()
    return out


def case_stalled_clicks(seconds: float) -> dict:
    from PySide6.QtCore import QTimer

    app, window, page = open_client_page("hex")
    listener, held = stalled_listener()
    connect_page(app, page, listener.getsockname()[1])
    panel = page.send_panel
    # The click's path once the payload is built (a 1 MiB text in the editor is built in a
    # worker first, and the history combo then holds it: measured in send_input.py).
    panel.edit.setPlainText("y")
    spec = panel.spec()
    payload = b"y" * MIB
    run_for(app, 1)
    taken = refused = 0

    def click() -> None:
        nonlocal taken, refused
        if panel._send_built(spec, payload):
            taken += 1
        else:
            refused += 1

    timer = QTimer()
    timer.setInterval(33)
    timer.timeout.connect(click)
    stall = StallMeter()
    stall.start()
    rss0 = current_rss_mb()
    timer.start()
    run_for(app, seconds)
    timer.stop()
    out = {"case": "stalled-clicks", "seconds": seconds, "clicks_taken": taken,
           "clicks_refused": refused, "rss_start_mb": rss0, "rss_end_mb": current_rss_mb(),
           "peak_rss_mb": peak_rss_mb(), "queued_bytes": page.session.queued_bytes(),
           "status": page.status_label.text()[:120], **figures(stall)}
    window.close()
    return out


def case_udp_stalled_repeat(seconds: float) -> dict:
    import threading as _threading

    from PySide6.QtWidgets import QWidget

    from app.net.udp_socket import _SendLoop
    from app.send.targets import ALL as ALL_TARGETS

    app, window, _client_page = open_client_page("hex")
    release = _threading.Event()
    original = _SendLoop._send_one

    def held(self, data, dest):  # noqa: ANN001, ANN202
        while not release.is_set() and not self.stopping:
            release.wait(0.05)
        original(self, data, dest)

    _SendLoop._send_one = held  # type: ignore[method-assign]
    page = window.findChild(QWidget, "udpSession")
    window.tabs.setCurrentWidget(page)
    page.address_combo.setCurrentText("127.0.0.1")
    page.port_spin.setValue(0)
    page.open_button.click()
    run_for(app, 5, lambda: page.session.state == "open")
    sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sink.bind(("127.0.0.1", 0))
    page.host_edit.setText("127.0.0.1")
    page.remote_port_spin.setValue(sink.getsockname()[1])
    panel = page.send_panel
    panel.repeat_check.setChecked(True)
    panel.repeat_interval_spin.setValue(1)
    panel.repeat_count_spin.setValue(0)
    panel.edit.setPlainText("u" * 60000)
    stall = StallMeter()
    stall.start()
    rss0 = current_rss_mb()
    panel.send_button.click()
    run_for(app, seconds)
    queued = page.session.queued_bytes()
    messages: list[str] = []
    panel.message.connect(lambda text, _e: messages.append(text))
    panel.send_button.click()  # Stop
    panel.repeat_check.setChecked(False)
    panel.edit.setPlainText("one click")
    for size in (60000, 1000, 1):  # the queue exactly full again behind the held datagram
        for _ in range(1000):
            if not page.session.send(b"v" * size, ALL_TARGETS):
                break
    panel.send_button.click()
    out = {"case": "udp-stalled-repeat", "seconds": seconds, "rss_start_mb": rss0,
           "rss_end_mb": current_rss_mb(), "peak_rss_mb": peak_rss_mb(),
           "queued_bytes": queued, "repeat_label": panel.repeat_label.text(),
           "stop_note": messages[:1], "click_note": messages[1:],
           "tx_written": page.session.tx_total(), **figures(stall)}
    release.set()
    window.close()
    sink.close()
    return out


# -- many flooders --------------------------------------------------------------------------
def flood_main(port: int, clients: int, mib: int) -> None:
    """Child: ``clients`` sockets each sending ``mib`` MiB of a known pattern, non-blocking."""
    block = bytes(range(256)) * 256  # 64 KiB
    total = mib * MIB
    sel = selectors.DefaultSelector()
    left: dict[socket.socket, int] = {}
    for _ in range(clients):
        s = socket.create_connection(("127.0.0.1", port))
        s.setblocking(False)
        left[s] = total
        sel.register(s, selectors.EVENT_WRITE)
    while left:
        for key, _ in sel.select(1.0):
            s = key.fileobj
            assert isinstance(s, socket.socket)
            try:
                n = s.send(block[: min(len(block), left[s])])
            except BlockingIOError:
                continue
            left[s] -= n
            if left[s] == 0:
                sel.unregister(s)
                del left[s]
                s.shutdown(socket.SHUT_WR)
                s.close()
    print("done", flush=True)


def case_flooders(clients: int, mib: int) -> dict:
    from PySide6.QtWidgets import QComboBox, QPushButton, QSpinBox, QWidget

    app, window, _client_page = open_client_page("hex")
    page = window.findChild(QWidget, "tcpServerSession")
    window.tabs.setCurrentWidget(page)
    mode = page.receive_settings.mode_combo  # binary traffic is watched in hex
    mode.setCurrentIndex(mode.findData("hex"))
    page.findChild(QComboBox, "localAddressCombo").setCurrentText("127.0.0.1")
    page.findChild(QSpinBox, "localPortSpin").setValue(0)
    page.findChild(QPushButton, "openButton").click()
    session = page.session
    run_for(app, 5, lambda: session.state == "open")
    folder = Path(tempfile.mkdtemp(dir=ram_dir()))
    record = folder / "rx.bin"
    session.start_recording(record)
    stall = StallMeter()
    stall.start()
    expected = clients * mib * MIB
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "flood-child", "--port",
                             str(session.port), "--clients", str(clients), "--mib", str(mib)],
                            stdout=subprocess.PIPE, text=True)
    run_for(app, 600, lambda: session.rx_total() >= expected)
    elapsed = time.perf_counter() - t0
    run_for(app, 10, lambda: not session.connections())
    proc.wait(30)
    recorded = session.stop_recording()
    out = {"case": "flooders", "clients": clients, "mib_each": mib, "seconds": elapsed,
           "mb_per_s": expected / MIB / elapsed, "rx_exact": session.rx_total() == expected,
           "recording_exact": recorded == expected and record.stat().st_size >= expected,
           "peak_rss_mb": peak_rss_mb(), **figures(stall)}
    record.unlink()
    folder.rmdir()
    window.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("case", nargs="?", default="all",
                        choices=["all", "stalled-repeat", "stalled-clicks",
                                 "udp-stalled-repeat", "flooders", "flood-child", "child"])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--mib", type=int, default=40)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--what", default="")
    a = parser.parse_args()
    faulthandler.dump_traceback_later(120, exit=True)
    if a.case == "flood-child":
        flood_main(a.port, a.clients, a.mib)
        return 0
    if a.case == "child":
        if a.what == "stalled-repeat":
            result = case_stalled_repeat(a.seconds)
        elif a.what == "stalled-clicks":
            result = case_stalled_clicks(a.seconds)
        elif a.what == "udp-stalled-repeat":
            result = case_udp_stalled_repeat(a.seconds)
        else:
            result = case_flooders(a.clients, a.mib)
        print(json.dumps(result), flush=True)
        os._exit(0)  # the stalled peer is never read: skip slow teardown
    cases = (["stalled-repeat", "stalled-clicks", "udp-stalled-repeat", "flooders"]
             if a.case == "all" else [a.case])
    for case in cases:
        r = run_child(__file__, "child", "--what", case, "--seconds", str(a.seconds),
                      "--clients", str(a.clients), "--mib", str(a.mib))
        print(json.dumps(r, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
