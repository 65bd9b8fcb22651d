"""Parsing hex typed by a user into bytes (the hex formatter is :mod:`app.traffic.hex_format`).

Accepted input (case-insensitive): ``01 02 0a``, ``01020A``, ``0x01,0x02``, ``01-02``, ``01:02``,
``01;02``, with any whitespace (tabs, newlines) between tokens. Each token may start with one
``0x``/``0X`` prefix; a token with an even number of digits is several bytes (``0x0102`` is
``01 02``). Nothing is guessed: an invalid character, an odd digit count or a bare ``0x`` raises
:class:`~app.input_errors.HexInputError` pointing at the first problem.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.input_errors import HexInputError

_CONTEXT = "HexInput"

# Full-width comma, semicolon and colon are included because a Chinese input method often
# produces them; they separate tokens as unambiguously as their ASCII forms.
_TOKEN_RE = re.compile(r"[^\s,;:\-\uff0c\uff1b\uff1a]+")
_NON_HEX_RE = re.compile(r"[^0-9A-Fa-f]")

# Keep messages readable when someone pastes a huge unseparated blob.
_MAX_SHOWN_TOKEN = 24


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def describe_char(ch: str) -> str:
    """Show a character in a message: itself when visible, else its code point (``U+0007``)."""
    if ch.isprintable() and not ch.isspace():
        return ch
    return f"U+{ord(ch):04X}"


def _shorten(token: str) -> str:
    if len(token) <= _MAX_SHOWN_TOKEN:
        return token
    return token[: _MAX_SHOWN_TOKEN - 1] + "…"


def parse_hex(text: str) -> bytes:
    """Turn hex text such as ``"01 02 0a"`` or ``"0x01,0x02"`` into bytes.

    Empty or whitespace-only text gives ``b""``. Raises :class:`HexInputError` whose
    ``position``/``length`` select the first bad character or token in ``text``.
    """
    out = bytearray()
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        start = match.start()
        prefix_len = 2 if token[:2] in ("0x", "0X") else 0
        digits = token[prefix_len:]

        bad = _NON_HEX_RE.search(digits)
        if bad is not None:
            pos = start + prefix_len + bad.start()
            raise HexInputError(
                _tr("Invalid hex character “{char}” at position {pos}").format(
                    char=describe_char(bad.group()), pos=pos + 1
                ),
                position=pos,
                length=1,
            )
        if not digits:
            raise HexInputError(
                _tr("“{token}” at position {pos} has no hex digits after the prefix").format(
                    token=token, pos=start + 1
                ),
                position=start,
                length=len(token),
            )
        if len(digits) % 2:
            raise HexInputError(
                _tr(
                    "Odd number of hex digits in “{token}” at position {pos}: "
                    "add a leading 0, for example “{example}”"
                ).format(
                    token=_shorten(token),
                    pos=start + 1,
                    example=_shorten(token[:prefix_len] + "0" + digits),
                ),
                position=start,
                length=len(token),
            )
        out += bytes.fromhex(digits)
    return bytes(out)

