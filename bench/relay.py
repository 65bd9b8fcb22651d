"""TCP relay throughput (issue 11 item 2): 256 MiB device → relay → target on loopback,
the relay session (``app.sessions.tcp_relay``, in a child process of its own, as the
window or ``socketscope-cli relay`` runs it, with its log at the default budget) against
``socat`` (or, when socat is not installed, a plain Python forwarder) in the same run.

Reports for each: MiB/s, whether the target got every byte in order (SHA-256), and the
relay process's peak RSS. Targets: relay ≥ 0.5 × socat, RSS < 200 MB, byte-exact.

Usage::

    .venv/bin/python bench/relay.py [--mib 256]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
BLOCK = os.urandom(MIB)


def relay_child() -> None:
    """Run the relay session: print its port, forward until stdin closes, print peak RSS."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    import resource

    from PySide6.QtCore import QCoreApplication, QSocketNotifier

    from app.sessions.config import TcpRelayConfig
    from app.sessions.tcp_relay import TcpRelaySession

    app = QCoreApplication([])
    session = TcpRelaySession()
    session.stateChanged.connect(
        lambda s: print(session.port, flush=True) if s == "open" else None)
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(app.quit)
    session.open(TcpRelayConfig("127.0.0.1", 0, "127.0.0.1", int(sys.argv[2])))
    app.exec()
    session.close()
    print(json.dumps({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}),
          flush=True)


def python_forwarder(listen_port: int, target: int) -> None:
    """A plain forwarder (one thread per direction), when socat is missing."""
    with socket.create_server(("127.0.0.1", listen_port)) as server:
        device, _ = server.accept()
        far = socket.create_connection(("127.0.0.1", target))

        def pump(src: socket.socket, dst: socket.socket) -> None:
            while data := src.recv(256 * 1024):
                dst.sendall(data)
            dst.shutdown(socket.SHUT_WR)

        t = threading.Thread(target=pump, args=(far, device), daemon=True)
        t.start()
        pump(device, far)
        t.join()


def child_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def transfer(relay_port: int, sink: socket.socket, mib: int) -> tuple[float, bool]:
    """Send ``mib`` MiB through the relay to ``sink``'s first client; (seconds, exact)."""
    expected = hashlib.sha256()
    for _ in range(mib):
        expected.update(BLOCK)
    got = hashlib.sha256()
    count = [0]

    def receive() -> None:
        conn, _ = sink.accept()
        with conn:
            while count[0] < mib * MIB:
                data = conn.recv(1 << 20)
                if not data:
                    break
                got.update(data)
                count[0] += len(data)

    reader = threading.Thread(target=receive)
    reader.start()
    for _ in range(100):  # socat may take a moment to listen
        try:
            device = socket.create_connection(("127.0.0.1", relay_port))
            break
        except ConnectionRefusedError:
            time.sleep(0.02)
    start = time.perf_counter()
    with device:
        for _ in range(mib):
            device.sendall(BLOCK)
        reader.join(600)
        seconds = time.perf_counter() - start
    return seconds, count[0] == mib * MIB and got.digest() == expected.digest()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_app(mib: int) -> dict:
    sink = socket.create_server(("127.0.0.1", 0))
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(sink.getsockname()[1])],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdin is not None
    port = int(proc.stdout.readline())
    seconds, exact = transfer(port, sink, mib)
    rss = child_rss_mb(proc.pid)
    proc.stdin.close()
    proc.wait(30)
    sink.close()
    return {"name": "socketscope relay", "mib_s": mib / seconds, "seconds": seconds,
            "exact": exact, "rss_mb": rss}


def run_reference(mib: int) -> dict:
    sink = socket.create_server(("127.0.0.1", 0))
    target = sink.getsockname()[1]
    port = free_port()
    socat = shutil.which("socat")
    if socat:
        proc = subprocess.Popen([socat, "-b", "262144",
                                 f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr",
                                 f"TCP:127.0.0.1:{target}"])
        name = "socat"
    else:
        proc = subprocess.Popen([sys.executable, __file__, "--forwarder", str(port),
                                 str(target)])
        name = "python forwarder"
    seconds, exact = transfer(port, sink, mib)
    rss = child_rss_mb(proc.pid)
    proc.terminate()
    proc.wait(30)
    sink.close()
    return {"name": name, "mib_s": mib / seconds, "seconds": seconds, "exact": exact,
            "rss_mb": rss}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        relay_child()
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--forwarder":
        python_forwarder(int(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=256)
    args = parser.parse_args()
    reference = run_reference(args.mib)
    app = run_app(args.mib)
    for row in (reference, app):
        print(f"{row['name']:>18}: {row['mib_s']:8.1f} MiB/s  {row['seconds']:6.2f} s  "
              f"exact={row['exact']}  RSS {row['rss_mb']:.0f} MB")
    ratio = app["mib_s"] / reference["mib_s"]
    print(f"ratio relay/{reference['name']}: {ratio:.2f} (target ≥ 0.5); relay RSS "
          f"{app['rss_mb']:.0f} MB (target < 200)")
    print(json.dumps({"reference": reference, "relay": app, "ratio": ratio}))


if __name__ == "__main__":
    main()
