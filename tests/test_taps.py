"""Taps (app.traffic.taps): called in order, in the worker thread, with the connection; the
session's raw chunksArrived signal; the bounded drain into the log store."""

from __future__ import annotations

import os
import threading

import pytest

from app.send.targets import ALL
from app.sessions.base import BACKLOG_ENTRIES, DRAIN_ENTRIES, FramingConfig, Session
from app.traffic.chunk import Chunk, Direction
from app.traffic.framing import FrameRun
from app.traffic.taps import Link, TapList


class RecordingTap:
    """Notes what it saw and in which thread; may answer through the link."""

    def __init__(self, name: str, seen: list, reply: bytes = b"") -> None:
        self.name = name
        self.seen = seen
        self.reply = reply

    def on_chunk(self, chunk: Chunk, link: Link) -> None:
        self.seen.append((self.name, chunk.direction, chunk.data, link.conn_id,
                          link.peer, threading.get_ident()))
        if self.reply and chunk.direction is Direction.RX:
            link.send(self.reply)


def test_taps_run_in_order_in_the_worker_with_the_connection(qtbot, wired, tmp_path):
    client, peer = wired
    seen: list = []
    client.sink.taps.add(RecordingTap("second", seen))
    client.sink.taps.add(RecordingTap("first", seen, reply=b"ack"), 0)
    client.start_recording(tmp_path / "rx.bin")  # the recorder goes before both
    assert list(client.sink.taps)[0] is client.recorder
    peer.send(b"ping")
    assert peer.recv_exactly(3) == b"ack"  # the tap answered from the receive worker
    qtbot.waitUntil(lambda: len(seen) == 4, timeout=5000)
    conn = client.connections()[0]
    assert [(name, d, data) for name, d, data, *_ in seen] == [
        ("first", Direction.RX, b"ping"), ("second", Direction.RX, b"ping"),
        ("first", Direction.TX, b"ack"), ("second", Direction.TX, b"ack")]
    assert {(conn_id, p) for *_, conn_id, p, _thread in seen} == {(conn.conn_id, conn.peer)}
    threads = [thread for *_, thread in seen]
    assert threading.get_ident() not in threads  # never the GUI thread
    assert threads[0] == threads[1] and threads[2] == threads[3]  # receive, then send worker
    assert threads[0] != threads[2]
    assert client.stop_recording() == 4


def test_a_removed_tap_is_not_called_and_a_failing_tap_does_not_stop_traffic(qtbot, wired):
    client, peer = wired
    seen: list = []
    gone = RecordingTap("gone", seen)

    class Broken:
        def on_chunk(self, chunk: Chunk, link: Link) -> None:
            raise RuntimeError("bug in a tap")

    client.sink.taps.add(gone)
    client.sink.taps.add(Broken())  # type: ignore[arg-type]
    kept = RecordingTap("kept", seen)
    client.sink.taps.add(kept)
    assert client.sink.taps.remove(gone)
    assert not client.sink.taps.remove(gone)
    peer.send(b"data")
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    assert seen[0][:3] == ("kept", Direction.RX, b"data")
    qtbot.waitUntil(lambda: client.rx_total() == 4, timeout=5000)


def test_tap_list_is_copy_on_write():
    taps = TapList()
    calls: list[str] = []

    class SelfRemoving:
        def on_chunk(self, chunk: Chunk, link: Link) -> None:
            calls.append("a")
            taps.remove(self)

    class Plain:
        def on_chunk(self, chunk: Chunk, link: Link) -> None:
            calls.append("b")

    taps.add(SelfRemoving())
    taps.add(Plain())
    chunk = Chunk(1, Direction.RX, b"x", 0.0)
    taps.call(chunk, None)  # type: ignore[arg-type]
    taps.call(chunk, None)  # type: ignore[arg-type]
    # The first call went on over the tuple it started with; the second saw the new one.
    assert calls == ["a", "b", "b"]
    assert len(taps) == 1


def test_a_tap_that_reads_no_chunks_still_gets_the_messages():
    taps = TapList()
    calls: list[str] = []

    class Answering:
        reads_chunks = False  # answers messages only: skipped per read

        def on_chunk(self, chunk: Chunk, link: Link) -> None:
            calls.append("chunk")

        def on_entries(self, runs: list[FrameRun], link: Link) -> None:
            calls.append("entries")

    taps.add(Answering())
    taps.call(Chunk(1, Direction.RX, b"x", 0.0), None)  # type: ignore[arg-type]
    taps.call_entries([FrameRun(0.0, b"x")], None)  # type: ignore[arg-type]
    assert calls == ["entries"]
    assert len(taps) == 1


@pytest.mark.parametrize("framing", [
    FramingConfig(), FramingConfig("delimiter", b"\n"), FramingConfig("delimiter", b"\r\n"),
    FramingConfig("idle", gap=0.05)], ids=["chunk", "lf", "crlf", "idle"])
