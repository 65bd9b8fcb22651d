"""Ctrl+C (SIGINT) and SIGTERM close the window app as its close button does, without the
question about open connections (trial report item 15: SIGINT was ignored)."""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

_START = ("import sys; from ui.launch import main; "
          "sys.exit(main(['socketscope', '--listen', sys.argv[1]]))")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_window(home: Path, listen: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", HOME=str(home),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               SOCKETSCOPE_LANGUAGE="en", PYTHONIOENCODING="utf-8",
               # The smoke report says when the event loop runs; it would end the run only
               # after two minutes, so an exit before that is the signal's doing.
               SOCKETSCOPE_SMOKE_SECONDS="120")
    return subprocess.Popen([sys.executable, "-c", _START, listen], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def _wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float) -> str:
    assert proc.stdout is not None
    seen = []
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not selector.select(deadline - time.monotonic()):
                break
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if needle in line:
                return line
    proc.kill()
    raise AssertionError(f"no “{needle}” within {timeout} s; got {seen!r}")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_closes_the_window_cleanly_without_asking(tmp_path, signum):
    port = _free_port()
    proc = _start_window(tmp_path, f"127.0.0.1:{port}")
    client = None
    try:
        _wait_for_line(proc, "event loop running", timeout=60)
        # A connected client: the close button would ask first; a signal must not (nobody
        # may be at the screen, and the question would hold the process forever).
        client = socket.create_connection(("127.0.0.1", port), timeout=10)
        sent = time.monotonic()
        proc.send_signal(signum)
        code = proc.wait(timeout=15)
        took = time.monotonic() - sent
        assert client.recv(1) == b""  # the session was closed: the client saw the end
    finally:
        if client is not None:
            client.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = proc.stderr.read() if proc.stderr else ""
    assert code == 0, stderr
    assert took < 5
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    # Closed as the close button does: the window's shutdown stored the page list and geometry.
    stored = (tmp_path / "config" / "SocketScope" / "SocketScope.conf").read_text("utf-8")
    assert "geometry=" in stored and "pages=" in stored
