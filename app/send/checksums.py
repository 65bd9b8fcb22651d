"""Checksums appended to a sent payload (before the line ending).

Ids are stable (they are stored in settings and quick-command files and used as combo item data):
``none``, ``xor`` (BCC), ``sum8`` (sum mod 256), ``crc8`` (CRC-8/SMBUS), ``crc16-modbus`` (appended
low byte first, as Modbus RTU frames carry it), ``crc16-ccitt-false`` and ``crc32`` (both appended
high byte first). The CRCs come from the ``crc`` library rather than hand-written tables.
"""

from __future__ import annotations

from functools import reduce
from operator import xor
from typing import Literal

from crc import Calculator, Configuration
from PySide6.QtCore import QCoreApplication

_CONTEXT = "Checksums"

CHECKSUM_IDS: tuple[str, ...] = (
    "none",
    "xor",
    "sum8",
    "crc8",
    "crc16-modbus",
    "crc16-ccitt-false",
    "crc32",
)

# The parameter sets are spelled out instead of using the library's enum members because
# its names differ from the catalogue ones (its Crc8.CCITT is what the catalogue calls
# CRC-8/SMBUS); explicit parameters make the algorithm checkable at a glance.
_CRC8_SMBUS = Configuration(
    width=8,
    polynomial=0x07,
    init_value=0x00,
    final_xor_value=0x00,
    reverse_input=False,
    reverse_output=False,
)
_CRC16_MODBUS = Configuration(
    width=16,
    polynomial=0x8005,
    init_value=0xFFFF,
    final_xor_value=0x0000,
    reverse_input=True,
    reverse_output=True,
)
_CRC16_CCITT_FALSE = Configuration(
    width=16,
    polynomial=0x1021,
    init_value=0xFFFF,
    final_xor_value=0x0000,
    reverse_input=False,
    reverse_output=False,
)
_CRC32 = Configuration(
    width=32,
    polynomial=0x04C11DB7,
    init_value=0xFFFFFFFF,
    final_xor_value=0xFFFFFFFF,
    reverse_input=True,
    reverse_output=True,
)

# Built once: optimized calculators precompute a table, which is the costly part.
# Each entry: (calculator, width in bytes, byte order of the appended value).
_CRCS: dict[str, tuple[Calculator, int, Literal["little", "big"]]] = {
    "crc8": (Calculator(_CRC8_SMBUS, optimized=True), 1, "big"),
    "crc16-modbus": (Calculator(_CRC16_MODBUS, optimized=True), 2, "little"),
    "crc16-ccitt-false": (Calculator(_CRC16_CCITT_FALSE, optimized=True), 2, "big"),
    "crc32": (Calculator(_CRC32, optimized=True), 4, "big"),
}


def _labels() -> dict[str, str]:
    # Looked up at call time, not import time, so a language switch takes effect.
    tr = QCoreApplication.translate
    return {
        "none": tr(_CONTEXT, "None"),
        "xor": tr(_CONTEXT, "XOR (BCC)"),
        "sum8": tr(_CONTEXT, "SUM8"),
        "crc8": tr(_CONTEXT, "CRC-8"),
        "crc16-modbus": tr(_CONTEXT, "CRC-16/MODBUS"),
        "crc16-ccitt-false": tr(_CONTEXT, "CRC-16/CCITT-FALSE"),
        "crc32": tr(_CONTEXT, "CRC-32"),
    }


def _unknown(kind: str) -> ValueError:
    return ValueError(
        QCoreApplication.translate(_CONTEXT, "Unknown checksum “{kind}”").format(kind=kind)
    )


def checksum_label(kind: str) -> str:
    """Short translated display name for a checksum id, e.g. ``"CRC-16/MODBUS"``."""
    try:
        return _labels()[kind]
    except KeyError:
        raise _unknown(kind) from None


def checksum_bytes(kind: str, data: bytes) -> bytes:
    """The bytes to append to ``data`` for checksum ``kind`` (``b""`` for ``"none"``).

    Raises ``ValueError`` for an unknown id.
    """
    if kind == "none":
        return b""
    if kind == "xor":
        return bytes([reduce(xor, data, 0)])
    if kind == "sum8":
        return bytes([sum(data) & 0xFF])
    try:
        calculator, size, order = _CRCS[kind]
    except KeyError:
        raise _unknown(kind) from None
    return calculator.checksum(data).to_bytes(size, order)
