"""The UDP send queue is bounded as a TCP connection's is: a send that does not fit is refused
with words in the window, the periodic and file senders wait for room, counters stay exact.

The send loop is held inside its first datagram (``_SendLoop._send_one`` waits on an event), so
nothing drains while a test fills the queue; releasing it lets everything go.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget

from app.net.send_bound import MAX_QUEUED
from app.net.udp_socket import _SendLoop
from app.send.targets import ALL
from app.sessions.config import UdpConfig
from app.sessions.udp import UdpSession
from app.traffic.chunk import Direction
from tests.ui_helpers import child, click, state, status, type_send

WAIT = 5000
BIG = 65000


class Held:
    """``release`` lets the send loops go; ``entered`` is set once one holds a datagram."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()


@pytest.fixture
def held_sends(monkeypatch) -> Iterator[Held]:
    """Hold every UDP send loop inside its next datagram until released (or the socket
    closes); released at the end of the test."""
    held = Held()
    original = _SendLoop._send_one

    def send_one(self: _SendLoop, data: bytes, dest) -> None:  # noqa: ANN001
        held.entered.set()
        while not held.release.is_set() and not self.stopping:
            held.release.wait(0.05)
        original(self, data, dest)

    monkeypatch.setattr(_SendLoop, "_send_one", send_one)
    yield held
    held.release.set()


@pytest.fixture
def udp(qtbot) -> Iterator[UdpSession]:
    session = UdpSession()
    with qtbot.waitSignal(session.stateChanged, timeout=WAIT,
                          check_params_cb=lambda s: s == "open"):
        session.open(UdpConfig(host="127.0.0.1", port=0))
    yield session
    session.close()


