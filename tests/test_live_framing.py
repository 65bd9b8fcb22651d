"""Framing in the receive worker on arrival times (app.traffic.live_framing), deterministic:
the times are injected, so no test depends on the wall clock or on the GUI's load."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.traffic.framing import Framer, FrameRun, FramingConfig
from app.traffic.live_framing import MIN_WAIT, LiveFraming

LF = FramingConfig("delimiter", b"\n")


def frames(runs: list[FrameRun]) -> list[tuple[float, bytes]]:
    return [(run.t, frame) for run in runs for frame in run.frames()]


def test_partial_line_then_late_crlf_is_two_entries_decided_by_arrival_times() -> None:
    live = LiveFraming(LF)
    assert live.feed(b"false", 10.0) == []
    # The CR LF arrives 0.8 s later: the partial line waited past its 0.5 s timeout, whether
    # or not anybody (a GUI timer, a recv timeout) looked at it in between.
    assert frames(live.feed(b"\r\n", 10.8)) == [(10.0, b"false"), (10.8, b"\r\n")]
    assert live.pending_bytes == 0


def test_partial_line_then_prompt_crlf_is_one_entry() -> None:
    live = LiveFraming(LF)
    assert live.feed(b"false", 10.0) == []
    assert frames(live.feed(b"\r\n", 10.3)) == [(10.0, b"false\r\n")]


def test_the_same_reads_give_the_same_entries_whatever_polls_happen_between() -> None:
    reads = [(b"false", 1.0), (b"\r\ntrue", 1.2), (b"\r\n", 2.0), (b"x", 2.1), (b"y\n", 2.4)]
    quiet = LiveFraming(LF)
    got_quiet = [f for data, t in reads for f in frames(quiet.feed(data, t))]
    busy = LiveFraming(LF)
    got_busy = []
    for data, t in reads:
        # A receive timeout firing just before each read (a busy poller) changes nothing.
        got_busy += frames(busy.due(t - 0.001))
        got_busy += frames(busy.feed(data, t))
    assert got_quiet == got_busy == [
        (1.0, b"false\r\n"), (1.2, b"true"), (2.0, b"\r\n"), (2.1, b"xy\n")]


def test_recv_timeout_shrinks_to_the_pending_deadline() -> None:
    live = LiveFraming(LF)
    assert live.wait(5.0, 0.25) == 0.25  # nothing pending: the plain poll interval
    live.feed(b"login: ", 5.0)
    assert live.wait(5.1, 0.25) == 0.25  # due at 5.5: later than one poll
    assert live.wait(5.4, 0.25) == pytest.approx(0.1)
    assert live.wait(5.6, 0.25) == MIN_WAIT  # overdue: never 0 (that would be non-blocking)
    assert live.due(5.49) == []
    assert frames(live.due(5.5)) == [(5.0, b"login: ")]
    assert live.wait(5.6, 0.25) == 0.25


def test_idle_merge_flushes_after_the_gap() -> None:
    live = LiveFraming(FramingConfig("idle", gap=0.05))
    assert live.feed(b"\x01\x03", 1.00) == []
    assert live.feed(b"\x04", 1.03) == []
    assert live.wait(1.03, 0.25) == pytest.approx(0.05)
    assert frames(live.due(1.08)) == [(1.0, b"\x01\x03\x04")]


def test_reconfigure_hands_over_pending_bytes_framed_the_old_way() -> None:
    live = LiveFraming(FramingConfig("delimiter", b"\n", gap=10.0))
    assert frames(live.feed(b"a\nhalf", 1.0)) == [(1.0, b"a\n")]
    assert frames(live.reconfigure(FramingConfig())) == [(1.0, b"half")]
    assert live.config == FramingConfig()
    assert frames(live.feed(b"b\nc", 2.0)) == [(2.0, b"b\nc")]  # each read now


def test_close_flushes_what_is_pending() -> None:
    live = LiveFraming(FramingConfig("delimiter", b"\r\n", gap=10.0))
    live.feed(b"OK\r\nno end", 1.0)
    assert frames(live.close()) == [(1.0, b"no end")]
    assert live.close() == []


def test_a_line_flood_comes_as_few_runs() -> None:
    line = b"%078d\r\n"
    data = b"".join(line % i for i in range(3000))
    live = LiveFraming(LF)
    runs = live.feed(data[:100_001], 1.0)
    # The first line, then every other complete line as ONE run (not 1,249 objects).
    assert len(runs) == 2
    assert runs[1].count == 100_001 // 80 - 1
    got = [f for r in runs for f in r.frames()] + [f for r in live.close() for f in r.frames()]
    assert b"".join(got) == data[:100_001]
    assert all(len(f) == 80 for f in got[:-1])


def test_run_tail_gives_the_newest_frames() -> None:
    run = FrameRun(1.0, b"a\nbb\nccc\n", 3, b"\n")
    assert run.frames() == [b"a\n", b"bb\n", b"ccc\n"]
    assert run.tail(1) == [b"ccc\n"]
    assert run.tail(2) == [b"bb\n", b"ccc\n"]
    assert run.tail(3) == run.tail(9) == run.frames()
    assert run.tail(0) == []
    assert FrameRun(2.0, b"one").tail(1) == [b"one"]


@settings(max_examples=200, deadline=None)
@given(
    delimiter=st.sampled_from([b"\n", b"\r\n", b"ab\x00", b"~~", b"\x00\xff\x00"]),
    reads=st.lists(st.binary(max_size=30).map(lambda b: b.replace(b"A", b"\r\n")
                                               .replace(b"B", b"ab\x00")), max_size=25),
    max_frame=st.integers(1, 40),
)
def test_runs_give_the_same_frames_as_one_by_one_framing(
        delimiter: bytes, reads: list[bytes], max_frame: int) -> None:
    fast = Framer("delimiter", delimiter=delimiter, max_frame=max_frame)
    slow = Framer("delimiter", delimiter=delimiter, max_frame=max_frame)
    slow._runs_ok = False  # the frame-by-frame path is the reference
    got: list[tuple[float, bytes]] = []
    want: list[tuple[float, bytes]] = []
    for i, data in enumerate(reads):
        got += frames(fast.feed_runs(data, float(i)))
        want += slow.feed(data, float(i))
        assert fast.pending_bytes == slow.pending_bytes
    assert got + fast.flush() == want + slow.flush()
