"""Tests for app.send.hex_input: parsing user hex (and reading back what the formatter writes)."""

from __future__ import annotations

import json
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.input_errors import HexInputError, InputError
from app.send.hex_input import parse_hex
from app.traffic.hex_format import hex_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01 02 0a", b"\x01\x02\x0a"),
        ("01020A", b"\x01\x02\x0a"),
        ("0x01,0x02", b"\x01\x02"),
        ("0X01 0x02", b"\x01\x02"),
        ("01-02", b"\x01\x02"),
        ("01:02", b"\x01\x02"),
        ("01;02", b"\x01\x02"),
        ("01\t02\n03\r\n04", b"\x01\x02\x03\x04"),
        ("aB cD Ef", b"\xab\xcd\xef"),
        ("0x0102", b"\x01\x02"),
        ("0102 0x0304", b"\x01\x02\x03\x04"),
        ("  ff  ", b"\xff"),
        ("01, 02 ,03", b"\x01\x02\x03"),
        ("01，02；03：04", b"\x01\x02\x03\x04"),  # full-width separators from a Chinese IME
        ("", b""),
        ("   \t\n ", b""),
    ],
)
def test_parse_hex_accepts(text: str, expected: bytes) -> None:
    assert parse_hex(text) == expected


def test_invalid_character_points_at_it() -> None:
    with pytest.raises(HexInputError) as info:
        parse_hex("01 0G")
    err = info.value
    assert err.position == 4
    assert err.length == 1
    assert "“G”" in err.message
    assert "position 5" in err.message
    assert str(err) == err.message
    assert isinstance(err, InputError) and isinstance(err, ValueError)


def test_invalid_character_after_prefix() -> None:
    with pytest.raises(HexInputError) as info:
        parse_hex("0x0Z")
    assert info.value.position == 3
    assert "Z" in info.value.message


def test_second_prefix_is_invalid() -> None:
    with pytest.raises(HexInputError) as info:
        parse_hex("0x0x01")
    assert info.value.position == 3  # the second "x"


def test_invisible_character_is_named_by_code_point() -> None:
    with pytest.raises(HexInputError) as info:
        parse_hex("01\x0702")
    assert info.value.position == 2
    assert "U+0007" in info.value.message


def test_odd_digit_count_spans_token_and_suggests_leading_zero() -> None:
    with pytest.raises(HexInputError) as info:
        parse_hex("01 abc 02")
    err = info.value
    assert (err.position, err.length) == (3, 3)
    assert "0abc" in err.message and "ab0c" in err.message
    assert "positions 4–6" in err.message
    assert "“c” at position 6" in err.message
    assert "(3)" in err.message


@pytest.mark.parametrize(("text", "count", "digit", "lone", "examples"), [
    ("0102A", 5, "A", 5, ("00102A", "01020A")),
    ("ABC", 3, "C", 3, ("0ABC", "AB0C")),
    ("01 0x123", 3, "3", 8, ("0x0123", "0x1203")),
])
def test_odd_digit_count_names_the_lone_digit_where_the_user_sees_it(
        text: str, count: int, digit: str, lone: int, examples: tuple[str, str]) -> None:
    # Issue: "0102A" and "ABC" were both reported "at position 1", the token's start.
    with pytest.raises(HexInputError) as info:
        parse_hex(text)
    message = info.value.message
    assert f"({count})" in message
    assert f"“{digit}” at position {lone}" in message
    assert "position 1:" not in message and "at position 1 " not in message
    assert all(f"“{example}”" in message for example in examples)
    assert text[info.value.position:][:info.value.length].endswith(digit)


def test_a_long_odd_token_shows_the_end_where_the_lone_digit_is() -> None:
    text = "01" * 50 + "A"
    with pytest.raises(HexInputError) as info:
        parse_hex(text)
    message = info.value.message
    assert "(101)" in message and "“A” at position 101" in message
    assert "…" + ("01" * 50 + "0A")[-23:] in message
    assert len(message) < 400


def test_odd_digit_count_with_prefix() -> None:
    with pytest.raises(HexInputError) as info:
        parse_hex("0x1")
    assert (info.value.position, info.value.length) == (0, 3)
    assert "0x01" in info.value.message
    assert "Lone hex digit “1” at position 3" in info.value.message


def test_a_lone_digit_between_bytes() -> None:
    with pytest.raises(HexInputError) as info:
        parse_hex("01 2 03")
    assert (info.value.position, info.value.length) == (3, 1)
    assert info.value.message.startswith("Lone hex digit “2” at position 4")
    assert "“02”" in info.value.message


