"""Tests for app.send.payload: SendSpec (de)serialisation and building the bytes to send."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.input_errors import EncodeInputError, EscapeError, HexInputError
from app.send.checksums import CHECKSUM_IDS, checksum_bytes
from app.send.payload import LINE_ENDINGS, SendSpec, build_payload


def test_line_endings_in_order() -> None:
    assert list(LINE_ENDINGS.items()) == [
        ("none", b""),
        ("cr", b"\r"),
        ("lf", b"\n"),
        ("crlf", b"\r\n"),
    ]


def test_defaults() -> None:
    spec = SendSpec("x")
    assert (spec.mode, spec.encoding, spec.escapes, spec.line_ending, spec.checksum) == (
        "text",
        "utf-8",
        False,
        "none",
        "none",
    )


def test_at_command_with_escapes() -> None:
    spec = SendSpec(r"AT+GMR\r\n", escapes=True)
    assert build_payload(spec) == bytes.fromhex("41 54 2B 47 4D 52 0D 0A")


def test_at_with_crlf() -> None:
    assert build_payload(SendSpec("AT", line_ending="crlf")) == b"AT\r\n"


def test_each_line_ending() -> None:
    for key, ending in LINE_ENDINGS.items():
        assert build_payload(SendSpec("AT", line_ending=key)) == b"AT" + ending


def test_modbus_frame() -> None:
    spec = SendSpec("01 03 00 00 00 0A", mode="hex", checksum="crc16-modbus")
    assert build_payload(spec) == bytes.fromhex("01 03 00 00 00 0A C5 CD")


def test_checksum_comes_before_line_ending_and_excludes_it() -> None:
    spec = SendSpec("01 02 03", mode="hex", checksum="sum8", line_ending="crlf")
    assert build_payload(spec) == b"\x01\x02\x03\x06\r\n"
    spec = SendSpec("313233343536373839", mode="hex", checksum="crc32", line_ending="lf")
    assert build_payload(spec) == b"123456789\xcb\xf4\x39\x26\n"


def test_text_with_checksum() -> None:
    spec = SendSpec("123456789", checksum="crc16-ccitt-false", line_ending="cr")
    assert build_payload(spec) == b"123456789\x29\xb1\r"


def test_hex_mode_ignores_encoding_and_escapes() -> None:
    spec = SendSpec("5C 6E", mode="hex", encoding="ascii", escapes=True)
    assert build_payload(spec) == b"\\n"


def test_text_encoding_used() -> None:
    assert build_payload(SendSpec("你", encoding="gbk")) == b"\xc4\xe3"


def test_input_errors_propagate() -> None:
    with pytest.raises(HexInputError):
        build_payload(SendSpec("0G", mode="hex"))
    with pytest.raises(EscapeError):
        build_payload(SendSpec(r"\q", escapes=True))
    with pytest.raises(EncodeInputError):
        build_payload(SendSpec("你", encoding="ascii"))


@pytest.mark.parametrize(
    "spec",
    [SendSpec("a", mode="bin"), SendSpec("a", line_ending="crcr"), SendSpec("a", checksum="md5")],
)
def test_bad_settings_raise_value_error(spec: SendSpec) -> None:
    with pytest.raises(ValueError):
        build_payload(spec)


def test_to_dict_from_dict_round_trip_through_json() -> None:
    spec = SendSpec("你好\\r\\n", "text", "gbk", True, "crlf", "crc8")
    d = spec.to_dict()
    assert list(d) == ["text", "mode", "encoding", "escapes", "line_ending", "checksum"]
    assert SendSpec.from_dict(json.loads(json.dumps(d))) == spec


def test_from_dict_defaults_and_extra_keys() -> None:
    assert SendSpec.from_dict({"text": "a", "future": 1}) == SendSpec("a")


@pytest.mark.parametrize(
    ("d", "field"),
    [
        ("not a dict", None),
        ([], None),
        ({}, "text"),
        ({"text": 1}, "text"),
        ({"text": "a", "mode": "bin"}, "mode"),
        ({"text": "a", "mode": None}, "mode"),
        ({"text": "a", "escapes": 1}, "escapes"),
        ({"text": "a", "escapes": "true"}, "escapes"),
        ({"text": "a", "line_ending": "\r\n"}, "line_ending"),
        ({"text": "a", "checksum": "crc"}, "checksum"),
        ({"text": "a", "encoding": "no-such-codec"}, "no-such-codec"),
    ],
)
def test_from_dict_rejects(d: object, field: str | None) -> None:
    with pytest.raises(ValueError) as info:
        SendSpec.from_dict(d)
    if field is not None:
        assert field in str(info.value)


def test_spec_is_frozen_and_hashable() -> None:
    spec = SendSpec("a")
    with pytest.raises(AttributeError):
        spec.text = "b"  # type: ignore[misc]
    assert len({spec, SendSpec("a")}) == 1


@given(
    st.binary(max_size=50),
    st.sampled_from(CHECKSUM_IDS),
    st.sampled_from(list(LINE_ENDINGS)),
)
def test_hex_payload_structure(data: bytes, checksum: str, line_ending: str) -> None:
    spec = SendSpec(data.hex(" "), mode="hex", checksum=checksum, line_ending=line_ending)
    assert build_payload(spec) == (
        data + checksum_bytes(checksum, data) + LINE_ENDINGS[line_ending]
    )
