"""UDP flood benchmark (DESIGN §4): a sender process sends 64-byte datagrams as fast as it can.

Prints, measured in the same run on 127.0.0.1:
- datagrams per second a plain Python blocking ``recvfrom`` loop counted (the baseline),
- datagrams per second the app counted (UDP page, window shown, log visible), and the ratio
  app / baseline (target >= 0.5),
- event-loop stalls: lateness of a 10 ms QTimer, p50 / p99 (target p99 < 50 ms),
- whether the app's count equals what its socket received: datagrams sent = app's count +
  datagrams the kernel dropped for want of buffer room (Linux tells the drops in the
  ``drops`` column of ``/proc/net/udp``; elsewhere they are shown as unknown).

Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/udp_flood.py --seconds 5

Each measurement runs in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = 64


def run_sender(port: int, seconds: float) -> None:
    """Send 64-byte datagrams to 127.0.0.1:port for ``seconds``; print the count and time."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    payload = b"%-63d\n" % 0
    dest = ("127.0.0.1", port)
    sent = 0
    started = time.perf_counter()
    end = started + seconds
    sendto = sock.sendto
    while True:
        for _ in range(256):
            try:
                sendto(payload, dest)
                sent += 1
            except OSError:
                pass  # ENOBUFS under pressure: not sent, not counted
        if time.perf_counter() >= end:
            break
    print(json.dumps({"sent": sent, "seconds": time.perf_counter() - started}), flush=True)


def start_sender(port: int, seconds: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, "--sender", str(port), "--seconds",
                             str(seconds)], stdout=subprocess.PIPE, text=True)


def finish_sender(proc: subprocess.Popen) -> dict:
    out, _ = proc.communicate(timeout=120)
    return json.loads(out.strip().splitlines()[-1])


def kernel_drops(port: int) -> int | None:
    """Datagrams the kernel dropped for the UDP socket on ``port`` (Linux), else None."""
    try:
        lines = Path("/proc/net/udp").read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port:
            return int(fields[-1])
    return None


def measure_baseline(seconds: float) -> dict:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)  # as the app asks
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.5)
    port = sock.getsockname()[1]
    proc = start_sender(port, seconds)
    received = 0
    recvfrom = sock.recvfrom
    while True:
        try:
            recvfrom(65536)
        except TimeoutError:
            if proc.poll() is not None:
                break
            continue
        received += 1
    sender = finish_sender(proc)
    drops = kernel_drops(port)
    sock.close()
    return {"received": received, "sent": sender["sent"], "seconds": sender["seconds"],
            "per_s": received / sender["seconds"], "drops": drops}


def measure_app(seconds: float) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.main_window import MainWindow

    app = QApplication([])
    tmp = Path(tempfile.mkdtemp())
    window = MainWindow(settings=QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window.ask_before_closing = False  # a benchmark closes with its session open
    window.resize(1200, 800)
    window.show()
    page = window.findChild(QWidget, "udpSession")
    window.tabs.setCurrentWidget(page)
    page.address_combo.setCurrentText("127.0.0.1")
    page.port_spin.setValue(0)
    session = page.session

    lateness: list[float] = []
    tick = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)

    def on_tick() -> None:
        lateness.append(max(0.0, tick.nsecsElapsed() / 1e6 - 10.0))
        tick.restart()

    ticker.timeout.connect(on_tick)
    state: dict = {"proc": None, "last": -1, "quiet": 0}

    def on_state(value: str) -> None:
        if value == "open" and state["proc"] is None:
            state["proc"] = start_sender(session.port, seconds)
            tick.start()
            ticker.start()

    def check_done() -> None:
        proc = state["proc"]
        if proc is None or proc.poll() is None:
            return
        count = session.rx_messages()
        state["quiet"] = state["quiet"] + 1 if count == state["last"] else 0
        state["last"] = count
        if state["quiet"] >= 10:  # 0.5 s without a datagram after the sender ended
            state["drops"] = kernel_drops(session.port)  # quit() closes the window
            app.quit()

    session.stateChanged.connect(on_state)
    poll = QTimer()
    poll.timeout.connect(check_done)
    poll.start(50)
    page.toggle_open()
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(app.quit)
    watchdog.start(int(seconds * 1000) + 120_000)
    app.exec()
    ticker.stop()
    sender = finish_sender(state["proc"])
    drops = state.get("drops")
    counted = session.rx_messages()
    shown = page.log_view.toPlainText().count("\n")
    window.close()
    return {
        "received": counted, "bytes": session.rx_total(), "sent": sender["sent"],
        "seconds": sender["seconds"], "per_s": counted / sender["seconds"], "drops": drops,
        "bytes_exact": session.rx_total() == counted * SIZE,
        "count_exact": None if drops is None else counted + drops == sender["sent"],
        "stall_p50_ms": statistics.median(lateness) if lateness else float("nan"),
        "stall_p99_ms": (statistics.quantiles(lateness, n=100)[98]
                         if len(lateness) >= 100 else max(lateness, default=float("nan"))),
        "ticks": len(lateness), "log_entries": len(session.log) + session.log.trimmed_entries,
        "view_lines": shown,
    }


def run_child(what: str, seconds: float) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", what, "--seconds",
                          str(seconds)], capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise SystemExit(f"{what} failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="sending time (default 5)")
    parser.add_argument("--rounds", type=int, default=1, help="baseline/app pairs (default 1)")
    parser.add_argument("--sender", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", choices=("baseline", "app"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sender is not None:
        run_sender(args.sender, args.seconds)
        return 0
    if args.measure == "baseline":
        print(json.dumps(measure_baseline(args.seconds)))
        return 0
    if args.measure == "app":
        print(json.dumps(measure_app(args.seconds)))
        return 0

    print(f"UDP flood: {SIZE}-byte datagrams for {args.seconds:g} s over 127.0.0.1 "
          f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    ok = True
    for _ in range(args.rounds):
        base = run_child("baseline", args.seconds)
        r = run_child("app", args.seconds)
        ratio = r["per_s"] / base["per_s"]
        print(f"baseline  plain recvfrom loop: {base['per_s']:10,.0f} datagrams/s "
              f"({base['received']:,} of {base['sent']:,} sent; kernel drops {base['drops']})")
        print(f"app       UDP page, log shown: {r['per_s']:10,.0f} datagrams/s "
              f"({r['received']:,} of {r['sent']:,} sent; kernel drops {r['drops']})  "
              f"ratio {ratio:4.2f} (target >= 0.50)")
        print(f"          event-loop stall p50 {r['stall_p50_ms']:.1f} ms, "
              f"p99 {r['stall_p99_ms']:.1f} ms (target < 50) over {r['ticks']} ticks")
        print(f"          app count + kernel drops == sent: {r['count_exact']}; "
              f"bytes = 64 x count: {r['bytes_exact']}; log entries made "
              f"{r['log_entries']:,}")
        ok &= ratio >= 0.5 and r["stall_p99_ms"] < 50 and r["count_exact"] is not False
        ok &= r["bytes_exact"]
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
