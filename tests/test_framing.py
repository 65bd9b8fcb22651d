"""Tests for app.traffic.framing: chunk, delimiter and idle framing, bounds, delimiter parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.traffic.framing import MODES, Framer, parse_delimiter


def test_chunk_mode_one_entry_per_read() -> None:
    framer = Framer("chunk")
    assert framer.feed(b"abc", 1.0) == [(1.0, b"abc")]
    assert framer.feed(b"", 2.0) == []
    assert framer.pending_deadline() is None
    assert framer.flush_due(100.0) == []
    assert framer.flush() == []


def test_chunk_mode_cuts_big_reads() -> None:
    framer = Framer("chunk", max_frame=4)
    assert framer.feed(b"0123456789", 1.0) == [(1.0, b"0123"), (1.0, b"4567"), (1.0, b"89")]


def test_delimiter_mode_keeps_the_delimiter_and_stamps_first_byte() -> None:
    framer = Framer("delimiter", delimiter=b"\n")
    assert framer.feed(b"hel", 1.0) == []
    assert framer.feed(b"lo\nwor", 2.0) == [(1.0, b"hello\n")]
    assert framer.feed(b"ld\nA\nB\n", 3.0) == [(2.0, b"world\n"), (3.0, b"A\n"), (3.0, b"B\n")]
    assert framer.pending_bytes == 0
    assert framer.pending_deadline() is None


def test_crlf_delimiter_straddling_two_reads() -> None:
    framer = Framer("delimiter", delimiter=b"\r\n")
    assert framer.feed(b"OK\r", 1.0) == []
    assert framer.feed(b"\nERROR\r\n", 2.0) == [(1.0, b"OK\r\n"), (2.0, b"ERROR\r\n")]
    # A lone CR is not the delimiter.
    assert framer.feed(b"a\rb", 3.0) == []
    assert framer.flush() == [(3.0, b"a\rb")]


def test_custom_multibyte_delimiter_split_byte_by_byte() -> None:
    framer = Framer("delimiter", delimiter=b"\x7e\x7e\x0d")
    frames = []
    for i, byte in enumerate(b"\x01\x02~~\r\x03~~\r"):
        frames += framer.feed(bytes([byte]), float(i))
    assert frames == [(0.0, b"\x01\x02~~\r"), (5.0, b"\x03~~\r")]


def test_delimiter_mode_shows_a_quiet_partial_line() -> None:
    framer = Framer("delimiter", delimiter=b"\n", gap=0.5)
    assert framer.feed(b"login: ", 10.0) == []
    assert framer.feed(b"more", 10.2) == []
    assert framer.pending_deadline() == pytest.approx(10.7)
    assert framer.flush_due(10.6) == []
    assert framer.flush_due(10.7) == [(10.0, b"login: more")]
    assert framer.pending_deadline() is None
    # What follows starts a new entry.
    assert framer.feed(b"x\n", 11.0) == [(11.0, b"x\n")]


def test_delimiter_mode_bounds_a_flood_without_delimiters() -> None:
    framer = Framer("delimiter", delimiter=b"\n", max_frame=8)
    assert framer.feed(b"abcde", 1.0) == []
    assert framer.feed(b"fghijklmnopqrstu", 2.0) == [(1.0, b"abcdefgh"), (2.0, b"ijklmnop")]
    assert framer.pending_bytes == 5
    # A long line with a delimiter is cut too.
    assert framer.feed(b"vwxyz0123\n", 3.0) == [
        (2.0, b"qrstuvwx"),
        (3.0, b"yz0123\n"),
    ]


def test_idle_mode_merges_reads_within_the_gap() -> None:
    framer = Framer("idle", gap=0.05)
    assert framer.feed(b"AA", 1.00) == []
    assert framer.feed(b"BB", 1.03) == []
    assert framer.feed(b"CC", 1.07) == []  # 40 ms after the previous read: still merged
    assert framer.pending_deadline() == pytest.approx(1.12)
    assert framer.flush_due(1.11) == []
    assert framer.flush_due(1.12) == [(1.00, b"AABBCC")]
    assert framer.flush_due(5.0) == []


def test_idle_mode_a_late_read_completes_the_previous_frame() -> None:
    framer = Framer("idle", gap=0.05)
    framer.feed(b"one", 1.0)
    assert framer.feed(b"two", 1.5) == [(1.0, b"one")]
    assert framer.flush() == [(1.5, b"two")]
    assert framer.flush() == []


def test_idle_mode_bounds_a_continuous_stream() -> None:
    framer = Framer("idle", gap=1.0, max_frame=4)
    frames = []
    for i in range(5):
        frames += framer.feed(b"xyz", 1.0 + i * 0.01)
    assert [data for _t, data in frames] == [b"xyzx", b"yzxy", b"zxyz"]
    assert framer.flush() == [(1.04, b"xyz")]


def test_reset_drops_pending_bytes() -> None:
    framer = Framer("idle")
    framer.feed(b"abc", 1.0)
    framer.reset()
    assert framer.flush() == []


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        Framer("lines")
    with pytest.raises(ValueError):
        Framer("delimiter", delimiter=b"")
    with pytest.raises(ValueError):
        Framer("idle", gap=-1)
    with pytest.raises(ValueError):
        Framer("chunk", max_frame=0)


def test_parse_delimiter() -> None:
    assert parse_delimiter("0D 0A") == b"\r\n"
    assert parse_delimiter("7E") == b"~"
    assert parse_delimiter("0x0d,0x0a") == b"\r\n"
    for bad in ("", "   ", "zz", "0D 0", "0x"):
        with pytest.raises(ValueError) as info:
            parse_delimiter(bad)
        assert str(info.value)


_DELIMITERS = st.sampled_from([b"\n", b"\r\n", b"~~", b"\x00\xff\x00"])


@settings(max_examples=150, deadline=None)
@given(
    mode=st.sampled_from(MODES),
    delimiter=_DELIMITERS,
    reads=st.lists(
        st.tuples(
            st.binary(max_size=40).map(lambda b: b.replace(b"A", b"\n")),
            st.floats(0, 0.2),
            st.booleans(),
        ),
        max_size=30,
    ),
    gap=st.sampled_from([0.0, 0.05, 0.1]),
    max_frame=st.integers(1, 50),
)
def test_frames_always_add_up_to_the_stream(
    mode: str,
    delimiter: bytes,
    reads: list[tuple[bytes, float, bool]],
    gap: float,
    max_frame: int,
) -> None:
    framer = Framer(mode, delimiter=delimiter, gap=gap, max_frame=max_frame)
    frames = []
    fed = bytearray()
    t = 0.0
    for data, step, poll in reads:
        t += step
        if poll:
            # A timer firing between reads, as the session's would.
            deadline = framer.pending_deadline()
            due = framer.flush_due(t)
            assert bool(due) == (deadline is not None and t >= deadline)
            frames += due
        frames += framer.feed(data, t)
        fed += data
    frames += framer.flush()
    assert b"".join(data for _t, data in frames) == bytes(fed)
    assert all(0 < len(data) <= max_frame for _t, data in frames)
    times = [frame_t for frame_t, _data in frames]
    assert times == sorted(times)
    if mode == "delimiter":
        for _t, data in frames:
            found = data.find(delimiter)
            assert found in (-1, len(data) - len(delimiter))
    assert framer.pending_bytes == 0


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.binary(max_size=20).map(lambda b: b.replace(b"\n", b"")), max_size=20),
    cuts=st.lists(st.integers(0, 500), max_size=10),
)
def test_delimiter_frames_are_the_lines_whatever_the_reads(
    lines: list[bytes], cuts: list[int]
) -> None:
    stream = b"".join(line + b"\n" for line in lines)
    bounds = [0, *sorted(c for c in set(cuts) if c < len(stream)), len(stream)]
    framer = Framer("delimiter", delimiter=b"\n")
    frames = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        frames += framer.feed(stream[a:b], float(a))
    assert [data for _t, data in frames] == [line + b"\n" for line in lines]


def test_frame_run_split_gives_the_oldest_frames_and_a_run_of_the_rest():
    from app.traffic.framing import FrameRun

    run = FrameRun(2.5, b"a\nbb\nccc\n", 3, b"\n")
    oldest, rest = run.split(1)
    assert oldest == [b"a\n"]
    assert rest == FrameRun(2.5, b"bb\nccc\n", 2, b"\n")
    assert rest.frames() == [b"bb\n", b"ccc\n"]