def test_chunks_arrived_carries_exactly_the_bytes_whatever_framing_and_budget(
        qtbot, wired, framing):
    client, peer = wired
    client.set_framing(framing)
    client.log.set_budget(4096)  # the log keeps almost nothing; the raw signal keeps all
    got: list[Chunk] = []
    client.chunksArrived.connect(got.extend)
    payload = os.urandom(300_000).replace(b"\x00", b"\n")
    client.send(b"hello", ALL)
    peer.send(payload)
    assert peer.recv_exactly(5) == b"hello"
    qtbot.waitUntil(lambda: sum(len(c.data) for c in got if c.direction is Direction.RX)
                    == len(payload), timeout=10000)
    # The TX chunk is handed on by the send worker, maybe after the last RX one.
    qtbot.waitUntil(lambda: any(c.direction is Direction.TX for c in got), timeout=5000)
    assert b"".join(c.data for c in got if c.direction is Direction.RX) == payload
    assert [c.data for c in got if c.direction is Direction.TX] == [b"hello"]
    assert client.log.trimmed_bytes > 0
    rx_times = [c.t for c in got if c.direction is Direction.RX]
    assert rx_times == sorted(rx_times)


def test_framing_change_while_connected_shows_the_pending_bytes_first(qtbot, wired):
    client, peer = wired
    # A partial line would wait 10 s for its delimiter; the change must not wait for that.
    client.set_framing(FramingConfig("delimiter", b"\n", gap=10.0))
    peer.send(b"one\ntw")
    qtbot.waitUntil(lambda: client.rx_total() == 6, timeout=5000)
    client.set_framing(FramingConfig())
    qtbot.waitUntil(lambda: [e.data for e in client.log.traffic()] == [b"one\n", b"tw"],
                    timeout=3000)
    peer.send(b"o\nthree")
    qtbot.waitUntil(lambda: [e.data for e in client.log.traffic()][2:] == [b"o\nthree"],
                    timeout=5000)


def test_pending_bytes_are_in_the_log_before_the_connection_is_reported_closed(qtbot, wired):
    client, peer = wired
    client.set_framing(FramingConfig("delimiter", b"\n", gap=10.0))
    peer.send(b"line\nno end")
    qtbot.waitUntil(lambda: client.rx_total() == 11, timeout=5000)
    at_event: list[list[bytes]] = []
    client.connectionEvent.connect(
        lambda _e: at_event.append([e.data for e in client.log.traffic()]))
    with qtbot.waitSignal(client.connectionEvent, timeout=5000):
        peer.close()  # a FIN: the half-close is reported after what came before it
    at_close: list[list[bytes]] = []
    client.connectionClosed.connect(
        lambda _c: at_close.append([e.data for e in client.log.traffic()]))
    with qtbot.waitSignal(client.connectionClosed, timeout=5000):
        client.close()
    assert at_event[0] == [b"line\n", b"no end"]
    assert at_close == [[b"line\n", b"no end"]]


def test_a_burst_bigger_than_a_drain_is_stored_over_the_next_drains_whole(qtbot):
    session = Session()
    older = DRAIN_ENTRIES
    newer = 300
    with qtbot.waitSignal(session.logAppended, timeout=2000):
        session.sink.push_entries(7, Direction.RX, [
            FrameRun(1.0, b"a\n" * older, older, b"\n"),
            FrameRun(2.0, b"bb\n" * newer, newer, b"\n")])
    assert len(session.log) == DRAIN_ENTRIES  # one drain's worth at once, the oldest first
    qtbot.waitUntil(lambda: len(session.log) == older + newer, timeout=2000)
    entries = session.log.entries()
    assert [e.data for e in entries] == [b"a\n"] * older + [b"bb\n"] * newer
    assert [e.t for e in entries] == [1.0] * older + [2.0] * newer
    assert session.log.trimmed_entries == 0


def test_a_flood_beyond_the_backlog_loses_its_oldest_entries_counted(qtbot):
    session = Session()
    total = BACKLOG_ENTRIES + DRAIN_ENTRIES + 500
    with qtbot.waitSignal(session.logAppended, timeout=2000):
        session.sink.push_entries(7, Direction.RX, [
            FrameRun(1.0, b"a\n" * 500, 500, b"\n"),
            FrameRun(2.0, b"bb\n" * (total - 500), total - 500, b"\n")])
    # The backlog keeps the newest BACKLOG_ENTRIES; the older ones (all 500 "a" lines among
    # them) are dropped and counted at once.
    dropped = total - BACKLOG_ENTRIES
    assert session.log.trimmed_entries == dropped
    assert session.log.trimmed_bytes == 2 * 500 + 3 * (dropped - 500)
    qtbot.waitUntil(lambda: len(session.log) == BACKLOG_ENTRIES, timeout=5000)
    assert all(e.data == b"bb\n" for e in session.log.entries())


def test_an_event_comes_after_a_whole_backlog(qtbot):
    session = Session()
    session.sink.push_entries(7, Direction.RX, [
        FrameRun(1.0, b"a\n" * (3 * DRAIN_ENTRIES), 3 * DRAIN_ENTRIES, b"\n")])
    assert len(session.log) == DRAIN_ENTRIES
    session.flush_log()  # as before an event is logged
    assert len(session.log) == 3 * DRAIN_ENTRIES


def test_a_small_drain_keeps_every_entry(qtbot):
    session = Session()
    with qtbot.waitSignal(session.logAppended, timeout=2000):
        session.sink.push_entries(3, Direction.RX, [FrameRun(1.0, b"x\r\ny\r\n", 2, b"\r\n")])
    assert [(e.conn_id, e.data) for e in session.log] == [(3, b"x\r\n"), (3, b"y\r\n")]
    assert session.log.trimmed_entries == 0
