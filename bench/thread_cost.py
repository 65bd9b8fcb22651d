"""What a worker thread costs: descriptors, OS threads and resident memory, per kind.

Measures N threads of each kind blocked on an event (Linux: counts ``/proc/self/fd`` and
``/proc/self/task``, reads ``VmRSS``), then prints what a connection costs with each way of
running its loops: a socket plus two QThreads (the design until now), plus two plain Python
threads (now), or plus one thread doing both directions.

Usage::

    .venv/bin/python bench/thread_cost.py [--threads 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal


def descriptors() -> int:
    return len(os.listdir("/proc/self/fd")) - 1


def os_threads() -> int:
    return len(os.listdir("/proc/self/task"))


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class _Emitter(QObject):
    ping = Signal()


class _BlockedQThread(QThread):
    def __init__(self, release: threading.Event, ready: threading.Semaphore) -> None:
        super().__init__()
        self._release = release
        self._ready = ready

    def run(self) -> None:
        self._ready.release()
        self._release.wait()


def settle() -> None:
    """Wait until OS threads that were joined have really exited (a joined Python thread's
    OS thread lingers for a moment)."""
    last, same = os_threads(), 0
    for _ in range(200):
        time.sleep(0.01)
        now = os_threads()
        same = same + 1 if now == last else 0
        if same >= 5:
            return
        last = now


def measure(kind: str, n: int) -> tuple[float, float, float]:
    """(descriptors, OS threads, RSS KiB) per thread of ``kind``, N of them at once."""
    release = threading.Event()
    ready = threading.Semaphore(0)
    emitter = _Emitter()

    def plain(emit: bool) -> Callable[[], None]:
        def body() -> None:
            if emit:  # Qt adopts a foreign thread the first time it emits a signal
                emitter.ping.emit()
            ready.release()
            release.wait()
        return body

    settle()
    fds0, threads0, rss0 = descriptors(), os_threads(), rss_kb()
    if kind == "QThread":
        qthreads = [_BlockedQThread(release, ready) for _ in range(n)]
        for q in qthreads:
            q.start()
    else:
        pythreads = [threading.Thread(target=plain(kind.endswith("emits")), daemon=True)
                     for _ in range(n)]
        for t in pythreads:
            t.start()
    for _ in range(n):
        ready.acquire()
    fds, threads, rss = descriptors(), os_threads(), rss_kb()
    release.set()
    if kind == "QThread":
        for q in qthreads:
            q.wait()
    else:
        for t in pythreads:
            t.join()
    QCoreApplication.processEvents()
    return (fds - fds0) / n, (threads - threads0) / n, (rss - rss0) / n


def main() -> None:
    if not sys.platform.startswith("linux"):
        sys.exit("Linux only: counts /proc/self/fd and /proc/self/task")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=200)
    args = parser.parse_args()
    app = QCoreApplication([])  # noqa: F841 - QThreads and signals want an application
    kinds = ["QThread", "threading.Thread", "threading.Thread that emits"]
    measure("threading.Thread", 20)  # warm-up: the first threads pay one-off costs
    results = {kind: measure(kind, args.threads) for kind in kinds}
    print(f"{args.threads} threads of each kind, blocked; Python {sys.version.split()[0]}")
    print(f"{'kind':32} {'descriptors':>11} {'OS threads':>10} {'RSS KiB':>8}  (per thread)")
    for kind, (fds, threads, rss) in results.items():
        print(f"{kind:32} {fds:11.2f} {threads:10.2f} {rss:8.1f}")
    q_fds, q_thr, q_rss = results["QThread"]
    p_fds, p_thr, p_rss = results["threading.Thread that emits"]
    print()
    print("per connection (one socket each)  descriptors  threads  thread RSS KiB  "
          "clients under a limit of 1,024 (64 kept free)")
    for label, fds, threads, rss in [
        ("two QThreads (until now)", 1 + 2 * q_fds, 2 * q_thr, 2 * q_rss),
        ("two plain threads (now)", 1 + 2 * p_fds, 2 * p_thr, 2 * p_rss),
        ("one plain thread", 1 + p_fds, p_thr, p_rss),
    ]:
        print(f"{label:33} {fds:11.2f} {threads:8.2f} {rss:15.1f}  {int(960 // fds):6d}")


if __name__ == "__main__":
    main()
