"""``socketscope-cli`` figures (DESIGN.md §4): cold start to listening, and the echo round
trip through ``serve --echo`` (the echo is a tap in the receive worker) against a plain Python
echo server measured in the same run.

    python bench/cli.py [--rounds 2000] [--starts 5]

Each server runs in its own process; the client here sends 32 bytes with TCP_NODELAY and
waits for them to come back, ``--rounds`` times, after 200 rounds of warm-up.

The starts run with Python's bytecode cache, as a user's install does (one untimed start
writes it): with ``PYTHONDONTWRITEBYTECODE`` set, as in some CI shells, every start would
compile the app's modules again (~60 ms more here). Besides wall time the bench reports, on
Linux, the CPU time the process has used when it says "Listening" (all its threads, from
``/proc``): waiting for a CPU does not count in it, so it varies much less on a busy machine.
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
QT_FLOOR = ("from PySide6.QtCore import QCoreApplication; QCoreApplication([]); "
            "print('Ready', flush=True); input()")
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
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # see the module docstring
    return env


def cpu_seconds(pid: int) -> float | None:
    """CPU time process ``pid`` has used so far, all threads (Linux ``/proc``); else None."""
    tasks = list(Path(f"/proc/{pid}/task").glob("*/schedstat"))
    if not tasks:
        return None
    total_ns = 0
    for task in tasks:
        try:
            total_ns += int(task.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that just ended
    return total_ns / 1e9


def start_cli_server(*extra: str) -> tuple[subprocess.Popen[str], int, float, float | None]:
    """Start ``serve 127.0.0.1:0``; (process, port, seconds from spawn to "Listening", CPU
    seconds it used until then or None)."""
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
            seconds = time.perf_counter() - began
            return proc, int(found.group(1)), seconds, cpu_seconds(proc.pid)


def start_floor() -> tuple[float, float | None]:
    """Seconds from spawn until a bare QtCore process is ready, and its CPU seconds then."""
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", QT_FLOOR], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=_env())
    assert proc.stdout is not None and proc.stdin is not None
    if proc.stdout.readline().strip() != "Ready":
        raise RuntimeError("the QtCore process did not start")
    seconds, cpu = time.perf_counter() - began, cpu_seconds(proc.pid)
    proc.communicate("\n", timeout=10)
    return seconds, cpu


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms, worst {max(values) * 1000:.0f} ms"


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

    starts, floor, cpu, floor_cpu = [], [], [], []
    for i in range(args.starts + 1):  # the first (untimed) start writes the bytecode cache
        proc, _port, seconds, used = start_cli_server()
        proc.terminate()
        proc.wait(10)
        floor_seconds, floor_used = start_floor()
        if i > 0:
            starts.append(seconds)
            floor.append(floor_seconds)
            if used is not None and floor_used is not None:
                cpu.append(used)
                floor_cpu.append(floor_used)
    print(f"cold start to listening: {_ms(starts)} over {args.starts} starts; a bare Python "
          f"process importing QtCore and making a QCoreApplication: {_ms(floor)}")
    if cpu:
        print(f"CPU time used until listening: {_ms(cpu)}; the bare QtCore process: "
              f"{_ms(floor_cpu)}")

    plain = subprocess.Popen([sys.executable, "-c", PLAIN_ECHO], stdout=subprocess.PIPE,
                             text=True)
    assert plain.stdout is not None
    plain_port = int(plain.stdout.readline())
    proc, port, _seconds, _cpu = start_cli_server("--echo")
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
