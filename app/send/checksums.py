"""Checksums appended to a sent payload (before the line ending).

Ids are stable (they are stored in settings and quick-command files and used as combo item data):
``none``, ``xor`` (BCC), ``sum8`` (sum mod 256), ``crc8`` (CRC-8/SMBUS), ``crc16-modbus`` (appended
low byte first, as Modbus RTU frames carry it), ``crc16-ccitt-false`` and ``crc32`` (both appended
high byte first). The CRCs are C code: ``zlib.crc32``, ``binascii.crc_hqx`` (CRC-16/CCITT-FALSE
with init 0xFFFF) and ``crcmod`` (from ``crcmod-plus``) for the other two, so 1 MiB takes a few
milliseconds instead of seconds in a pure-Python table loop.
"""

from __future__ import annotations

import binascii
import functools
import zlib
from collections.abc import Callable
from typing import Literal

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

@functools.cache
def _crcmod_functions() -> tuple[Callable[[bytes], int], Callable[[bytes], int]]:
    """CRC-8/SMBUS and CRC-16/MODBUS, made on first use: importing crcmod and making the
    tables takes ~3 ms that every start (``socketscope-cli serve``, the window) would pay."""
    import crcmod

    # Parameters spelled out (catalogue names differ between libraries): crcmod takes the
    # polynomial with its top bit (0x107 is x^8+x^2+x+1), the initial register value, whether
    # input and output are reflected, and the final XOR.
    return (crcmod.mkCrcFun(0x107, initCrc=0x00, rev=False, xorOut=0x00),
            crcmod.mkCrcFun(0x18005, initCrc=0xFFFF, rev=True, xorOut=0x0000))


def _crc8_smbus(data: bytes) -> int:
    return _crcmod_functions()[0](data)


def _crc16_modbus(data: bytes) -> int:
    return _crcmod_functions()[1](data)


def _crc16_ccitt_false(data: bytes) -> int:
    # crc_hqx is CRC-16/XMODEM's algorithm with a caller-given init: 0xFFFF makes CCITT-FALSE.
    return binascii.crc_hqx(data, 0xFFFF)


# Each entry: (function, width in bytes, byte order of the appended value).
_CRCS: dict[str, tuple[Callable[[bytes], int], int, Literal["little", "big"]]] = {
    "crc8": (_crc8_smbus, 1, "big"),
    "crc16-modbus": (_crc16_modbus, 2, "little"),
    "crc16-ccitt-false": (_crc16_ccitt_false, 2, "big"),
    "crc32": (zlib.crc32, 4, "big"),
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
        return bytes([_xor(data)])
    if kind == "sum8":
        return bytes([sum(data) & 0xFF])
    try:
        function, size, order = _CRCS[kind]
    except KeyError:
        raise _unknown(kind) from None
    return function(data).to_bytes(size, order)


def _xor(data: bytes) -> int:
    """XOR of all bytes, done on machine words: a byte-at-a-time loop takes ~40 ms per MiB."""
    if not data:
        return 0
    word = int.from_bytes(data, "little")
    # Fold the big integer in halves until one byte is left; each step is one C operation.
    bits = len(data) * 8
    while bits > 8:
        half = ((bits // 8 + 1) // 2) * 8
        word = (word >> half) ^ (word & ((1 << half) - 1))
        bits = half
    return word & 0xFF
