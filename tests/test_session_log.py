"""Receive side of a session: framing, stream-correct text, recording — real sockets."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.send.targets import ALL
from app.sessions.base import FramingConfig
from app.traffic.chunk import Direction
from app.traffic.recorder import read_records


def rx_entries(session) -> list[bytes]:
    return [e.data for e in session.log.entries() if e.direction == Direction.RX]


def test_line_framing_joins_and_splits_reads(qtbot, wired):
    client, peer = wired
    client.set_framing(FramingConfig("delimiter", b"\n"))
    peer.send(b"temp=2")
    qtbot.waitUntil(lambda: client.rx_total() == 6, timeout=5000)
    peer.send(b"3\nhum=4")
    qtbot.waitUntil(lambda: client.rx_total() == 13, timeout=5000)
    peer.send(b"1\n")
    qtbot.waitUntil(lambda: rx_entries(client) == [b"temp=23\n", b"hum=41\n"], timeout=5000)


def test_partial_line_is_shown_after_quiet_time(qtbot, wired):
    client, peer = wired
    client.set_framing(FramingConfig("delimiter", b"\r\n"))
    peer.send(b"> prompt without newline")
    qtbot.waitUntil(lambda: rx_entries(client) == [b"> prompt without newline"],
                    timeout=5000)


def test_idle_gap_merges_segments(qtbot, wired):
    client, peer = wired
    client.set_framing(FramingConfig("idle", gap=0.3))
    peer.send(b"\x01\x03")
    peer.send(b"\x04\x00")
    peer.send(b"\x17\x00\x29")
    qtbot.waitUntil(lambda: len(rx_entries(client)) == 1, timeout=5000)
    assert rx_entries(client) == [b"\x01\x03\x04\x00\x17\x00\x29"]


def test_each_read_is_an_entry_by_default(qtbot, wired):
    client, peer = wired
    peer.send(b"one")
    qtbot.waitUntil(lambda: rx_entries(client) == [b"one"], timeout=5000)
    peer.send(b"two")
    qtbot.waitUntil(lambda: rx_entries(client) == [b"one", b"two"], timeout=5000)


def test_pending_frame_is_kept_when_peer_closes(qtbot, wired):
    client, peer = wired
    client.set_framing(FramingConfig("delimiter", b"\n"))
    peer.send(b"no newline at the end")
    qtbot.waitUntil(lambda: client.rx_total() == 21, timeout=5000)
    peer.close()
    qtbot.waitUntil(lambda: rx_entries(client) == [b"no newline at the end"], timeout=5000)


def test_recording_is_byte_exact(qtbot, wired, tmp_path: Path):
    client, peer = wired
    path = tmp_path / "rx.bin"
    client.start_recording(path)
    payload = os.urandom(3 * 1024 * 1024 + 17)
    peer.send(payload)
    qtbot.waitUntil(lambda: client.rx_total() == len(payload), timeout=10000)
    assert client.stop_recording() == len(payload)
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(payload).digest()


def test_recording_both_directions(qtbot, wired, tmp_path: Path):
    client, peer = wired
    path = tmp_path / "both.ssrec"
    client.start_recording(path, both_directions=True)
    client.send(b"ping", ALL)
    assert peer.recv_exactly(4) == b"ping"
    peer.send(b"pong")
    qtbot.waitUntil(lambda: client.rx_total() == 4, timeout=5000)
    client.stop_recording()
    records = [(str(d), data) for d, _conn, _t, data in read_records(path)]
    assert records == [("tx", b"ping"), ("rx", b"pong")]


def test_recording_keeps_each_reply_after_its_request(qtbot, wired, tmp_path: Path):
    # The peer answers as soon as a request arrives; the send loop must have handed the
    # request on before the receive loop can hand on the answer, however they are scheduled.
    client, peer = wired
    path = tmp_path / "both.ssrec"
    client.start_recording(path, both_directions=True)
    rounds = 200
    for i in range(rounds):
        request = b"q%03d" % i
        client.send(request, ALL)
        assert peer.recv_exactly(4) == request
        peer.send(b"a%03d" % i)
        qtbot.waitUntil(lambda n=i + 1: client.rx_total() == 4 * n, timeout=5000)
    # The counter moves before the taps run; the log fills after them.
    qtbot.waitUntil(lambda: len(rx_entries(client)) == rounds, timeout=5000)
    client.stop_recording()
    directions = "".join("t" if str(d) == "tx" else "r"
                         for d, _conn, _t, _data in read_records(path))
    assert directions == "tr" * rounds


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_recording_error_stops_recording_not_the_session(qtbot, wired):
    client, peer = wired
    client.start_recording(Path("/dev/full"))
    with qtbot.waitSignal(client.recordingFailed, timeout=10000) as blocker:
        peer.send(os.urandom(2 * 1024 * 1024))
    assert "disk" in blocker.args[0].lower() or "space" in blocker.args[0].lower()
    qtbot.waitUntil(lambda: client.recorder is None, timeout=5000)
    peer.send(b"still here")
    qtbot.waitUntil(lambda: client.rx_total() == 2 * 1024 * 1024 + 10, timeout=5000)
    assert client.connections()  # the session is still connected


def test_memory_budget_trims_store_but_not_counters(qtbot, wired):
    client, peer = wired
    client.log.set_budget(256 * 1024)
    payload = os.urandom(2 * 1024 * 1024)
    peer.send(payload)
    qtbot.waitUntil(lambda: client.rx_total() == len(payload), timeout=10000)
    # Drains are spaced (DRAIN_INTERVAL): the counter may lead the log by one drain.
    qtbot.waitUntil(lambda: client.log.trimmed_bytes
                    + sum(len(d) for d in rx_entries(client)) == len(payload), timeout=5000)
    assert client.log.trimmed_bytes > 0
    assert client.log.stored_bytes <= 256 * 1024


def test_drains_are_spaced_but_traffic_after_quiet_is_drained_at_once(qtbot):
    """One drain per DRAIN_INTERVAL at most: a message after a quiet spell is in the log at
    once, the next one within the interval waits for the drain timer (an echo's round trip
    does not pay for a GUI wake-up per message)."""
    from app.sessions.tcp_server import TcpServerSession
    from app.traffic.framing import FrameRun

    session = TcpServerSession()
    try:
        session.sink.push_entries(7, Direction.RX, [FrameRun(0.0, b"first")])
        assert [e.data for e in session.log.entries()] == [b"first"]  # drained at once
        session.sink.push_entries(7, Direction.RX, [FrameRun(0.0, b"second")])
        assert len(session.log) == 1  # within the interval: left for the drain timer
        qtbot.waitUntil(lambda: len(session.log) == 2, timeout=2000)
        assert [e.data for e in session.log.entries()] == [b"first", b"second"]
    finally:
        session.close()
