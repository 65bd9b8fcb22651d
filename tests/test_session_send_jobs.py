"""Sends through the session API, no widgets: explicit targets, periodic and file sends as
jobs of the session, and ``close()`` stopping them. Real loopback sockets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from app.send.targets import ALL, NOBODY
from app.sessions.config import TcpServerConfig
from app.sessions.tcp_server import TcpServerSession
from app.workers import running_threads


@pytest.fixture
def server(qtbot):
    session = TcpServerSession()
    yield session
    session.close()


@pytest.fixture
def two_clients(qtbot, server, connect_peer):
    """The server listening on 127.0.0.1 with peers a and b: (a, b, a's id, b's id)."""
    with qtbot.waitSignal(server.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        server.open(TcpServerConfig("127.0.0.1", 0))
    a = connect_peer(server.port)
    qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
    b = connect_peer(server.port)
    qtbot.waitUntil(lambda: len(server.connections()) == 2, timeout=5000)
    a_id, b_id = (c.conn_id for c in server.connections())
    return a, b, a_id, b_id


def assert_silent(peer) -> None:
    peer.sock.settimeout(0.3)
    with pytest.raises(TimeoutError):
        peer.sock.recv(100)


def test_explicit_empty_target_list_sends_nothing(qtbot, server, two_clients):
    a, b, _a_id, _b_id = two_clients
    assert server.send(b"nobody", []) == 0
    assert server.send(b"nobody", NOBODY) == 0
    assert server.live_targets([]) == []
    assert server.send(b"all", ALL) == 2
    assert a.recv_exactly(3) == b"all"
    assert b.recv_exactly(3) == b"all"
    qtbot.waitUntil(lambda: server.tx_total() == 6, timeout=5000)
    assert_silent(a)
    assert_silent(b)
    assert server.tx_total() == 6


def test_send_to_a_client_that_left_reaches_nobody(qtbot, server, two_clients):
    a, b, a_id, b_id = two_clients
    with qtbot.waitSignal(server.connectionClosed, timeout=5000):
        a.reset()  # gone (a FIN alone would leave it half-closed, still a target)
    assert server.send(b"for a", [a_id]) == 0
    assert server.send(b"for a and b", [a_id, b_id]) == 1  # those left still get it
    assert b.recv_exactly(11) == b"for a and b"
    assert_silent(b)


def test_periodic_send_through_the_session_exact_count(qtbot, server, two_clients):
    a, b, _a_id, b_id = two_clients
    with qtbot.waitSignal(server.periodicDone, timeout=5000) as done:
        assert server.start_periodic(b"tick", 0.01, 3, [b_id])
    assert done.args == [3, ""]
    assert b.recv_exactly(12) == b"tick" * 3
    assert_silent(a)
    assert_silent(b)  # a 4th never comes
    qtbot.waitUntil(lambda: server.tx_total() == 12, timeout=5000)
    assert server.tx_messages() == 3
    assert not server.send_jobs.periodic_running


def test_periodic_to_selected_stops_when_they_have_all_gone(qtbot, server, two_clients):
    a, b, a_id, _b_id = two_clients
    assert server.start_periodic(b"x", 0.005, 0, [a_id])
    qtbot.waitUntil(lambda: server.tx_total() >= 3, timeout=5000)
    with qtbot.waitSignal(server.periodicDone, timeout=5000) as done:
        a.reset()  # gone (a FIN alone would leave it half-closed, still a target)
    sent, reason = done.args
    assert sent >= 3
    assert "selected client" in reason
    assert not server.send_jobs.periodic_running
    assert_silent(b)  # never widened to b
    assert "periodic-send" not in {t.objectName() for t in running_threads()}


def test_nothing_starts_without_a_target(qtbot, server, two_clients, tmp_path: Path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"data")
    assert not server.start_periodic(b"x", 0.01, 3, [])
    assert not server.start_file_send(path, [])
    assert not server.start_periodic(b"", 0.01, 3, ALL)
    assert not server.send_jobs.periodic_running and not server.send_jobs.file_running
    assert server.tx_total() == 0


def test_file_send_through_the_session(qtbot, server, two_clients, tmp_path: Path):
    a, b, a_id, _b_id = two_clients
    data = bytes(range(256)) * 4096 + b"end"
    path = tmp_path / "fw.bin"
    path.write_bytes(data)
    with qtbot.waitSignal(server.fileDone, timeout=10000) as done:
        assert server.start_file_send(path, [a_id])
        assert a.recv_exactly(len(data)) == data
    assert done.args == [len(data), ""]
    assert_silent(b)
    qtbot.waitUntil(lambda: server.tx_total() == len(data), timeout=5000)


def test_close_stops_periodic_and_file_sends(qtbot, server, two_clients, tmp_path: Path):
    big = tmp_path / "big.bin"
    with big.open("wb") as f:
        f.truncate(512 * 1024 * 1024)  # sparse: cheap to make, slow to send
    periodic_ends: list[tuple[int, str]] = []
    file_ends: list[tuple[int, str]] = []
    server.periodicDone.connect(lambda n, why: periodic_ends.append((n, why)))
    server.fileDone.connect(lambda n, why: file_ends.append((n, why)))
    assert server.start_periodic(b"p", 0.005, 0, ALL)
    assert server.start_file_send(big, ALL)
    qtbot.waitUntil(lambda: server.tx_total() > 1024 * 1024, timeout=5000)
    server.close()
    names = {t.objectName() for t in running_threads()}
    assert not names & {"periodic-send", "file-send"}
    assert running_threads() == []
    assert not server.send_jobs.periodic_running and not server.send_jobs.file_running
    assert len(periodic_ends) == 1 and periodic_ends[0][0] >= 1
    assert len(file_ends) == 1 and "cancelled" in file_ends[0][1]
    # The workers' own "done" signals were queued before they finished; deliver them now:
    # they are swallowed, so each job ended exactly once.
    QCoreApplication.processEvents()
    assert len(periodic_ends) == 1 and len(file_ends) == 1
