"""The engine without a window: run as a script under a ``QCoreApplication`` (by
``tests/test_headless_engine.py``, in a subprocess so no other test's imports count).

A TCP server session and a TCP client session connected to it on 127.0.0.1 exchange bytes
both ways, the client runs a periodic send of 3 through the session API, and both close.
Prints one JSON object with what was observed; the test judges it.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from app.send.targets import ALL
from app.sessions.config import TcpClientConfig, TcpServerConfig
from app.sessions.tcp_client import TcpClientSession
from app.sessions.tcp_server import TcpServerSession
from app.traffic.chunk import Direction
from app.workers import running_threads


def wait_until(predicate: Callable[[], bool], what: str, timeout_s: float = 5.0) -> None:
    """Run the event loop until ``predicate()`` holds; AssertionError after ``timeout_s``."""
    if predicate():
        return
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s

    def check() -> None:
        if predicate() or time.monotonic() > deadline:
            loop.quit()

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    if not predicate():
        raise AssertionError(f"timed out waiting for {what}")


def received(session: TcpServerSession | TcpClientSession) -> bytes:
    return b"".join(e.data for e in session.log.entries() if e.direction == Direction.RX)


def main() -> int:
    app = QCoreApplication(sys.argv)
    server = TcpServerSession()
    client = TcpClientSession()
    periodic_done: list[tuple[int, str]] = []
    client.periodicDone.connect(lambda n, why: periodic_done.append((n, why)))
    try:
        server.open(TcpServerConfig("127.0.0.1", 0))
        wait_until(lambda: server.state == "open", "the server to listen")
        client.open(TcpClientConfig("127.0.0.1", server.port))
        wait_until(lambda: client.state == "open", "the client to connect")
        wait_until(lambda: len(server.connections()) == 1, "the server to accept")

        to_server = "你好, server\n".encode()
        to_client = bytes(range(256))
        assert client.send(to_server, ALL) == 1
        assert server.send(to_client, ALL) == 1
        wait_until(lambda: received(client) == to_client, "the bytes to the client")
        wait_until(lambda: received(server) == to_server, "the bytes to the server")

        started = client.start_periodic(b"tick", 0.01, 3, ALL)
        want = to_server + b"tick" * 3
        wait_until(lambda: received(server) == want and bool(periodic_done),
                   "the periodic send")
        wait_until(lambda: client.tx_total() == len(want), "the client's TX count")
        result = {
            "periodic_started": started,
            "periodic_done": periodic_done,
            "server_received": received(server).hex(),
            "client_received": received(client).hex(),
            "server_rx": server.rx_total(),
            "server_tx": server.tx_total(),
            "client_rx": client.rx_total(),
            "client_tx": client.tx_total(),
            "client_tx_messages": client.tx_messages(),
        }
    finally:
        client.close()
        server.close()
    result["threads_left"] = [t.objectName() for t in running_threads()]
    result["gui_modules"] = sorted(
        name for name in sys.modules if name.startswith(("PySide6.QtWidgets", "PySide6.QtGui")))
    print(json.dumps(result))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