@pytest.fixture
def sink() -> Iterator[socket.socket]:
    """A socket the datagrams go to (it never reads: the kernel drops what does not fit)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    yield sock
    sock.close()


def fill(qtbot, session: UdpSession, held: Held) -> list[int]:
    """Send datagrams to the destination until the queue is exactly full, the first one held
    in the send loop; their sizes."""
    assert session.send(b"q" * BIG, ALL) == 1
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT)
    sizes = [BIG]
    for size in (BIG, 1000, 1):
        for _ in range(1000):  # an unbounded queue would take them all: stop somewhere
            if not session.send(b"q" * size, ALL):
                break
            sizes.append(size)
    return sizes


def parked_in_queue(thread_name: str) -> bool:
    """True while the thread named ``thread_name`` waits for room in a UDP send queue."""
    for thread in threading.enumerate():
        if thread.name != thread_name or thread.ident is None:
            continue
        frame = sys._current_frames().get(thread.ident)
        while frame is not None:
            if frame.f_code.co_name == "_queue" and "udp_socket" in frame.f_code.co_filename:
                return True
            frame = frame.f_back
    return False


def tx_entries(session: UdpSession) -> list[bytes]:
    return [e.data for e in session.log if e.direction == Direction.TX]


def test_the_queue_stops_at_its_bound_and_a_send_that_does_not_fit_is_refused(
        qtbot, held_sends, udp, sink):
    udp.set_destination("127.0.0.1", sink.getsockname()[1])
    sizes = fill(qtbot, udp, held_sends)
    assert udp.queued_bytes() == sum(sizes) == MAX_QUEUED
    assert sizes.count(BIG) == MAX_QUEUED // BIG
    assert udp.offer(b"one more", ALL) == (0, 1)
    assert "still waiting to be sent from this socket" in udp.refusal
    assert f"{MAX_QUEUED:,} bytes" in udp.refusal
    # Nothing was sent yet: nothing counted, nothing logged.
    assert (udp.tx_total(), udp.tx_messages(), tx_entries(udp)) == (0, 0, [])

    held_sends.release.set()
    qtbot.waitUntil(lambda: udp.tx_messages() == len(sizes), timeout=WAIT)
    assert udp.tx_total() == MAX_QUEUED
    assert udp.queued_bytes() == 0
    # One entry per datagram sent, in order (under a flood the log keeps the newest of
    # each drain and counts the rest as trimmed).
    qtbot.waitUntil(lambda: len(udp.log) + udp.log.trimmed_entries == len(sizes),
                    timeout=WAIT)
    kept = [len(data) for data in tx_entries(udp)]
    rest = iter(sizes)
    assert kept[-1] == 1 and all(size in rest for size in kept)
    assert udp.send(b"fits again", ALL) == 1


def test_discarding_drops_what_waits_and_counts_nothing_of_it(qtbot, held_sends, udp, sink):
    udp.set_destination("127.0.0.1", sink.getsockname()[1])
    sizes = fill(qtbot, udp, held_sends)
    # The first datagram is in the send loop already: everything after it is dropped.
    assert udp.discard_queued(ALL) == MAX_QUEUED - sizes[0]
    assert udp.queued_bytes() == sizes[0]
    held_sends.release.set()
    qtbot.waitUntil(lambda: udp.queued_bytes() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: udp.tx_messages() == 1, timeout=WAIT)
    assert udp.tx_total() == sizes[0]


def test_a_periodic_send_waits_for_room_and_the_queue_stays_bounded(
        qtbot, held_sends, udp, sink):
    udp.set_destination("127.0.0.1", sink.getsockname()[1])
    assert udp.start_periodic(b"p" * BIG, 0.001, 0, ALL)
    # One datagram in the send loop, the queue full behind it, the sender waiting for room.
    qtbot.waitUntil(lambda: parked_in_queue("periodic-send"), timeout=WAIT)
    qtbot.waitUntil(held_sends.entered.is_set, timeout=WAIT)
    held = MAX_QUEUED // BIG  # the one in the send loop counts in the queued bytes too
    assert udp.queued_bytes() == held * BIG <= MAX_QUEUED
    assert udp.tx_messages() == 0
    with qtbot.waitSignal(udp.periodicDone, timeout=WAIT) as done:
        udp.stop_periodic()
    assert done.args == [held, ""]  # every send made was taken; none was lost or doubled
    assert udp.discard_queued(ALL) == (held - 1) * BIG
    held_sends.release.set()
    qtbot.waitUntil(lambda: udp.tx_messages() == 1 and udp.queued_bytes() == 0, timeout=WAIT)
    assert udp.tx_total() == BIG


def test_a_file_send_waits_for_room_and_sends_every_byte_once(
        qtbot, held_sends, udp, tmp_path):
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        receiver.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(2)
        size = 12 * 1024 * 1024 + 123
        path = tmp_path / "big.bin"
        path.write_bytes(bytes(range(256)) * (size // 256) + b"z" * (size % 256))
        udp.set_datagram_size(60000)
        udp.set_destination("127.0.0.1", receiver.getsockname()[1])
        assert udp.start_file_send(path, ALL)
        # The file sender holds back (the queue is full) instead of reading the whole file.
        qtbot.waitUntil(lambda: udp.queued_bytes() > MAX_QUEUED - 60000, timeout=WAIT)
        assert udp.queued_bytes() <= MAX_QUEUED
        assert udp.tx_messages() == 0
        with qtbot.waitSignal(udp.fileDone, timeout=20000) as done:
            held_sends.release.set()
        assert done.args == [size, ""]
        datagrams = -(-size // 60000)
        qtbot.waitUntil(lambda: udp.tx_messages() == datagrams, timeout=WAIT)
        assert udp.tx_total() == size
        assert udp.queued_bytes() == 0
    finally:
        receiver.close()


def test_the_page_refuses_a_click_that_does_not_fit_in_words(qtbot, window, held_sends, sink):
    page = window.findChild(QWidget, "udpSession")
    child(page, "localAddressCombo").setCurrentText("127.0.0.1")
    child(page, "localPortSpin").setValue(0)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=WAIT)
    session: UdpSession = page.session
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.bind(("127.0.0.1", 0))
        peer.settimeout(3)
        # The queue filled by earlier sends (to another socket), the page's target is peer.
        session.set_destination("127.0.0.1", sink.getsockname()[1])
        sizes = fill(qtbot, session, held_sends)
        child(page, "remoteHostEdit").setText("127.0.0.1")
        child(page, "remotePortSpin").setValue(peer.getsockname()[1])
        type_send(page, "pong")
        click(qtbot, page, "sendButton")
        assert "still waiting to be sent from this socket" in status(page)
        assert f"{MAX_QUEUED:,}" in status(page)
        assert state(page) == "open"

        held_sends.release.set()
        qtbot.waitUntil(lambda: session.queued_bytes() == 0, timeout=WAIT)
        click(qtbot, page, "sendButton")
        data, sender = peer.recvfrom(100)
        assert (data, sender[1]) == (b"pong", session.port)
        qtbot.waitUntil(lambda: session.tx_messages() == len(sizes) + 1, timeout=WAIT)
        assert session.tx_total() == MAX_QUEUED + 4
        page.refresh_counters()
        assert child(page, "txCountLabel").text() == \
            f"TX: {MAX_QUEUED + 4:,} B ({len(sizes) + 1:,} datagrams)"