def test_bare_prefix() -> None:
    with pytest.raises(HexInputError) as info:
        parse_hex("01 0x 02")
    assert (info.value.position, info.value.length) == (3, 2)


def test_first_problem_is_reported() -> None:
    # The odd token comes before the bad character, so it is the one reported.
    with pytest.raises(HexInputError) as info:
        parse_hex("1 0G")
    assert info.value.position == 0
    with pytest.raises(HexInputError) as info:
        parse_hex("0G 1")
    assert info.value.position == 1


def test_non_ascii_digits_are_rejected() -> None:
    # str.isdigit() would accept these; a hex parser must not.
    with pytest.raises(HexInputError) as info:
        parse_hex("0١")
    assert info.value.position == 1


@given(st.binary(max_size=64))
def test_the_hex_formatter_output_parses_back(data: bytes) -> None:
    # What the log and the send preview show can be pasted into the send box.
    assert parse_hex(hex_text(data)) == data


@given(st.binary(max_size=64), st.sampled_from([" ", "", ",", "-", ":", ";", "\n", ", "]))
def test_upper_case_pairs_with_any_separator_round_trip(data: bytes, sep: str) -> None:
    assert parse_hex(sep.join(f"{b:02X}" for b in data)) == data


@given(st.text(max_size=40))
def test_parse_hex_never_fails_other_than_input_error(text: str) -> None:
    try:
        parse_hex(text)
    except HexInputError as err:
        assert 0 <= err.position < len(text)
        assert err.length >= 1
        assert err.position + err.length <= len(text)


_SEPARATORS = " \t\n\r\v\f\x1c,;:-\uff0c\uff1b\uff1a\u3000\xa0"


def _reference_parse(text: str) -> bytes:
    """The token-by-token parser the fast path replaced, kept as the definition of valid."""
    out = bytearray()
    for token in re.findall(r"[^\s,;:\-\uff0c\uff1b\uff1a]+", text):
        digits = token[2:] if token[:2] in ("0x", "0X") else token
        if not digits or len(digits) % 2 or re.search(r"[^0-9A-Fa-f]", digits):
            raise HexInputError("bad")
        out += bytes.fromhex(digits)
    return bytes(out)


@given(st.text(alphabet="0123456789abcdefABxX" + _SEPARATORS + "g", max_size=60))
def test_fast_path_agrees_with_the_token_parser(text: str) -> None:
    try:
        expected: bytes | None = _reference_parse(text)
    except HexInputError:
        expected = None
    try:
        got: bytes | None = parse_hex(text)
    except HexInputError:
        got = None
    assert got == expected


def test_one_mebibyte_parses_fast() -> None:
    data = bytes(range(256)) * 4096
    for text in (hex_text(data), data.hex().upper(), ",".join(f"0x{b:02X}" for b in data)):
        start = time.perf_counter()
        assert parse_hex(text) == data
        # Measured ~15-45 ms; the token loop took 2 s and froze the window.
        assert time.perf_counter() - start < 0.3


def test_error_at_the_end_of_a_mebibyte_is_pointed_at() -> None:
    text = hex_text(bytes(1 << 20)) + " 0G"
    with pytest.raises(HexInputError) as info:
        parse_hex(text)
    assert info.value.position == len(text) - 1


def _every_hex_field(text: str) -> list[str]:
    """The message each place that reads user hex gives for ``text``."""
    from app.autoreply.rules_file import parse_rules
    from app.scenario.file import parse_scenario
    from app.sessions.config import TcpServerConfig
    from app.sessions.tcp_server import welcome_template_of
    from app.traffic.framing import parse_delimiter

    messages = []
    for rule in ({"how": "hex", "match": text, "close": True},
                 {"how": "any", "reply_hex": text}):
        with pytest.raises(ValueError) as info:
            parse_rules(json.dumps({"rules": [rule]}))
        messages.append(str(info.value))
    for key in ("send_hex", "expect_hex"):
        with pytest.raises(ValueError) as info:
            parse_scenario(f'[[step]]\n{key} = "{text}"\n')
        messages.append(str(info.value))
    with pytest.raises(ValueError) as info:
        welcome_template_of(TcpServerConfig(welcome_on=True, welcome=text, welcome_hex=True))
    messages.append(str(info.value))
    with pytest.raises(ValueError) as info:
        parse_delimiter(text)
    messages.append(str(info.value))
    return messages


def test_rules_scenario_welcome_and_delimiter_hex_name_the_lone_digit() -> None:
    for message in _every_hex_field("0102A"):
        assert "“A” at position 5" in message, message
    for message in _every_hex_field("AB C"):
        assert "Lone hex digit “C” at position 4" in message, message
