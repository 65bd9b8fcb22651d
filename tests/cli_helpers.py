"""Running ``socketscope-cli`` as a real process in tests, and a fake Modbus RTU-over-TCP
device (a plain socket server) to run scenarios against."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

from app.send.checksums import checksum_bytes

ROOT = Path(__file__).resolve().parent.parent


def cli_env(lang: str = "C.UTF-8") -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), LANG=lang, LC_ALL=lang, LANGUAGE="",
               PYTHONIOENCODING="utf-8")
    env.pop("QT_QPA_PLATFORM", None)  # a QCoreApplication needs no platform plugin
    return env


def run_cli(*args: str, timeout: float = 30,
            lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    """Run ``python -m app.cli ARGS`` to the end, in the language ``lang``."""
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env=cli_env(lang))


def start_cli(*args: str) -> subprocess.Popen[str]:
    """Start ``python -m app.cli ARGS`` in the background (the caller stops it)."""
    return subprocess.Popen([sys.executable, "-m", "app.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=cli_env())


#: Register values the fake device holds (function 03 reads them).
REGISTERS = list(range(100, 110))


def modbus_reply(request: bytes) -> bytes | None:
    """The device's answer to a ``01 03 start count CRC`` request, or None (it stays
    silent, like a real device, for anything else or a bad CRC)."""
    if len(request) != 8 or request[:2] != b"\x01\x03":
        return None
    if checksum_bytes("crc16-modbus", request[:6]) != request[6:]:
        return None
    start, count = int.from_bytes(request[2:4], "big"), int.from_bytes(request[4:6], "big")
    values = REGISTERS[start:start + count]
    body = bytes([1, 3, 2 * len(values)]) + b"".join(v.to_bytes(2, "big") for v in values)
    return body + checksum_bytes("crc16-modbus", body)


class FakeModbusDevice:
    """Answers function-03 requests on 127.0.0.1:``port``, one client at a time."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.settimeout(0.1)
            with sock:
                while not self._stop.is_set():
                    try:
                        data = sock.recv(256)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not data:
                        break
                    self.requests.append(data)
                    reply = modbus_reply(data)
                    if reply is not None:
                        sock.sendall(reply)

    def close(self) -> None:
        self._stop.set()
        self.listener.close()
        self._thread.join(5)
