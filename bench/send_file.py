"""File-send benchmark (DESIGN §4): a TCP Client page sends a file to a receiver process.

Prints, measured in the same run on 127.0.0.1 against the same receiver:
- MB/s of a plain Python ``sock.sendall`` of the file in 256 KiB chunks (the baseline),
- MB/s through the app (TCP Client page, window shown, ``page.send_file``), and the ratio
  app / baseline (target: >= 500 MB/s end to end),
- peak RSS of the app process (target < 200 MB) and of the baseline process for comparison,
- whether the receiver got exactly the file's size and the file's sha256.

The time runs from the call (``sendall`` loop / ``page.send_file``) until the receiver reports
that it holds all the bytes; the receiver hashes as it receives, in both measurements.

Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/send_file.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/send_file.py --mib 1024 --dir /tmp

Each measurement runs in its own process so peak RSS figures are not mixed up; the receiver is
a third process (this file with ``--receiver``). The test file is written to a temporary
directory (in RAM under /dev/shm where there is one, so the figure measures the app and not
the disk; ``--dir`` chooses another place) and deleted at the end.
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
import threading
import time
from pathlib import Path

from common import open_client_page, peak_rss_mb, ram_dir, run_child

MIB = 1024 * 1024
CHUNK = 256 * 1024


# -- the receiver process ------------------------------------------------------------------
def run_receiver(expected: int) -> None:
    """Listen, print the port; take one client; receive until ``expected`` bytes or EOF, then
    print ``count sha256``; then drain until EOF and print how many more bytes came."""
    listener = socket.create_server(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)
    conn, _ = listener.accept()
    listener.close()
    digest = hashlib.sha256()
    buf = bytearray(MIB)
    view = memoryview(buf)
    count = 0
    while count < expected:
        n = conn.recv_into(view, min(MIB, expected - count))
        if not n:
            break
        digest.update(view[:n])
        count += n
    print(count, digest.hexdigest(), flush=True)
    extra = 0
    try:
        while n := conn.recv_into(view):
            extra += n
    except OSError:
        pass
    conn.close()
    print(extra, flush=True)


def start_receiver(expected: int) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen([sys.executable, __file__, "--receiver", "--bytes", str(expected)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    return proc, port


def receiver_report(line: str) -> tuple[int, str]:
    count, digest = line.split()
    return int(count), digest


def finish_receiver(proc: subprocess.Popen) -> int:
    """Bytes that arrived after the expected size (the sender closed first), 0 when exact."""
    assert proc.stdout is not None
    extra = proc.stdout.readline().strip()
    proc.wait(30)
    return int(extra) if extra else -1


# -- helpers -------------------------------------------------------------------------------
def current_rss_mb() -> float:
    """Resident set size now (Linux); NaN elsewhere."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / MIB
    except (OSError, ValueError, IndexError):
        return float("nan")


def make_file(path: Path, mib: int) -> str:
    """Write ``mib`` MiB of pseudo-random data in 1 MiB blocks; return its sha256."""
    digest = hashlib.sha256()
    with path.open("wb") as f:
        for i in range(mib):
            block = random.Random(i).randbytes(MIB)
            digest.update(block)
            f.write(block)
    return digest.hexdigest()


# -- the measurements (each in its own process) --------------------------------------------
def measure_baseline(path: Path) -> dict:
    size = path.stat().st_size
    proc, port = start_receiver(size)
    assert proc.stdout is not None
    sock = socket.create_connection(("127.0.0.1", port))
    rss_before = current_rss_mb()
    started = time.perf_counter()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            sock.sendall(chunk)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    count, digest = receiver_report(line)
    sock.shutdown(socket.SHUT_WR)
    sock.close()
    extra = finish_receiver(proc)
    return {"bytes": count, "seconds": elapsed, "mb_s": count / elapsed / 1e6,
            "sha256": digest, "extra": extra, "tx_total": size,
            "rss_before_mb": rss_before, "peak_rss_mb": peak_rss_mb()}


