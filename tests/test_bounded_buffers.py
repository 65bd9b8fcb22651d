"""Bounded buffers with back-pressure, and GUI-thread work that follows changes only.

Real loopback peers that stop reading; bounds are made small here so each case fills them
quickly. Issue 13, items 4 and 5.
"""

from __future__ import annotations

import hashlib
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

import app.net.send_bound as send_bound
import app.net.tcp_connection as tcp_connection
import app.sessions.base as session_module
import app.traffic.sink as sink_module
from app.send.targets import ALL
from app.sessions.base import Session
from app.sessions.config import TcpServerConfig
from app.sessions.tcp_server import TcpServerSession
from app.traffic.chunk import Direction
from app.traffic.log_store import LogStore
from tests.ui_helpers import child, click, status, type_send
from ui.client_list_model import ClientListModel

BOUND = 256 * 1024


@pytest.fixture
def server(qtbot):
    session = TcpServerSession()
    yield session
    session.close()


@pytest.fixture
def stalled(qtbot, server, connect_peer):
    """The server with one client that never reads (small receive buffer): (peer, conn)."""
    with qtbot.waitSignal(server.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        server.open(TcpServerConfig("127.0.0.1", 0))
    peer = connect_peer(server.port)
    qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
    return peer, server.connections()[0]


def drain_peer(peer, n: int) -> bytes:
    return peer.recv_exactly(n)


def test_a_send_that_does_not_fit_is_refused(qtbot, server, stalled, monkeypatch):
    monkeypatch.setattr(send_bound, "MAX_QUEUED", BOUND)
    peer, conn = stalled
    payload = b"x" * (64 * 1024)
    took_total = 0
    full = 0
    for _ in range(2000):  # the kernel's buffers take some MB first, then the queue fills
        took, full = server.offer(payload, ALL)
        took_total += took
        assert conn.queued_bytes <= BOUND
        if full:
            break
    assert full == 1 and took == 0
    assert server.send(payload, ALL) == 0
    # What was taken is all written once the peer reads: nothing lost, nothing extra.
    got = drain_peer(peer, took_total * len(payload))
    assert len(got) == took_total * len(payload)
    qtbot.waitUntil(lambda: server.queued_bytes() == 0, timeout=5000)
    assert server.tx_total() == len(got)


def test_periodic_waits_for_room_and_stop_discards(qtbot, server, stalled, monkeypatch):
    monkeypatch.setattr(send_bound, "MAX_QUEUED", BOUND)
    peer, conn = stalled
    payload = b"p" * 1024
    assert server.start_periodic(payload, 0.001, 0, ALL)
    # The queue fills and stays at its bound: the periodic worker waits, it does not grow it.
    qtbot.waitUntil(lambda: conn.queued_bytes > BOUND - 2 * len(payload), timeout=20000)
    sent_then = server.send_jobs._periodic.sent  # type: ignore[union-attr]
    # The periodic worker is blocked waiting for room, so it reports nothing: let 0.3 s pass.
    timer = QTimer(server)
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=5000):
        timer.start(300)
    assert conn.queued_bytes <= BOUND
    assert server.send_jobs._periodic.sent - sent_then <= 2  # type: ignore[union-attr]
    made = server.stop_periodic()
    dropped = server.discard_queued()
    assert dropped >= BOUND - 3 * len(payload)
    assert conn.queued_bytes <= len(payload)  # at most the payload being written now
    # The TX counter counted written bytes only: the peer gets exactly tx_total once drained.
    written = made * len(payload) - dropped
    got = drain_peer(peer, written)
    assert len(got) == written
    qtbot.waitUntil(lambda: server.queued_bytes() == 0, timeout=5000)
    assert server.tx_total() == written


def test_receive_worker_pauses_while_its_share_is_full(qtbot, server, stalled, monkeypatch):
    monkeypatch.setattr(sink_module, "HANDOVER_BUDGET", 128 * 1024)
    monkeypatch.setattr(sink_module, "MIN_SHARE", 128 * 1024)
    peer, conn = stalled
    payload = bytes(range(256)) * (4 * 1024 * 16)  # 16 MiB
    seen = bytearray()
    server.chunksArrived.connect(
        lambda chunks: seen.extend(b"".join(c.data for c in chunks if c.direction == Direction.RX)))
    writer_done = threading.Event()

    def write() -> None:
        peer.sock.settimeout(30)
        peer.sock.sendall(payload)
        writer_done.set()

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    # No event loop runs here, so nothing is drained: the reader must stop at its share and
    # the writer must stall (the kernel's buffers are far below 16 MiB).
    pending_max = 0
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and not writer_done.is_set():
        pending_max = max(pending_max, server.sink.pending_bytes(conn.conn_id))
        if writer_done.wait(0.05):
            break
    assert not writer_done.is_set()
    assert pending_max <= 128 * 1024 + tcp_connection.RECV_SIZE
    # Draining lets it go on; every byte arrives, in order.
    qtbot.waitUntil(lambda: server.rx_total() == len(payload), timeout=30000)
    assert writer_done.wait(5)
    writer.join(5)
    qtbot.waitUntil(lambda: len(seen) == len(payload), timeout=5000)
    assert hashlib.sha256(seen).digest() == hashlib.sha256(payload).digest()


