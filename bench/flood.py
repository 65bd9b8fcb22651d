"""Receive-flood benchmark (DESIGN §4): a sender process floods a TCP client session.

Prints, measured in the same run on 127.0.0.1:
- MB/s of a plain Python blocking ``recv`` loop (the baseline),
- MB/s through the app (client session, window shown, log visible) in text and in hex mode,
  and the ratio app / baseline (target >= 0.5),
- event-loop stalls: lateness of a 10 ms QTimer, p50 / p99 (target p99 < 50 ms),
- peak RSS of the app process (target < 300 MB after 1 GiB),
- whether the RX counter and the raw recording equal what was sent (sha256).

``--framing`` picks how the log cuts entries (the page's ``framingCombo``): ``chunk`` (each read,
the default), ``lf``, ``crlf`` or ``idle``. ``--data lines`` sends fixed 80-byte lines (``\r\n``
at the end, so LF and CRLF framing both split them), the worst case for line framing.

Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/flood.py --mib 1024
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/flood.py --mib 256 --data binary
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/flood.py --mib 256 --data lines --framing lf

Each measurement runs in its own process so peak RSS figures are not mixed up.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import StallMeter, open_client_page, peak_rss_mb, ram_dir, run_child

BLOCK = 1024 * 1024
#: --framing choices → the session's FramingConfig mode.
FRAMING_MODES = {"chunk": "chunk", "lf": "delimiter", "crlf": "delimiter", "idle": "idle"}


def make_block(kind: str, index: int) -> bytes:
    """1 MiB of deterministic data: device-like text lines, or random bytes."""
    rng = random.Random(index)
    if kind == "binary":
        return rng.randbytes(BLOCK)
    if kind == "lines":
        # 80 bytes each: a 10-digit number, 66 printable bytes, CRLF.
        count = BLOCK // 80 + 1
        first = index * count
        return b"".join(b"%010d %s\r\n" % (first + i, rng.randbytes(34).hex()[:67].encode())
                        for i in range(count))[:BLOCK]
    lines = []
    size = 0
    n = index * 20000
    while size < BLOCK:
        line = (f"{n:08d} 温度={rng.uniform(10, 40):.2f}℃ 湿度={rng.randint(0, 100)}% "
                f"status=OK payload={rng.getrandbits(64):016x}\r\n").encode()
        lines.append(line)
        size += len(line)
        n += 1
    return b"".join(lines)[:BLOCK]


def run_sender(total_mib: int, kind: str) -> None:
    """Listen, print the port, send ``total_mib`` MiB to the first client, print sha256."""
    listener = socket.create_server(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)
    conn, _ = listener.accept()
    digest = hashlib.sha256()
    blocks = [make_block(kind, i) for i in range(8)]  # cycle 8 distinct MiB
    for i in range(total_mib):
        block = blocks[i % len(blocks)]
        digest.update(block)
        conn.sendall(block)
    conn.shutdown(socket.SHUT_WR)
    conn.close()
    listener.close()
    print(digest.hexdigest(), flush=True)


def start_sender(total_mib: int, kind: str) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen([sys.executable, __file__, "--sender", "--mib", str(total_mib),
                             "--data", kind], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    return proc, port


def finish_sender(proc: subprocess.Popen) -> str:
    assert proc.stdout is not None
    digest = proc.stdout.readline().strip()
    proc.wait(30)
    return digest


def record_dir() -> str | None:
    """Where the recording goes: RAM (tmpfs) where there is one, so the figure measures the
    app and not the disk (this machine's disk takes ~400 MB/s; see docs/performance.md).
    ``FLOOD_RECORD_DIR`` overrides it."""
    return os.environ.get("FLOOD_RECORD_DIR") or ram_dir()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()


def measure_baseline(total_mib: int, kind: str) -> dict:
    proc, port = start_sender(total_mib, kind)
    sock = socket.create_connection(("127.0.0.1", port))
    received = 0
    started = time.perf_counter()
    while data := sock.recv(256 * 1024):
        received += len(data)
    elapsed = time.perf_counter() - started
    sock.close()
    finish_sender(proc)
    return {"bytes": received, "seconds": elapsed, "mb_s": received / elapsed / 1e6,
            "peak_rss_mb": peak_rss_mb()}


def measure_app(total_mib: int, kind: str, mode: str, framing: str = "chunk") -> dict:
    from PySide6.QtCore import QTimer

    app, window, page = open_client_page(mode, "utf-8")
    combo = page.receive_settings.framing_combo
    combo.setCurrentIndex(combo.findData(framing))
    assert page.session.framing.mode == FRAMING_MODES[framing], page.session.framing
    recording = Path(tempfile.mkdtemp(dir=record_dir())) / "rx.bin"
    assert page.log_panel.start_recording(recording)
    proc, port = start_sender(total_mib, kind)
    expected = total_mib * BLOCK
    session = page.session

    stalls = StallMeter()
    result: dict = {}
    started = 0.0

    def on_state(state: str) -> None:
        nonlocal started
        if state == "open":
            started = time.perf_counter()
            stalls.start()

    def check_done() -> None:
        # Every byte counted is recorded too (both under the connection's order lock). The
        # sender's FIN only half-closes the connection, which stays open for a reply: waiting
        # for "closed" would time the 30 s linger (app/net/tcp_connection.py).
        if session.rx_total() >= expected:
            result["seconds"] = time.perf_counter() - started
            app.quit()

    session.stateChanged.connect(on_state)
    poll = QTimer()
    poll.timeout.connect(check_done)
    poll.start(5)
    page.host_edit.setText("127.0.0.1")
    page.port_spin.setValue(port)
    page.toggle_open()
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(app.quit)
    watchdog.start(600_000)
    app.exec()
    stalls.stop()
    peak = peak_rss_mb()  # before hashing the recording, which is the benchmark's own work
    sender_digest = finish_sender(proc)
    page.log_panel.stop_recording()
    rx = session.rx_total()
    recorded = file_sha256(recording)
    recording.unlink()
    log_chars = len(page.log_view.toPlainText())
    window.close()
    seconds = result.get("seconds", float("nan"))
    return {
        "mode": mode, "framing": framing, "bytes": rx,
        "log_entries": len(session.log) + session.log.trimmed_entries,
        "seconds": seconds, "mb_s": rx / seconds / 1e6,
        "stall_p50_ms": stalls.p50,
        "stall_p99_ms": stalls.p99,
        "ticks": len(stalls.lateness),
        "peak_rss_mb": peak,
        "counter_exact": rx == expected,
        "recording_exact": recorded == sender_digest,
        "view_chars": log_chars,
        "skipped_entries": page.log_view.skipped_entries,
    }


def measure_in_child(what: str, total_mib: int, kind: str, framing: str = "chunk") -> dict:
    return run_child(__file__, "--measure", what, "--mib", str(total_mib), "--data", kind,
                     "--framing", framing)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=1024, help="MiB to send (default 1024)")
    parser.add_argument("--data", choices=("text", "binary", "lines"), default="text",
                        help="text: device-like lines; binary: random; lines: 80-byte lines")
    parser.add_argument("--framing", choices=tuple(FRAMING_MODES), default="chunk",
                        help="how the log cuts entries (default chunk: each read)")
    parser.add_argument("--sender", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", choices=("baseline", "text", "hex"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sender:
        run_sender(args.mib, args.data)
        return 0
    if args.measure == "baseline":
        print(json.dumps(measure_baseline(args.mib, args.data)))
        return 0
    if args.measure:
        print(json.dumps(measure_app(args.mib, args.data, args.measure, args.framing)))
        return 0

    print(f"Flooding {args.mib} MiB of {args.data} data over 127.0.0.1, framing {args.framing} "
          f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs); "
          f"recording to {record_dir() or tempfile.gettempdir()}")
    base = measure_in_child("baseline", args.mib, args.data)
    print(f"baseline  plain Python recv loop: {base['mb_s']:8.1f} MB/s")
    ok = True
    for mode in ("text", "hex"):
        r = measure_in_child(mode, args.mib, args.data, args.framing)
        ratio = r["mb_s"] / base["mb_s"]
        ok &= ratio >= 0.5 and r["stall_p99_ms"] < 50 and r["peak_rss_mb"] < 300
        ok &= r["counter_exact"] and r["recording_exact"]
        print(f"app {mode:4}  log visible:           {r['mb_s']:8.1f} MB/s  "
              f"ratio {ratio:4.2f} (target >= 0.50)")
        print(f"          event-loop stall p50 {r['stall_p50_ms']:.1f} ms, "
              f"p99 {r['stall_p99_ms']:.1f} ms (target < 50) over {r['ticks']} ticks")
        print(f"          peak RSS {r['peak_rss_mb']:.0f} MB (target < 300); RX counter exact: "
              f"{r['counter_exact']}; recording sha256 equal: {r['recording_exact']}; "
              f"entries skipped in view: {r['skipped_entries']:,}; "
              f"log entries made: {r['log_entries']:,}")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