def measure_app(path: Path, view: str = "hex") -> dict:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    size = path.stat().st_size
    # How the log shows the TX entries: random bytes as *text* make Qt load fallback fonts
    # for dozens of scripts the first time (see docs/performance.md), so both are measured.
    app, window, page = open_client_page(view)
    session = page.session
    proc, port = start_receiver(size)
    assert proc.stdout is not None

    # The receiver's report is read in a plain thread that notes the time it arrives, so the
    # figure does not depend on how often the Qt loop looks.
    report: dict = {}
    reported = threading.Event()

    def read_report() -> None:
        report["line"] = proc.stdout.readline()
        report["t"] = time.perf_counter()
        reported.set()

    result: dict = {"started": 0.0, "sender_done": None, "error": "", "seen": set()}

    def wait_open() -> None:
        if page.property("sessionState") == "open":
            opener.stop()
            result["rss_before_mb"] = current_rss_mb()
            threading.Thread(target=read_report, daemon=True).start()
            result["started"] = time.perf_counter()
            if not page.send_panel.send_file(path):
                result["error"] = "send_file refused to start"
                app.quit()
                return
            poll.start(2)
        elif result["seen"] - {"closed"} and page.property("sessionState") == "closed":
            status = page.findChild(QWidget, "sessionStatus").text()
            result["error"] = f"could not connect: {status}"
            app.quit()
        else:
            result["seen"].add(page.property("sessionState"))

    def check_done() -> None:
        if result["sender_done"] is None and not page.session.send_jobs.file_running:
            result["sender_done"] = time.perf_counter()
        if reported.is_set() and page.session.send_jobs.file_running:
            return  # all bytes arrived; let the sender finish so its thread ends cleanly
        if reported.is_set():
            poll.stop()
            app.quit()

    opener = QTimer()
    opener.timeout.connect(wait_open)
    poll = QTimer()
    poll.timeout.connect(check_done)
    page.findChild(QWidget, "remoteHostEdit").setText("127.0.0.1")
    page.findChild(QWidget, "remotePortSpin").setValue(port)
    page.findChild(QWidget, "openButton").click()
    opener.start(5)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: (result.update(error="timed out"), app.quit()))
    watchdog.start(600_000)
    app.exec()
    peak = peak_rss_mb()
    tx = session.tx_total()
    if result["error"]:
        proc.kill()
        raise SystemExit(result["error"])
    count, digest = receiver_report(report["line"])
    elapsed = report["t"] - result["started"]
    page.findChild(QWidget, "openButton").click()  # disconnect: the receiver sees EOF
    extra = finish_receiver(proc)
    window.close()
    return {"bytes": count, "seconds": elapsed, "mb_s": count / elapsed / 1e6,
            "sender_seconds": (result["sender_done"] or float("nan")) - result["started"],
            "sha256": digest, "extra": extra, "tx_total": tx,
            "rss_before_mb": result.get("rss_before_mb", float("nan")), "peak_rss_mb": peak}


def measure_in_child(what: str, path: Path) -> dict:
    return run_child(__file__, "--measure", what, "--path", str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=100, help="file size in MiB (default 100)")
    parser.add_argument("--dir", default=None,
                        help="where to write the test file (default /dev/shm, else the temp dir)")
    parser.add_argument("--receiver", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bytes", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", choices=("baseline", "hex", "text"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.receiver:
        run_receiver(args.bytes)
        return 0
    if args.measure == "baseline":
        print(json.dumps(measure_baseline(Path(args.path))))
        return 0
    if args.measure in ("hex", "text"):
        print(json.dumps(measure_app(Path(args.path), args.measure)))
        return 0

    with tempfile.TemporaryDirectory(dir=args.dir or ram_dir()) as folder:
        path = Path(folder) / "payload.bin"
        file_digest = make_file(path, args.mib)
        size = path.stat().st_size
        print(f"Sending a {args.mib} MiB file over 127.0.0.1 (Python {sys.version.split()[0]}, "
              f"{os.cpu_count()} CPUs); file in {folder}")
        base = measure_in_child("baseline", path)
        print(f"baseline  plain sendall, 256 KiB chunks: {base['mb_s']:8.1f} MB/s "
              f"({base['seconds']:.3f} s); peak RSS {base['peak_rss_mb']:.0f} MB")
        results = {view: measure_in_child(view, path) for view in ("hex", "text")}
    ok = True
    for view, r in results.items():
        ratio = r["mb_s"] / base["mb_s"]
        exact = r["bytes"] == size and r["extra"] == 0 and r["tx_total"] == size
        equal = r["sha256"] == file_digest
        print(f"app       send_file, log in {view:4}:      {r['mb_s']:8.1f} MB/s "
              f"({r['seconds']:.3f} s)  ratio {ratio:4.2f}  (target >= 500 MB/s)")
        print(f"          file sender finished after {r['sender_seconds']:.3f} s; "
              f"peak RSS {r['peak_rss_mb']:.0f} MB (target < 200; {r['rss_before_mb']:.0f} MB "
              f"before the send)")
        print(f"          receiver got {r['bytes']:,} of {size:,} bytes (+{r['extra']} after); "
              f"TX counter {r['tx_total']:,}; exact: {exact}; sha256 equal: {equal} "
              f"(baseline: {base['sha256'] == file_digest})")
        ok &= r["mb_s"] >= 500 and r["peak_rss_mb"] < 200 and exact and equal
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