class _FakeConn:
    """What the session and the client list read of a connection, without a socket."""

    def __init__(self, conn_id: int) -> None:
        self.conn_id = conn_id
        self.peer = f"10.0.{conn_id // 256 % 256}.{conn_id % 256}:{1000 + conn_id % 60000}"
        self.local = "127.0.0.1:9000"
        self.since = time.time()
        self.rx_bytes = self.tx_bytes = self.rx_chunks = self.tx_chunks = 0
        self.queued_bytes = 0
        self.end_note = ""
        self.end_error = False
        self.half_closed = False

    def close(self, _timeout_ms: int = 0) -> bool:
        return True


def test_peer_labels_of_6000_churned_peers_never_scan_the_log(qtbot, monkeypatch):
    monkeypatch.setattr(session_module, "PEER_LABELS_KEPT", 100)
    session = Session()
    scans = 0
    original_iter = LogStore.__iter__

    def counting_iter(self):
        nonlocal scans
        scans += 1
        return original_iter(self)

    monkeypatch.setattr(LogStore, "__iter__", counting_iter)
    for _ in range(50_000):  # a big log of an old talker
        session.log.append(1, Direction.RX, 0.0, b"x")
    session._peer_labels[1] = "talker"
    talkers = []
    start = time.perf_counter()
    for conn_id in range(2, 6002):
        conn = _FakeConn(conn_id)
        session._connections[conn_id] = conn  # type: ignore[assignment]
        session._peer_labels[conn_id] = conn.peer
        if conn_id % 1000 == 0:  # a few leave entries behind
            session.log.append(conn_id, Direction.RX, 0.0, b"hello")
            talkers.append(conn_id)
        session._on_connection_ended(conn_id)
    elapsed = time.perf_counter() - start
    assert scans == 0
    assert len(session._peer_labels) <= 100
    assert session.peer_label(1) == "talker"
    for conn_id in talkers:  # still in the log: still named
        assert session.peer_label(conn_id).startswith("10.0.")
    assert elapsed < 2.0, elapsed
    # Trimming their last entries lets the labels go.
    session.log.clear()
    for conn_id in range(7000, 7100):  # more churn: the oldest unneeded labels go first
        session._connections[conn_id] = _FakeConn(conn_id)  # type: ignore[assignment]
        session._peer_labels[conn_id] = "later"
        session._on_connection_ended(conn_id)
    assert all(session.peer_label(conn_id) == "?" for conn_id in talkers)
    assert len(session._peer_labels) <= 100


def test_client_list_repaints_only_changed_rows(qtbot):
    session = Session()
    conns = [_FakeConn(i) for i in range(20)]
    for conn in conns:
        session._connections[conn.conn_id] = conn  # type: ignore[assignment]
    model = ClientListModel(session)
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles: changed.append(
        (a.row(), b.row(), a.column(), b.column())))
    model.refresh_counters()
    assert changed == []  # idle clients: nothing to repaint
    conns[3].rx_bytes = 10
    conns[4].tx_bytes = 5
    conns[10].rx_bytes = 7
    model.refresh_counters()
    assert changed == [(3, 4, 2, 4), (10, 10, 2, 4)]  # last activity, RX, TX
    changed.clear()
    model.refresh_counters()
    assert changed == []


def test_close_stores_what_arrived_before_it_then_the_close_event(qtbot, server, stalled):
    peer, conn = stalled
    peer.send(b"late words")
    # No event loop runs while we wait, so the GUI thread cannot drain it before close.
    arrived = threading.Event()
    for _ in range(500):
        if conn.rx_bytes == 10 or arrived.wait(0.01):
            break
    assert server.sink.pending_bytes() == 10
    server.close()
    # What came before the Stop is in the log (a CLI prints it, a user sees it), and the
    # close event after it.
    assert [e.data for e in server.log.traffic()][-1:] == [b"late words"]
    assert [e.event.text for e in server.log.entries()[-1:] if e.event] == [
        "closed (the server stopped)"]
    assert server.log.trimmed_entries == 0
    assert server.rx_total() == 10


def test_page_counts_written_bytes_refuses_in_words_and_stop_discards(
        qtbot, window, connect_peer, monkeypatch):
    monkeypatch.setattr(send_bound, "MAX_QUEUED", BOUND)
    from tests.ui_helpers import listen_on_loopback

    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    session = page.session
    qtbot.waitUntil(lambda: len(session.connections()) == 1, timeout=5000)
    child(page, "repeatCheck").setChecked(True)
    child(page, "repeatIntervalSpin").setValue(1)
    type_send(page, "x" * 1000)
    click(qtbot, page, "sendButton")
    tx_label = child(page, "txCountLabel")
    repeat_label = child(page, "repeatStatusLabel")
    qtbot.waitUntil(lambda: "queued" in tx_label.text(), timeout=20000)
    qtbot.waitUntil(lambda: "queued" in repeat_label.text(), timeout=5000)
    qtbot.waitUntil(lambda: session.queued_bytes() > BOUND // 2, timeout=20000)
    click(qtbot, page, "sendButton")  # Stop
    assert "discarded" in status(page)
    assert session.queued_bytes() <= 1000
    # The repeat label no longer counts the discarded bytes as waiting.
    left = session.queued_bytes()
    assert (f"({left:,} B not yet written)" in repeat_label.text() if left
            else "not yet written" not in repeat_label.text())
    # A click while the queue is full is refused in words.
    child(page, "repeatCheck").setChecked(False)
    conn = session.connections()[0]
    while session.offer(b"y" * 1000, ALL)[1] == 0:
        assert conn.queued_bytes <= BOUND
    click(qtbot, page, "sendButton")
    assert "not reading" in status(page)
    assert conn.queued_bytes <= BOUND
    peer.close()
