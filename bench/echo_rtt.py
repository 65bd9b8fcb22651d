"""Echo round trip: 64 bytes out, the same 64 back, 10,000 times, over loopback.

Two servers in one run, the same client code against each:

* **app**: the app's TCP server session (the engine under a running Qt event loop, draining
  every entry into its log as the window would) with echo on: the echo is made by the
  auto-reply tap in the connection's receive worker and written by its send worker;
* **plain**: a plain Python echo server (one thread: ``recv`` then ``sendall``).

The client is a plain blocking socket with TCP_NODELAY in a process of its own, as a device
would be (in this process it would share the interpreter lock with the server it measures).
Target: the app's p50 < 1 ms and within 2x of the plain server's. Prints a table and, last,
a JSON line.

    python bench/echo_rtt.py [--count 10000] [--size 64]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WARMUP = 200


def round_trips(port: int, count: int, size: int) -> list[float]:
    """Microseconds of each round trip (after a warm-up)."""
    payload = bytes(range(size % 256)) * (size // 256) + bytes(range(size % 256))
    payload = (payload or b"x")[:size].ljust(size, b"x")
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buf = bytearray(size)
    view = memoryview(buf)
    times: list[float] = []
    try:
        for i in range(WARMUP + count):
            start = time.perf_counter_ns()
            sock.sendall(payload)
            got = 0
            while got < size:
                n = sock.recv_into(view[got:], size - got)
                if not n:
                    raise SystemExit("the server closed the connection")
                got += n
            end = time.perf_counter_ns()
            if buf != payload:
                raise SystemExit("the echo differs from what was sent")
            if i >= WARMUP:
                times.append((end - start) / 1000)
    finally:
        sock.close()
    return times


def measure(port: int, count: int, size: int) -> list[float]:
    """Round trips measured by a client in a child process."""
    out = subprocess.run([sys.executable, __file__, "--client", str(port), "--count", str(count),
                          "--size", str(size)], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"client failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def plain_echo_server() -> tuple[int, threading.Thread, socket.socket]:
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn:
            while data := conn.recv(65536):
                conn.sendall(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener.getsockname()[1], thread, listener


def summary(times: list[float]) -> dict[str, float]:
    q = statistics.quantiles(times, n=100)
    return {"p50_us": statistics.median(times), "p99_us": q[98], "mean_us": statistics.fmean(times),
            "max_us": max(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--client", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:  # the child: measure and print the times as JSON
        print(json.dumps(round_trips(args.client, args.count, args.size)))
        return

    from PySide6.QtCore import QCoreApplication, QObject, Signal

    from app.sessions.config import TcpServerConfig
    from app.sessions.tcp_server import TcpServerSession

    app = QCoreApplication([])
    results: dict[str, dict[str, float]] = {}

    port, thread, listener = plain_echo_server()
    results["plain"] = summary(measure(port, args.count, args.size))
    listener.close()
    thread.join(5)

    session = TcpServerSession()
    session.set_auto_reply(True)
    session.open(TcpServerConfig("127.0.0.1", 0))
    while session.state != "open":
        app.processEvents()
        time.sleep(0.001)
    app_times: list[float] = []

    class Done(QObject):
        finished = Signal()

    done = Done()
    done.finished.connect(app.quit)  # queued: emitted from the client thread

    def client() -> None:
        try:
            app_times.extend(measure(session.port, args.count, args.size))
        finally:
            done.finished.emit()

    worker = threading.Thread(target=client)
    worker.start()
    app.exec()  # the event loop drains the log while the client runs, as in the window
    worker.join()
    session.close()
    results["app"] = summary(app_times)
    results["app"]["log_entries"] = len(session.log)

    print(f"{'server':8} {'p50 µs':>9} {'p99 µs':>9} {'mean µs':>9} {'max µs':>9}")
    for name in ("plain", "app"):
        r = results[name]
        print(f"{name:8} {r['p50_us']:9.1f} {r['p99_us']:9.1f} {r['mean_us']:9.1f} "
              f"{r['max_us']:9.1f}")
    ratio = results["app"]["p50_us"] / results["plain"]["p50_us"]
    print(f"app/plain p50 ratio: {ratio:.2f} (target ≤ 2); app p50 < 1 ms: "
          f"{results['app']['p50_us'] < 1000}")
    print(json.dumps({"count": args.count, "size": args.size, "ratio_p50": ratio, **{
        f"{name}_{k}": v for name, r in results.items() for k, v in r.items()}}))


if __name__ == "__main__":
    main()
