"""Tests for app.send.checksums against published reference values."""

from __future__ import annotations

import time
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.send.checksums import CHECKSUM_IDS, checksum_bytes, checksum_label

CHECK = b"123456789"


def test_ids_in_order() -> None:
    assert CHECKSUM_IDS == (
        "none",
        "xor",
        "sum8",
        "crc8",
        "crc16-modbus",
        "crc16-ccitt-false",
        "crc32",
    )


def test_labels() -> None:
    assert checksum_label("none") == "None"
    assert checksum_label("xor") == "XOR (BCC)"
    assert checksum_label("sum8") == "SUM8"
    assert checksum_label("crc8") == "CRC-8"
    assert checksum_label("crc16-modbus") == "CRC-16/MODBUS"
    assert checksum_label("crc16-ccitt-false") == "CRC-16/CCITT-FALSE"
    assert checksum_label("crc32") == "CRC-32"


def test_none() -> None:
    assert checksum_bytes("none", CHECK) == b""


def test_xor() -> None:
    assert checksum_bytes("xor", b"\x01\x02\x03") == b"\x00"
    assert checksum_bytes("xor", b"\x01\x02") == b"\x03"
    assert checksum_bytes("xor", b"") == b"\x00"


def test_sum8() -> None:
    assert checksum_bytes("sum8", b"\xff\x02") == b"\x01"
    assert checksum_bytes("sum8", CHECK) == bytes([sum(CHECK) % 256])  # 0x1DD -> DD
    assert checksum_bytes("sum8", CHECK) == b"\xdd"


def test_crc8_smbus_check_value() -> None:
    assert checksum_bytes("crc8", CHECK) == b"\xf4"


def test_crc16_modbus_low_byte_first() -> None:
    assert checksum_bytes("crc16-modbus", b"\x01\x03\x00\x00\x00\x0a") == b"\xc5\xcd"
    assert checksum_bytes("crc16-modbus", CHECK) == b"\x37\x4b"  # check value 0x4B37


def test_crc16_ccitt_false_high_byte_first() -> None:
    assert checksum_bytes("crc16-ccitt-false", CHECK) == b"\x29\xb1"


def test_crc32_high_byte_first() -> None:
    assert checksum_bytes("crc32", CHECK) == b"\xcb\xf4\x39\x26"


@pytest.mark.parametrize("kind", ["", "crc16", "CRC32", "md5"])
def test_unknown_kind(kind: str) -> None:
    with pytest.raises(ValueError):
        checksum_bytes(kind, CHECK)
    with pytest.raises(ValueError):
        checksum_label(kind)


@pytest.mark.parametrize(
    ("kind", "size"),
    [
        ("none", 0),
        ("xor", 1),
        ("sum8", 1),
        ("crc8", 1),
        ("crc16-modbus", 2),
        ("crc16-ccitt-false", 2),
        ("crc32", 4),
    ],
)
def test_sizes(kind: str, size: int) -> None:
    assert len(checksum_bytes(kind, b"abc")) == size


@given(st.binary(max_size=200))
def test_crc32_matches_zlib(data: bytes) -> None:
    assert checksum_bytes("crc32", data) == zlib.crc32(data).to_bytes(4, "big")


@given(st.binary(max_size=200))
def test_xor_of_data_plus_bcc_is_zero(data: bytes) -> None:
    assert checksum_bytes("xor", data + checksum_bytes("xor", data)) == b"\x00"


@given(st.binary(max_size=200))
def test_modbus_residue(data: bytes) -> None:
    # A frame with its own (low-byte-first) Modbus CRC appended has CRC 0: how receivers check.
    frame = data + checksum_bytes("crc16-modbus", data)
    assert checksum_bytes("crc16-modbus", frame) == b"\x00\x00"


def _crc_bitwise(data: bytes, width: int, poly: int, init: int, reflect: bool) -> int:
    """Textbook bit-at-a-time CRC (no final XOR), independent of the library under test."""
    top, mask = 1 << (width - 1), (1 << width) - 1
    crc = init
    for byte in data:
        if reflect:
            byte = int(f"{byte:08b}"[::-1], 2)
        crc ^= byte << (width - 8)
        for _ in range(8):
            crc = ((crc << 1) ^ poly) & mask if crc & top else (crc << 1) & mask
    if reflect:
        crc = int(f"{crc:0{width}b}"[::-1], 2)
    return crc


@given(st.binary(max_size=100))
def test_crcs_match_the_textbook_definition(data: bytes) -> None:
    assert checksum_bytes("crc8", data) == bytes([_crc_bitwise(data, 8, 0x07, 0, False)])
    assert checksum_bytes("crc16-modbus", data) == _crc_bitwise(
        data, 16, 0x8005, 0xFFFF, True).to_bytes(2, "little")
    assert checksum_bytes("crc16-ccitt-false", data) == _crc_bitwise(
        data, 16, 0x1021, 0xFFFF, False).to_bytes(2, "big")


@given(st.binary(max_size=300))
def test_xor_matches_a_byte_loop(data: bytes) -> None:
    expected = 0
    for byte in data:
        expected ^= byte
    assert checksum_bytes("xor", data) == bytes([expected])


@pytest.mark.parametrize("kind", CHECKSUM_IDS)
def test_one_mebibyte_is_fast(kind: str) -> None:
    # The window computes these on a 1 MiB send; the old pure-Python CRC took seconds.
    # 100 ms is ~30x the measured cost, so a slow CI machine does not make this flaky.
    data = bytes(range(256)) * 4096
    start = time.perf_counter()
    checksum_bytes(kind, data)
    assert time.perf_counter() - start < 0.1
