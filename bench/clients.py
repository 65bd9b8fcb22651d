"""Many-clients benchmark (DESIGN §4): 1,000 echoing clients against a TCP server session.

The app's ``TcpServerSession`` runs headless (QCoreApplication) in a child process whose
descriptor limit is set first, as a user's shell would: ``--limit 1024`` sets the soft limit,
and ``--hard 1024`` also lowers the hard limit (the common default, where raising the soft
limit cannot help). The child then does what the app does at start
(``raise_descriptor_limit``, where the checkout has it). This process runs the clients: each
echoes back what it receives; the app never sees their descriptors.

Reported, from the child: descriptors, OS threads and RSS per held client, how many were held
and how many refused (closed by the server at once), how long a broadcast takes to reach
every client and come back, how long stopping takes, whether rounds of churn (all connect,
all leave) leave descriptors or threads behind, and whether the process survived.

Usage::

    .venv/bin/python bench/clients.py --clients 1000 --limit 1024 --hard 1024
    .venv/bin/python bench/clients.py --clients 1000 --limit 1024          # hard left as is
    .venv/bin/python bench/clients.py --app-root /path/to/other/checkout  # a baseline

Linux only (counts ``/proc/self/fd`` and ``/proc/self/task``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import resource
import selectors
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = b"broadcast-0123456789abcdef\n"


# -- the app's side (child process) ----------------------------------------------------------
def app_main(root: str, limit: int, hard: int | None) -> None:
    """Run a TCP server session and answer commands from stdin with JSON lines."""
    resource.setrlimit(resource.RLIMIT_NOFILE,
                       (limit, hard if hard is not None else resource.getrlimit(
                           resource.RLIMIT_NOFILE)[1]))
    sys.path.insert(0, root)
    raised = None
    try:
        from app.net.limits import raise_descriptor_limit
    except ImportError:  # a checkout from before the descriptor budget
        pass
    else:
        raised = raise_descriptor_limit()
    from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

    import app
    from app.send.targets import ALL
    from app.sessions.tcp_server import TcpServerSession

    qapp = QCoreApplication([])
    session = TcpServerSession()
    refused = [0]
    session.statusChanged.connect(
        lambda text: refused.__setitem__(0, refused[0] + ("Refused" in text)))

    def reply(**fields) -> None:
        print(json.dumps(fields), flush=True)

    def stats() -> dict:
        return {"conns": len(session.connections()), "fds": len(os.listdir("/proc/self/fd")) - 1,
                "threads": len(os.listdir("/proc/self/task")), "rss_kb": _rss_kb(),
                "rx": session.rx_total(), "refused_msgs": refused[0],
                "soft": resource.getrlimit(resource.RLIMIT_NOFILE)[0],
                "cpu": time.process_time(), "wall": time.monotonic()}

    class Driver(QObject):
        command = Signal(str)

        def __init__(self) -> None:
            super().__init__()
            self.command.connect(self.run_command)
            self._timer = QTimer(self)
            self._timer.setInterval(5)
            self._timer.timeout.connect(self._check_echo)
            self._echo_target = 0
            self._echo_started = 0.0

        @Slot(str)
        def run_command(self, line: str) -> None:
            word = line.split()[0] if line.split() else "quit"
            if word == "stats":
                reply(**stats())
            elif word == "broadcast":
                held = len(session.connections())
                self._echo_target = session.rx_total() + held * len(PAYLOAD)
                self._echo_started = time.perf_counter()
                # CLOCK_MONOTONIC is one clock for every process here: the receivers compare
                # their arrival times with this.
                self._sent_at = time.monotonic()
                sent_to = session.send(PAYLOAD, ALL)
                self._sent_to = sent_to
                self._timer.start()
            elif word == "close":
                t0 = time.perf_counter()
                session.close()
                reply(seconds=time.perf_counter() - t0, **stats())
            else:
                session.close()
                qapp.quit()

        @Slot()
        def _check_echo(self) -> None:
            elapsed = time.perf_counter() - self._echo_started
            if session.rx_total() >= self._echo_target or elapsed > 10:
                self._timer.stop()
                reply(seconds=elapsed, complete=session.rx_total() >= self._echo_target,
                      sent_to=self._sent_to, sent_at=self._sent_at)

    driver = Driver()

    def read_stdin() -> None:
        for line in sys.stdin:
            driver.command.emit(line.strip())
        driver.command.emit("quit")

    def on_state(state: str) -> None:
        if state == "open":
            threading.Thread(target=read_stdin, daemon=True).start()
            reply(port=session.port, app=app.__file__, raised=raised, **stats())

    session.stateChanged.connect(on_state)
    try:
        from app.sessions.config import TcpServerConfig
    except ImportError:  # a checkout from before session configs
        session.open("127.0.0.1", 0)  # type: ignore[call-arg]
    else:
        session.open(TcpServerConfig(host="127.0.0.1", port=0))
    qapp.exec()


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# -- the clients (this process) --------------------------------------------------------------
class Clients:
    """N echoing client sockets served by one selector thread."""

    def __init__(self) -> None:
        self.sel = selectors.DefaultSelector()
        self.socks: list[socket.socket] = []
        self._open: set[socket.socket] = set()
        self.eof = 0
        #: Bytes received by all clients, and when the last of them arrived (monotonic).
        self.rx = 0
        self.last_arrival = 0.0
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._stop = False
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _call(self, fn) -> None:
        done = threading.Event()
        self._jobs.put((fn, done))
        done.wait(60)

    def connect(self, port: int, n: int) -> None:
        def job() -> None:
            self.eof = 0
            for _ in range(n):
                s = socket.socket()
                s.setblocking(False)
                s.connect_ex(("127.0.0.1", port))
                self.socks.append(s)
                self._open.add(s)
                self.sel.register(s, selectors.EVENT_READ)
        self._call(job)

    def close_all(self) -> None:
        def job() -> None:
            for s in self.socks:
                if s in self._open:
                    self.sel.unregister(s)
                # Leave with a reset: a FIN alone is a half-close, which the app keeps open
                # for replies until the user disconnects or a send fails (issue 8).
                with contextlib.suppress(OSError):
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()
            self._open.clear()
            self.socks = []
        self._call(job)

    def stop(self) -> None:
        self.close_all()
        self._stop = True
        self._thread.join(5)

    def _loop(self) -> None:
        while not self._stop:
            while not self._jobs.empty():
                fn, done = self._jobs.get()
                fn()
                done.set()
            for key, _ in self.sel.select(0.01):
                s = key.fileobj
                assert isinstance(s, socket.socket)
                try:
                    data = s.recv(65536)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if data:
                    self.rx += len(data)
                    self.last_arrival = time.monotonic()
                if not data:
                    self.eof += 1
                    self.sel.unregister(s)
                    self._open.discard(s)
                    continue
                try:
                    s.send(data)
                except OSError:
                    pass


class App:
    """The child process running the session, driven by commands."""

    def __init__(self, root: str, limit: int, hard: int | None) -> None:
        cmd = [sys.executable, __file__, "--app", "--app-root", root, "--limit", str(limit)]
        if hard is not None:
            cmd += ["--hard", str(hard)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        self.first = self._read()
        #: The last answer, to say how far the app came if it dies.
        self.last = self.first

    def _read(self) -> dict:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AppDied(self.proc)
        return json.loads(line)

    def ask(self, command: str) -> dict:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(command + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise AppDied(self.proc) from None
        self.last = self._read()
        return self.last

    def alive(self) -> bool:
        return self.proc.poll() is None

    def quit(self) -> int:
        if self.alive():
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        return self.proc.wait(30)


class AppDied(Exception):
    def __init__(self, proc: subprocess.Popen) -> None:
        code = proc.wait(30)
        assert proc.stderr is not None
        tail = proc.stderr.read().strip().splitlines()[-3:]
        super().__init__(f"the app process died: exit code {code}; " + " | ".join(tail))


def wait_stable(app: App, clients: Clients, n: int, timeout: float = 30) -> dict:
    """Poll until every client is either held or was closed by the server, and the count
    has not moved for half a second."""
    deadline = time.monotonic() + timeout
    last: dict = {}
    since = time.monotonic()
    while time.monotonic() < deadline:
        now = app.ask("stats")
        if now["conns"] != last.get("conns"):
            since = time.monotonic()
        last = now
        if now["conns"] + clients.eof >= n and time.monotonic() - since > 0.5:
            break
        time.sleep(0.05)
    return last


def orchestrate(args: argparse.Namespace) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.clients + 256
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(want, soft)), hard))
    hard_text = "hard 1,024" if args.hard == 1024 else (
        f"hard {args.hard:,}" if args.hard else "hard limit left as is")
    print(f"{args.clients:,} echoing clients against a TCP server session; app process soft "
          f"limit {args.limit:,}, {hard_text}; {os.cpu_count()} CPUs, Python "
          f"{sys.version.split()[0]}")
    app = App(args.app_root, args.limit, args.hard)
    code_dir = Path(app.first["app"]).parent.parent
    print(("" if code_dir == ROOT else f"app code: {code_dir}; ")
          + f"soft limit after start: {app.first['soft']:,}")
    idle = app.first
    clients = Clients()
    failures: list[str] = []
    try:
        for round_no in range(1, args.rounds + 1):
            t0 = time.perf_counter()
            clients.connect(app.first["port"], args.clients)
            full = wait_stable(app, clients, args.clients)
            held, refused = full["conns"], clients.eof
            took = time.perf_counter() - t0
            if round_no == 1:
                per = max(held, 1)
                print(f"held {held:,}, refused {refused:,} (closed at once; the app said so "
                      f"{full['refused_msgs']:,} times); all settled in {took:.1f} s")
                print(f"per held client: {(full['fds'] - idle['fds']) / per:.2f} descriptors, "
                      f"{(full['threads'] - idle['threads']) / per:.2f} threads, "
                      f"{(full['rss_kb'] - idle['rss_kb']) / per:.1f} KiB RSS "
                      f"(process: {full['fds']:,} descriptors, {full['threads']:,} threads, "
                      f"{full['rss_kb'] / 1024:.0f} MB RSS)")
                time.sleep(2)
                idle_cpu = app.ask("stats")
                print(f"idle with {held:,} clients: the app uses "
                      f"{(idle_cpu['cpu'] - full['cpu']) / (idle_cpu['wall'] - full['wall']):.0%}"
                      " of a CPU (each receive loop wakes every 0.25 s to check its stop flag)")
                echoes = []
                arrivals = []
                for _ in range(args.broadcasts):
                    before = clients.rx
                    echo = app.ask("broadcast")  # answers once every echo is back
                    want = before + echo["sent_to"] * len(PAYLOAD)
                    deadline = time.monotonic() + 10
                    while clients.rx < want and time.monotonic() < deadline:
                        time.sleep(0.01)
                    echoes.append(echo)
                    arrivals.append((clients.last_arrival - echo["sent_at"]) * 1000
                                    if clients.rx >= want else float("inf"))
                arrivals.sort()
                print(f"broadcast to {echoes[0]['sent_to']:,}, {len(arrivals)} times: the last "
                      f"receiver had it after {statistics.median(arrivals):.0f} ms median, "
                      f"{arrivals[0]:.0f} to {arrivals[-1]:.0f} ms (target < 1000 ms, measured "
                      f"at the receivers)")
                times = sorted(e["seconds"] * 1000 for e in echoes)
                print(f"  and every echo back in the app after {statistics.median(times):.0f} ms "
                      f"median, {times[0]:.0f} to {times[-1]:.0f} ms (all complete: "
                      f"{all(e['complete'] for e in echoes)})")
            if round_no < args.rounds:
                clients.close_all()
                deadline = time.monotonic() + 30
                after = app.ask("stats")
                while after["conns"] and time.monotonic() < deadline:
                    time.sleep(0.05)
                    after = app.ask("stats")
                time.sleep(0.3)  # joined threads' OS threads exit a moment later
                after = app.ask("stats")
                left = (after["fds"] - idle["fds"], after["threads"] - idle["threads"])
                if left != (0, 0):
                    failures.append(f"round {round_no}: {left[0]} descriptors and {left[1]} "
                                    "threads left after all clients left")
        stop = app.ask("close")
        print(f"stop with {held:,} clients connected: {stop['seconds'] * 1000:.0f} ms; "
              f"afterwards {stop['conns']} connections, {stop['threads']} threads")
        print(f"churn: {args.rounds} rounds of {args.clients:,} connecting and leaving: "
              + ("nothing left behind" if not failures else "; ".join(failures)))
        code = app.quit()
        print(f"app process exit code {code}: " + ("survived" if code == 0 else "FAILED"))
    except AppDied as died:
        print(f"{died}")
        print(f"last seen alive: {app.last['conns']:,} clients held, {app.last['fds']:,} "
              f"descriptors, {app.last['threads']:,} threads")
    finally:
        clients.stop()
        if app.alive():
            app.proc.kill()


def main() -> None:
    if not sys.platform.startswith("linux"):
        sys.exit("Linux only: counts /proc/self/fd and /proc/self/task")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=1024, help="the app's soft limit")
    parser.add_argument("--hard", type=int, default=None, help="also the app's hard limit")
    parser.add_argument("--rounds", type=int, default=3, help="connect/leave rounds")
    parser.add_argument("--broadcasts", type=int, default=5, help="broadcasts to time")
    parser.add_argument("--app-root", default=str(ROOT), help="checkout whose app/ to run")
    parser.add_argument("--app", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.app:
        app_main(args.app_root, args.limit, args.hard)
    else:
        orchestrate(args)


if __name__ == "__main__":
    main()
