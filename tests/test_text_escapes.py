"""Tests for app.send.escapes: encoding send-box text with optional escapes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.input_errors import EncodeInputError, EscapeError
from app.send.escapes import encode_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"AT\r\n", b"AT\r\n"),
        (r"a\tb", b"a\tb"),
        (r"a\\b", b"a\\b"),
        (r"\0", b"\x00"),
        (r"\x41\x0a", b"A\n"),
        (r"\xFF", b"\xff"),  # a raw byte, not U+00FF encoded as C3 BF
        (r"\x41B", b"AB"),  # exactly two digits are taken
        (r"\\x41", b"\\x41"),  # escaped backslash, then plain text
        ("", b""),
    ],
)
def test_escapes_utf8(text: str, expected: bytes) -> None:
    assert encode_text(text, "utf-8", escapes=True) == expected


def test_without_escapes_backslashes_are_literal() -> None:
    assert encode_text(r"a\nb\q\x", "utf-8", escapes=False) == b"a\\nb\\q\\x"


def test_encodings() -> None:
    assert encode_text("你好", "utf-8", False) == "你好".encode()
    assert encode_text("你好", "gbk", False) == b"\xc4\xe3\xba\xc3"
    assert encode_text("你好", "auto", False) == "你好".encode()
    assert encode_text("é", "latin-1", False) == b"\xe9"
    assert encode_text("你\\n", "gbk", True) == b"\xc4\xe3\n"


def test_raw_byte_is_not_encoded_in_any_encoding() -> None:
    assert encode_text(r"\xFF", "gbk", True) == b"\xff"
    assert encode_text(r"\xC3", "ascii", True) == b"\xc3"


def test_utf16_bom_written_once_around_escapes() -> None:
    data = encode_text(r"a\nb", "utf-16", True)
    assert data == "a\nb".encode("utf-16")


@pytest.mark.parametrize(
    ("text", "position", "length"),
    [
        (r"ab\q", 2, 2),
        ("ab\\", 2, 1),
        (r"\x4", 0, 3),
        (r"x\x", 1, 2),
        (r"\xG1", 0, 2),
        (r"ok\r\n\e", 6, 2),
    ],
)
def test_escape_errors_point_at_sequence(text: str, position: int, length: int) -> None:
    with pytest.raises(EscapeError) as info:
        encode_text(text, "utf-8", escapes=True)
    assert (info.value.position, info.value.length) == (position, length)
    assert f"position {position + 1}" in info.value.message


def test_unknown_escape_message_names_it() -> None:
    with pytest.raises(EscapeError) as info:
        encode_text(r"\q", "utf-8", True)
    assert "\\q" in info.value.message


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_unencodable_character(encoding: str) -> None:
    with pytest.raises(EncodeInputError) as info:
        encode_text("ab你c", encoding, False)
    err = info.value
    assert (err.position, err.length) == (2, 1)
    assert "你" in err.message
    assert encoding in err.message
    assert "position 3" in err.message


def test_unencodable_character_after_escapes_maps_to_input_position() -> None:
    with pytest.raises(EncodeInputError) as info:
        encode_text(r"\r\n\x41x你", "ascii", True)
    assert info.value.position == 9


@pytest.mark.parametrize("encoding", ["no-such-codec", "base64", ""])
def test_unknown_encoding(encoding: str) -> None:
    with pytest.raises(EncodeInputError) as info:
        encode_text("a", encoding, False)
    assert info.value.position == 0
    assert "encoding" in info.value.message


@given(st.text(max_size=30))
def test_plain_text_matches_str_encode(text: str) -> None:
    try:
        expected = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        with pytest.raises(EncodeInputError):
            encode_text(text, "utf-8", False)
        return
    assert encode_text(text, "utf-8", False) == expected


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_doubling_backslashes_makes_escapes_literal(text: str) -> None:
    assert encode_text(text.replace("\\", "\\\\"), "utf-8", True) == text.encode("utf-8")


@given(st.binary(max_size=30))
def test_hex_escapes_give_raw_bytes(data: bytes) -> None:
    text = "".join(f"\\x{b:02x}" for b in data)
    assert encode_text(text, "utf-8", True) == data
