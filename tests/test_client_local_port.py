"""The client's local-port bind: exclusive on Windows, reusable elsewhere (issue 12)."""

from __future__ import annotations

import socket
import sys

import pytest

from app.net import connector


class RecordingSocket:
    """Stands in for a socket: records the options set and the address bound."""

    def __init__(self) -> None:
        self.options: list[tuple[int, int, int]] = []
        self.bound: tuple | None = None

    def setsockopt(self, level: int, option: int, value: int) -> None:
        self.options.append((level, option, value))

    def bind(self, address: tuple) -> None:
        self.bound = address


def test_windows_bind_asks_for_exclusive_use_not_reuse(monkeypatch) -> None:
    exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", -5)
    monkeypatch.setattr(socket, "SO_EXCLUSIVEADDRUSE", exclusive, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    sock = RecordingSocket()
    connector.bind_local_port(sock, socket.AF_INET, 40001)  # type: ignore[arg-type]
    assert sock.options == [(socket.SOL_SOCKET, exclusive, 1)]
    assert (socket.SOL_SOCKET, socket.SO_REUSEADDR, 1) not in sock.options
    assert sock.bound == ("0.0.0.0", 40001)


def test_other_platforms_reuse_the_address(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    sock = RecordingSocket()
    connector.bind_local_port(sock, socket.AF_INET6, 40002)  # type: ignore[arg-type]
    assert sock.options == [(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)]
    assert sock.bound == ("::", 40002)


@pytest.mark.skipif(sys.platform == "win32", reason="the real bind checked on POSIX only")
def test_real_bind_to_a_port_held_by_a_listener_fails() -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    client = socket.socket()
    try:
        with pytest.raises(OSError):
            connector.bind_local_port(client, socket.AF_INET, port)
    finally:
        client.close()
        holder.close()
