"""Tests for app.traffic.renderer: layout, modes, truncation, stream-correct incremental renders."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.traffic.chunk import Direction, wall_time
from app.traffic.log_store import LogEntry
from app.traffic.renderer import LogRenderer, RenderOptions

PEERS = {1: "127.0.0.1:50312", 2: "[::1]:8080", 3: ""}


def label(conn_id: int) -> str:
    return PEERS[conn_id]


def entry(data: bytes, conn_id: int = 1, direction: Direction = Direction.RX, t: float = 0.0,
          seq: int = 1) -> LogEntry:  # fmt: skip
    return LogEntry(seq, conn_id, direction, t, data)


def renderer(**kwargs: object) -> LogRenderer:
    options = RenderOptions(**{"timestamps": False, **kwargs})  # type: ignore[arg-type]
    return LogRenderer(options, label)


def test_text_entry_layout() -> None:
    r = renderer()
    assert r.render([entry(b"hello\r\n")]) == "RX 127.0.0.1:50312 \u203a hello"
    assert r.render([entry(b"sent\n", conn_id=2, direction=Direction.TX)]) == (
        "TX [::1]:8080 \u203a sent"
    )
    assert r.render([entry(b"no peer", conn_id=3)]) == "RX \u203a no peer"
    assert r.render([]) == ""


def test_several_entries_each_on_its_own_line_without_trailing_newline() -> None:
    text = renderer().render([entry(b"a\n"), entry(b"b"), entry(b"c\r\n")])
    head = "RX 127.0.0.1:50312 \u203a"
    assert text == f"{head} a\n{head} b\n{head} c"


def test_inner_line_breaks_are_indented() -> None:
    text = renderer().render([entry(b"one\r\ntwo\nthree\r\n")])
    assert text == "RX 127.0.0.1:50312 \u203a one\n    two\n    three"


def test_show_controls_keeps_cr_visible() -> None:
    text = renderer(show_controls=True).render([entry(b"AT\r\nOK\x00\r\n")])
    assert text == "RX 127.0.0.1:50312 \u203a AT\\r\n    OK\\x00\\r"


def test_timestamp_is_local_time_with_milliseconds() -> None:
    t = time.monotonic()
    wall = wall_time(t)
    r = LogRenderer(RenderOptions(), label)
    text = r.render([entry(b"x", t=t)])
    expected_clock = time.strftime("%H:%M:%S", time.localtime(int(wall)))
    millis = int((wall - int(wall)) * 1000)
    assert text == f"[{expected_clock}.{millis:03d}] RX 127.0.0.1:50312 \u203a x"
    assert re.fullmatch(r"\[\d\d:\d\d:\d\d\.\d{3}\] RX .*", text)


def test_gbk_bytes_are_readable_with_gbk() -> None:
    text = renderer(encoding="gbk").render([entry("温度=25℃\r\n".encode("gbk"))])
    assert text.endswith("\u203a 温度=25℃")


def test_auto_encoding_reads_gbk() -> None:
    text = renderer(encoding="auto").render([entry("你好，世界".encode("gbk"))])
    assert text.endswith("\u203a 你好，世界")


def test_invalid_bytes_show_as_escapes() -> None:
    assert renderer().render([entry(b"ok\xff\xfeend")]).endswith("\u203a ok\\xFF\\xFEend")


def test_character_split_between_entries_of_one_stream() -> None:
    data = "你好".encode()
    r = renderer()
    first = r.render([entry(data[:2]), entry(b"other stream", conn_id=2)])
    second = r.render([entry(data[2:])])
    # The first entry holds only part of a character: it says so instead of showing nothing.
    assert first.split("\n")[0] == (
        "RX 127.0.0.1:50312 \u203a \\xE4\\xBD "
        "(part of a character; it shows whole with the next bytes)"
    )
    assert second == "RX 127.0.0.1:50312 \u203a 你好"


def test_directions_decode_independently() -> None:
    data = "好".encode()
    r = renderer()
    text = r.render([
        entry(data[:1], direction=Direction.RX),
        entry(data[:1], direction=Direction.TX),
        entry(data[1:], direction=Direction.RX),
        entry(data[1:], direction=Direction.TX),
    ])  # fmt: skip
    assert text.split("\n")[2:] == ["RX 127.0.0.1:50312 \u203a 好", "TX 127.0.0.1:50312 \u203a 好"]


def test_hex_modes() -> None:
    data = b"Hi\r\n"
    assert renderer(mode="hex").render([entry(data)]) == "RX 127.0.0.1:50312 \u203a 48 69 0D 0A"
    assert renderer(mode="both").render([entry(data)]) == (
        "RX 127.0.0.1:50312 \u203a Hi\n    48 69 0D 0A"
    )
    assert renderer(mode="hex", hex_ascii=True).render([entry(data)]) == (
        "RX 127.0.0.1:50312 \u203a\n    0000  48 69 0D 0A" + " " * 36 + "  |Hi..|"
    )
    both_dump = renderer(mode="both", hex_ascii=True).render([entry(bytes(20))]).split("\n")
    assert both_dump[0] == "RX 127.0.0.1:50312 \u203a " + "\\x00" * 20
    assert both_dump[1].startswith("    0000  00 00")
    assert both_dump[2].startswith("    0010  00 00 00 00  ")


def test_empty_entry() -> None:
    for mode in ("text", "hex", "both"):
        assert renderer(mode=mode).render([entry(b"")]) == "RX 127.0.0.1:50312 \u203a (0 bytes)"


def test_false_then_crlf_renders_no_blank_entry() -> None:
    # Issue 8 item 2: `false`, then `\r\n` 100 ms later as an entry of its own.
    r = renderer()
    assert r.render([entry(b"false"), entry(b"\r\n", seq=2)]).split("\n") == [
        "RX 127.0.0.1:50312 \u203a false",
        "RX 127.0.0.1:50312 \u203a \\r\\n",
    ]


_HEAD = "RX 127.0.0.1:50312 \u203a"


@pytest.mark.parametrize("show_controls", [False, True])
@pytest.mark.parametrize("mode", ["text", "both"])
@pytest.mark.parametrize(
    ("data", "shown"),
    [
        (b"\r\n", "\\r\\n"),
        (b"\r", "\\r"),
        (b"\n", "\\n"),
        (b"\n\n", "\\n\\n"),
        (b"   ", "\\x20\\x20\\x20"),
        (b" \t\r\n", "\\x20\\t\\r\\n"),
        ("\ufeff".encode(), "\\xEF\\xBB\\xBF"),
        ("\u200b\n".encode(), "\\xE2\\x80\\x8B\\n"),
    ],
)
def test_no_entry_renders_blank(data: bytes, shown: str, mode: str, show_controls: bool) -> None:
    text = renderer(mode=mode, show_controls=show_controls).render([entry(data)])
    first = text.split("\n")[0]
    if show_controls and b"\r" in data:
        # With control characters shown a CR is visible text already (its LF ends the line).
        assert first.startswith(_HEAD + " ") and "\\r" in first
    else:
        assert first == f"{_HEAD} {shown}"
    if mode == "both":
        assert text.split("\n")[1] == "    " + data.hex(" ").upper()


def test_lf_of_a_crlf_split_across_entries_is_not_blank() -> None:
    r = renderer()
    assert r.render([entry(b"ok\r"), entry(b"\n", seq=2)]).split("\n") == [
        f"{_HEAD} ok",
        f"{_HEAD} \\n",
    ]


@settings(max_examples=150, deadline=None)
@given(
    raw=st.lists(st.one_of(
        st.sampled_from([b"\r", b"\n", b"\r\n", b" ", b"\t", b"", "你".encode()[:1],
                         "你".encode()[1:], "\ufeff".encode(), b"x"]),
        st.binary(max_size=4),
    ), max_size=12),
    mode=st.sampled_from(["text", "hex", "both"]),
    encoding=st.sampled_from(["utf-8", "auto", "gbk", "utf-16-le"]),
    show_controls=st.booleans(),
    hex_ascii=st.booleans(),
)
def test_every_entry_shows_something(raw: list[bytes], mode: str, encoding: str,
                                     show_controls: bool, hex_ascii: bool) -> None:
    entries = [entry(data, seq=i + 1) for i, data in enumerate(raw)]
    r = renderer(mode=mode, encoding=encoding, show_controls=show_controls, hex_ascii=hex_ascii)
    blocks = r.render_blocks(entries)
    assert len(blocks) == len(entries)
    for data, block in zip(raw, blocks, strict=True):
        assert block.startswith(_HEAD)
        # Something visible after the arrow: on the head line, or (an entry that begins with
        # a line break, a hex dump) on its continuation lines.
        assert block[len(_HEAD):].strip(), (data, block)


def test_long_entry_is_cut_and_the_decoder_restarts() -> None:
    r = renderer(max_entry_bytes=8)
    # 6 ASCII bytes + the first 2 bytes of a 3-byte character reach the limit.
    data = b"abcdef" + "你".encode() + b"tail"
    text = r.render([entry(data)])
    assert text == "RX 127.0.0.1:50312 \u203a abcdef\\xE4\\xBD \u2026 (5 more bytes not shown)"
    # The next entry must not be glued onto the bytes that were cut off.
    assert r.render([entry("好".encode()[1:] + b"x")]).endswith("\u203a \\xA5\\xBDx")


def test_long_entry_in_hex_mode() -> None:
    text = renderer(mode="hex", max_entry_bytes=2).render([entry(b"\x01\x02\x03\x04")])
    assert text == "RX 127.0.0.1:50312 \u203a 01 02 \u2026 (2 more bytes not shown)"


def test_skip_resets_the_streams_it_touches() -> None:
    data = "好".encode()
    r = renderer()
    r.render([entry(data[:1]), entry(data[:1], conn_id=2)])
    r.skip([entry(b"whatever")])
    text = r.render([entry(data[1:]), entry(data[1:], conn_id=2)])
    assert text.split("\n") == [
        "RX 127.0.0.1:50312 \u203a \\xA5\\xBD",
        "RX [::1]:8080 \u203a 好",
    ]


def test_reset_and_set_options() -> None:
    data = "好".encode()
    r = renderer()
    r.render([entry(data[:1])])
    r.reset()
    assert r.render([entry(data[1:])]).endswith("\\xA5\\xBD")
    r.render([entry(data[:1])])
    r.set_options(RenderOptions(timestamps=False, mode="both"))
    assert r.options.mode == "both"
    assert r.render([entry(data[1:])]).split("\n")[0].endswith("\\xA5\\xBD")


def test_peer_label_called_once_per_connection_per_render() -> None:
    calls: list[int] = []

    def counting(conn_id: int) -> str:
        calls.append(conn_id)
        return f"peer{conn_id}"

    r = LogRenderer(RenderOptions(timestamps=False), counting)
    r.render([entry(b"a"), entry(b"b"), entry(b"c", conn_id=2), entry(b"d")])
    assert calls == [1, 2]


def test_bad_options() -> None:
    with pytest.raises(ValueError):
        RenderOptions(mode="ascii")
    with pytest.raises(ValueError):
        RenderOptions(max_entry_bytes=-1)
    with pytest.raises(LookupError):
        LogRenderer(RenderOptions(encoding="nope"), label)


_ENTRY = st.tuples(
    st.sampled_from([1, 2]),
    st.sampled_from([Direction.RX, Direction.TX]),
    st.one_of(
        st.binary(max_size=12),
        st.text(max_size=6).map(lambda s: s.encode()),
        st.sampled_from([b"\r", b"\n", b"\r\n", "你".encode()[:1], "你".encode()[1:]]),
    ),
)


@settings(max_examples=80, deadline=None)
@given(
    raw=st.lists(_ENTRY, max_size=25),
    batches=st.lists(st.integers(0, 25), max_size=6),
    mode=st.sampled_from(["text", "hex", "both"]),
    encoding=st.sampled_from(["utf-8", "auto", "gbk", "utf-16-le"]),
    show_controls=st.booleans(),
    max_entry_bytes=st.sampled_from([0, 5, 16384]),
)
def test_incremental_render_equals_full_render(
    raw: list[tuple[int, Direction, bytes]],
    batches: list[int],
    mode: str,
    encoding: str,
    show_controls: bool,
    max_entry_bytes: int,
) -> None:
    entries = [
        LogEntry(i + 1, conn, direction, 1000.0 + i * 0.37, data)
        for i, (conn, direction, data) in enumerate(raw)
    ]
    options = RenderOptions(
        mode=mode,
        encoding=encoding,
        show_controls=show_controls,
        max_entry_bytes=max_entry_bytes,
    )
    full = LogRenderer(options, label).render(entries)

    incremental = LogRenderer(options, label)
    bounds = [0, *sorted(b for b in set(batches) if b < len(entries)), len(entries)]
    pieces = [incremental.render(entries[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    assert "\n".join(p for p in pieces if p) == full
    assert full.count("\n") >= len(entries) - 1
