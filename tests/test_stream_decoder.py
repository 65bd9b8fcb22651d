"""Tests for app.traffic.stream_decoder: incremental decoding, \\xNN escapes, auto, controls."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.traffic.stream_decoder import (
    ENCODINGS,
    HEX_ESCAPE_ERRORS,
    StreamDecoder,
    encoding_choices,
)

CODECS = [codec for codec, _label in ENCODINGS if codec != "auto"]


def decode_in_pieces(decoder: StreamDecoder, data: bytes, cuts: list[int]) -> str:
    """Decode ``data`` split at ``cuts``, the last call with final=True."""
    bounds = [0, *sorted(set(cuts)), len(data)]
    out = [decoder.decode(data[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    out.append(decoder.decode(b"", final=True))
    return "".join(out)


def test_utf8_one_byte_at_a_time_gives_whole_characters() -> None:
    decoder = StreamDecoder("utf-8")
    pieces = [decoder.decode(bytes([b])) for b in "你好世界".encode()]
    assert "".join(pieces) == "你好世界"
    assert "\ufffd" not in "".join(pieces)
    # Each character comes out in the call that completes it, not later.
    assert [p for p in pieces if p] == ["你", "好", "世", "界"]
    assert pieces[2] == "你"


def test_invalid_utf8_shows_upper_case_hex_escapes() -> None:
    assert StreamDecoder("utf-8").decode(b"ok\xff\xfeend") == "ok\\xFF\\xFEend"


@pytest.mark.parametrize("codec", ["ascii", "gbk", "big5", "shift_jis", "gb18030"])
def test_invalid_bytes_never_become_replacement_characters(codec: str) -> None:
    text = StreamDecoder(codec).decode(b"ok\xff", final=True)
    assert "\ufffd" not in text
    assert text.startswith("ok")
    assert "\\xFF" in text


def test_truncated_character_at_end_of_stream_is_escaped_not_dropped() -> None:
    decoder = StreamDecoder("utf-8")
    assert decoder.decode("你".encode()[:2]) == ""
    assert decoder.decode(b"", final=True) == "\\xE4\\xBD"


def test_utf16_odd_byte_and_lone_surrogate_are_escaped() -> None:
    decoder = StreamDecoder("utf-16-le")
    assert decoder.decode(b"a\x00\x00\xd8b\x00c", final=True) == "a\\x00\\xD8b\\x63"


def test_error_handler_is_registered_for_plain_bytes_decode() -> None:
    assert b"a\x80b".decode("gbk", HEX_ESCAPE_ERRORS) == "a\\x80b"
    assert b"\xff\xfe\xfd".decode("utf-8", HEX_ESCAPE_ERRORS) == "\\xFF\\xFE\\xFD"
    with pytest.raises(UnicodeEncodeError):
        "é".encode("ascii", HEX_ESCAPE_ERRORS)


def test_gbk_bytes_are_readable_with_gbk() -> None:
    assert StreamDecoder("gbk").decode("中文测试 ok".encode("gbk")) == "中文测试 ok"


def test_gbk_character_split_across_reads() -> None:
    decoder = StreamDecoder("gbk")
    data = "你好".encode("gbk")
    assert decoder.decode(data[:1]) == ""
    assert decoder.decode(data[1:3]) == "你"
    assert decoder.decode(data[3:]) == "好"


def test_auto_gives_chinese_for_gbk_input() -> None:
    decoder = StreamDecoder("auto")
    assert decoder.decode("abc你好世界".encode("gbk")) == "abc你好世界"
    assert decoder.active_encoding == "gbk"


def test_auto_stays_utf8_for_utf8_input() -> None:
    decoder = StreamDecoder("auto")
    data = "héllo 你好".encode()
    assert "".join(decoder.decode(data[i : i + 1]) for i in range(len(data))) == "héllo 你好"
    assert decoder.active_encoding == "utf-8"


def test_auto_redecodes_a_gbk_character_that_looked_like_utf8() -> None:
    # GBK for 一 is D2 BB, which is also valid UTF-8 (U+04BB); the error only shows at 你.
    data = "一你好".encode("gbk")
    assert data[:2].decode("utf-8") == "\u04bb"  # the trap: a valid UTF-8 character
    assert StreamDecoder("auto").decode(data) == "一你好"


def test_auto_switches_once_and_keeps_gbk() -> None:
    decoder = StreamDecoder("auto")
    assert decoder.decode("ok ✓ ".encode()) == "ok ✓ "
    gbk = "中文".encode("gbk")
    # The GBK character is split: the switch must keep the incremental guarantee.
    assert decoder.decode(gbk[:1]) == ""
    assert decoder.active_encoding == "utf-8"
    assert decoder.decode(gbk[1:3]) == "中"
    assert decoder.active_encoding == "gbk"
    assert decoder.decode(gbk[3:]) == "文"
    # Valid UTF-8 afterwards is still read as GBK: the stream does not flip back and forth.
    assert decoder.decode("你".encode()) != "你"
    decoder.reset()
    assert decoder.active_encoding == "utf-8"
    assert decoder.decode("你".encode()) == "你"


def test_auto_switch_on_truncated_utf8_at_final() -> None:
    decoder = StreamDecoder("auto")
    assert decoder.decode(b"ab\xc4") == "ab"
    assert decoder.decode(b"", final=True) == "\\xC4"
    assert decoder.active_encoding == "gbk"


def test_controls_hidden_mode_line_breaks_and_escapes() -> None:
    decoder = StreamDecoder("utf-8")
    data = b"a\r\nb\rc\nd\x00e\x1b[1m\x7f\tf"
    assert decoder.decode(data) == "a\nb\nc\nd\\x00e\\x1B[1m\\x7F\tf"


def test_controls_shown_mode_makes_cr_visible() -> None:
    decoder = StreamDecoder("utf-8", show_controls=True)
    assert decoder.decode(b"a\r\nb\r\x00\t") == "a\\r\nb\\r\\x00\t"


def test_c1_controls_are_escaped() -> None:
    assert StreamDecoder("latin-1").decode(b"\x85x") == "\\u0085x"


def test_crlf_split_across_reads_is_one_line_break() -> None:
    decoder = StreamDecoder("utf-8")
    assert decoder.decode(b"line\r") == "line\n"
    assert decoder.decode(b"\nnext\r") == "next\n"
    assert decoder.decode(b"more") == "more"
    # An empty read between CR and LF must not lose the pairing.
    assert decoder.decode(b"\r") == "\n"
    assert decoder.decode(b"") == ""
    assert decoder.decode(b"\n") == ""
    assert decoder.decode(b"\n") == "\n"


def test_reset_forgets_partial_characters() -> None:
    decoder = StreamDecoder("utf-8")
    assert decoder.decode("你".encode()[:2]) == ""
    decoder.reset()
    assert decoder.decode(b"x") == "x"


def test_unknown_encoding_is_rejected() -> None:
    with pytest.raises(LookupError):
        StreamDecoder("no-such-codec")


def test_encoding_list_covers_the_required_codecs() -> None:
    ids = [codec for codec, _label in ENCODINGS]
    for required in (
        "auto", "utf-8", "gbk", "gb18030", "big5", "shift_jis",
        "latin-1", "ascii", "utf-16-le", "utf-16-be",
    ):  # fmt: skip
        assert required in ids
    assert dict(ENCODINGS)["auto"] == "Auto (UTF-8, else GBK)"
    assert encoding_choices() == ENCODINGS
    assert all(label for _codec, label in ENCODINGS)
    for codec in ids:
        StreamDecoder(codec).decode(b"abc", final=True)


# Printable text only: controls are escaped on purpose, so they would not round-trip.
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), max_size=60)


@settings(max_examples=60, deadline=None)
@given(codec=st.sampled_from(CODECS), text=_TEXT, data=st.data())
def test_any_split_of_valid_text_decodes_like_the_whole(
    codec: str, text: str, data: st.DataObject
) -> None:
    encoded = text.encode(codec, "ignore")
    expected = encoded.decode(codec)
    cuts = data.draw(st.lists(st.integers(0, len(encoded)), max_size=8))
    assert decode_in_pieces(StreamDecoder(codec), encoded, cuts) == expected
    assert decode_in_pieces(StreamDecoder(codec), encoded, []) == expected


@settings(max_examples=80, deadline=None)
@given(
    codec=st.sampled_from(CODECS),
    raw=st.binary(max_size=80),
    show=st.booleans(),
    data=st.data(),
)
def test_any_split_of_arbitrary_bytes_decodes_like_the_whole(
    codec: str, raw: bytes, show: bool, data: st.DataObject
) -> None:
    whole = decode_in_pieces(StreamDecoder(codec, show), raw, [])
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=8))
    assert decode_in_pieces(StreamDecoder(codec, show), raw, cuts) == whole
    # Nothing invisible or unrepresentable reaches the view.
    assert not any(ord(c) < 0x20 and c not in "\t\n" for c in whole)
    assert not any(0xD800 <= ord(c) < 0xE000 for c in whole)


@settings(max_examples=60, deadline=None)
@given(text=_TEXT, data=st.data())
def test_auto_any_split_of_utf8_text(text: str, data: st.DataObject) -> None:
    encoded = text.encode()
    cuts = data.draw(st.lists(st.integers(0, len(encoded)), max_size=8))
    assert decode_in_pieces(StreamDecoder("auto"), encoded, cuts) == text


_HANZI = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1)


@settings(max_examples=60, deadline=None)
@given(ascii_prefix=st.text(alphabet="abc ,.", max_size=5), hanzi=_HANZI, data=st.data())
def test_auto_gbk_text_after_the_switch_is_split_invariant(
    ascii_prefix: str, hanzi: str, data: st.DataObject
) -> None:
    text = ascii_prefix + hanzi + " end"
    encoded = text.encode("gbk")
    try:
        encoded.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return  # GBK that happens to be valid UTF-8 cannot be detected; nothing to check
    whole = decode_in_pieces(StreamDecoder("auto"), encoded, [])
    assert whole == text
    # The switch re-decodes the non-ASCII run of the read where UTF-8 failed; splits after that
    # run must not change anything.
    run_end = len(ascii_prefix) + len(hanzi.encode("gbk"))
    cuts = data.draw(st.lists(st.integers(run_end, len(encoded)), max_size=5))
    assert decode_in_pieces(StreamDecoder("auto"), encoded, cuts) == text


def test_gb18030_four_byte_character_split() -> None:
    data = "😀".encode("gb18030")
    assert len(data) == 4
    decoder = StreamDecoder("gb18030")
    assert [decoder.decode(data[i : i + 1]) for i in range(4)] == ["", "", "", "😀"]


def test_codec_names_resolve_in_python() -> None:
    for codec in CODECS:
        codecs.lookup(codec)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "big5", "auto"])
def test_byte_that_cannot_start_a_character_is_not_held_back(encoding: str) -> None:
    decoder = StreamDecoder(encoding)
    assert decoder.decode(b"\x01\x02\n\xff") == "\\x01\\x02\n\\xFF"
    # A real lead byte is still held until its partner arrives.
    assert decoder.decode("中".encode("gb18030" if encoding == "gb18030" else "gbk")[:1]) == ""
