"""``socketscope-cli`` figures (DESIGN.md §4): cold start to listening, and the echo round
trip through ``serve --echo`` (the echo is a tap in the receive worker) against a plain Python
echo server measured in the same run.

    python bench/cli.py [--rounds 2000] [--starts 5]

Each server runs in its own process; the client here sends 32 bytes with TCP_NODELAY and
waits for them to come back, ``--rounds`` times, after 200 rounds of warm-up.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What no Qt command line can start faster than, measured on the same machine.
QT_FLOOR = "from PySide6.QtCore import QCoreApplication; QCoreApplication([])"
PLAIN_ECHO = """
import socket, sys, threading
srv = socket.create_server(("127.0.0.1", 0))
print(srv.getsockname()[1], flush=True)
def serve(conn):
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while data := conn.recv(65536):
        conn.sendall(data)
while True:
    conn, _ = srv.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), LANG="C.UTF-8")
    env.pop("QT_QPA_PLATFORM", None)
    return env


def start_cli_server(*extra: str) -> tuple[subprocess.Popen[str], int, float]:
    """Start ``serve 127.0.0.1:0``; (process, port, seconds from spawn to "Listening")."""
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "127.0.0.1:0", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=_env())
    assert proc.stderr is not None
    while True:
        line = proc.stderr.readline()
        if not line:
            raise RuntimeError("serve ended before listening")
        found = re.search(r"Listening on 127\.0\.0\.1:(\d+)", line)
        if found:
            return proc, int(found.group(1)), time.perf_counter() - began


def round_trips(port: int, rounds: int) -> list[float]:
    """Round-trip times in ms of 32-byte messages."""
    payload = b"x" * 32
    times = []
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i in range(rounds + 200):
            t0 = time.perf_counter()
            sock.sendall(payload)
            got = 0
            while got < len(payload):
                chunk = sock.recv(65536)
                if not chunk:
                    raise RuntimeError("the echo server closed the connection")
                got += len(chunk)
            if i >= 200:
                times.append((time.perf_counter() - t0) * 1000)
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()

    starts = []
    for _ in range(args.starts):
        proc, _port, seconds = start_cli_server()
        starts.append(seconds)
        proc.terminate()
        proc.wait(10)
    floor = []
    for _ in range(args.starts):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", QT_FLOOR], check=True, env=_env())
        floor.append(time.perf_counter() - began)
    print(f"cold start to listening: median {statistics.median(starts) * 1000:.0f} ms, "
          f"worst {max(starts) * 1000:.0f} ms over {args.starts} starts; a bare Python "
          f"process importing QtCore and making a QCoreApplication: median "
          f"{statistics.median(floor) * 1000:.0f} ms")

    plain = subprocess.Popen([sys.executable, "-c", PLAIN_ECHO], stdout=subprocess.PIPE,
                             text=True)
    assert plain.stdout is not None
    plain_port = int(plain.stdout.readline())
    proc, port, _seconds = start_cli_server("--echo")
    try:
        base = round_trips(plain_port, args.rounds)
        ours = round_trips(port, args.rounds)
    finally:
        plain.terminate()
        proc.terminate()
        plain.wait(10)
        code = proc.wait(10)
    b50, o50 = percentile(base, 0.5), percentile(ours, 0.5)
    print(f"echo round trip, 32 B, {args.rounds} rounds: plain Python p50 {b50:.3f} ms "
          f"p99 {percentile(base, 0.99):.3f} ms; serve --echo p50 {o50:.3f} ms "
          f"p99 {percentile(ours, 0.99):.3f} ms; ratio p50 {o50 / b50:.2f}x")
    print(f"serve exited {code} on SIGTERM")
    return 0


if __name__ == "__main__":
    sys.exit(main())
