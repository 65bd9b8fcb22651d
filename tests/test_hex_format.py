"""Tests for app.traffic.hex_format: one-line hex and the hex dump."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.traffic.hex_format import hex_dump, hex_text


def test_hex_text_is_upper_case_pairs() -> None:
    assert hex_text(b"\x01\x02\n\xff") == "01 02 0A FF"
    assert hex_text(b"") == ""


def test_hex_dump_single_short_row() -> None:
    assert hex_dump(b"Hello\n") == "0000  48 65 6C 6C 6F 0A" + " " * 30 + "  |Hello.|"


def test_hex_dump_rows_line_up() -> None:
    data = bytes(range(0x1E, 0x1E + 20))
    rows = hex_dump(data).split("\n")
    assert rows[0] == ("0000  1E 1F 20 21 22 23 24 25 26 27 28 29 2A 2B 2C 2D  |.. !\"#$%&'()*+,-|")
    assert rows[1].startswith("0010  2E 2F 30 31  ")
    assert rows[1].endswith("|./01|")
    # The ASCII column starts at the same place on a short last row.
    assert rows[0].index("|") == rows[1].index("|")


def test_hex_dump_offset_widens_for_big_data_and_width_option() -> None:
    rows = hex_dump(bytes(0x10001), width=16).split("\n")
    assert rows[0].startswith("00000  ")
    assert rows[-1].startswith("10000  00")
    assert hex_dump(b"abcdef", width=4).split("\n") == [
        "0000  61 62 63 64  |abcd|",
        "0004  65 66        |ef|",
    ]


def test_hex_dump_empty_and_bad_width() -> None:
    assert hex_dump(b"") == ""
    with pytest.raises(ValueError):
        hex_dump(b"x", width=0)


def test_hex_dump_never_shows_control_or_high_bytes_in_text_column() -> None:
    row = hex_dump(b"\x00\x7f\x80\xff\t")
    assert row.endswith("|.....|")


@given(data=st.binary(max_size=200), width=st.integers(1, 32))
def test_hex_dump_hex_columns_parse_back_to_the_data(data: bytes, width: int) -> None:
    dump = hex_dump(data, width)
    recovered = bytearray()
    for row in dump.split("\n") if dump else []:
        _offset, rest = row.split("  ", 1)
        hex_part = rest[: width * 3 - 1]
        recovered += bytes.fromhex(hex_part)
        assert len(rest) - len(hex_part) - 4 <= width  # "  |" + column + "|"
    assert bytes(recovered) == data
    assert hex_text(data) == data.hex(" ").upper()


def test_hex_rows_cut_the_one_line_form_into_rows_of_whole_bytes():
    from app.traffic.hex_format import hex_rows

    data = bytes(range(70))
    rows = hex_rows(data, width=32).split("\n")
    assert [len(r.split()) for r in rows] == [32, 32, 6]
    assert " ".join(rows) == hex_text(data)
    assert hex_rows(b"") == ""
