"""Turning send-box text into bytes: encoding, plus optional backslash escapes.

With escapes on, ``\\r \\n \\t \\\\ \\0`` stand for those characters (encoded like the rest of
the text) and ``\\xNN`` (exactly two hex digits) inserts the raw byte ``NN`` as is, *not* a
character run through the encoding: ``\\xFF`` is the single byte ``FF`` even in UTF-8. Anything
else after a backslash is an error pointed at, never guessed.
"""

from __future__ import annotations

import codecs

from PySide6.QtCore import QCoreApplication

from app.input_errors import EncodeInputError, EscapeError
from app.send.hex_input import describe_char

_CONTEXT = "TextEscapes"

#: What "auto" means when sending: received text may be guessed, but sent text must be definite.
AUTO_SEND_ENCODING = "utf-8"

_SIMPLE_ESCAPES: dict[str, str] = {"r": "\r", "n": "\n", "t": "\t", "\\": "\\", "0": "\0"}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def resolve_send_encoding(encoding: str) -> str:
    """Return the codec name used for sending: ``"auto"`` means UTF-8.

    Raises :class:`EncodeInputError` (position 0) when Python has no *text* codec by that
    name; ``"base64"``, for example, is a codec but cannot encode ``str``.
    """
    name = AUTO_SEND_ENCODING if encoding == "auto" else encoding
    try:
        # Encoding "" is the cheapest way to ask whether this is a str -> bytes codec.
        "".encode(name)
    except LookupError:
        raise EncodeInputError(
            _tr("Unknown text encoding “{encoding}”").format(encoding=encoding), 0, 1
        ) from None
    return name


# A piece of the input: (text to encode, or raw bytes; where it starts in the input; its length
# in the input). Escape-made characters are their own pieces so an error maps back exactly.
_Piece = tuple[str | bytes, int, int]


def _split_escapes(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    i = 0
    n = len(text)
    while i < n:
        j = text.find("\\", i)
        if j < 0:
            pieces.append((text[i:], i, n - i))
            break
        if j > i:
            pieces.append((text[i:j], i, j - i))
        if j + 1 >= n:
            raise EscapeError(
                _tr(
                    "Lone backslash at the end (position {pos}): write \\\\ for a backslash"
                ).format(pos=j + 1),
                position=j,
                length=1,
            )
        kind = text[j + 1]
        if kind in _SIMPLE_ESCAPES:
            pieces.append((_SIMPLE_ESCAPES[kind], j, 2))
            i = j + 2
        elif kind == "x":
            hex_count = 0
            while hex_count < 2 and text[j + 2 + hex_count : j + 3 + hex_count] in _HEX_DIGITS:
                hex_count += 1
            if hex_count < 2:
                shown = text[j : j + 2 + hex_count]
                raise EscapeError(
                    _tr(
                        "“{escape}” at position {pos} needs exactly two hex digits, "
                        "for example \\x0A"
                    ).format(escape=shown, pos=j + 1),
                    position=j,
                    length=len(shown),
                )
            pieces.append((bytes.fromhex(text[j + 2 : j + 4]), j, 4))
            i = j + 4
        else:
            raise EscapeError(
                _tr(
                    "Unknown escape “\\{char}” at position {pos}: use \\r \\n \\t \\\\ \\0 or "
                    "\\xNN (write \\\\ for a backslash)"
                ).format(char=describe_char(kind), pos=j + 1),
                position=j,
                length=2,
            )
    return pieces


def encode_text(text: str, encoding: str, escapes: bool) -> bytes:
    """Encode ``text`` with the Python codec ``encoding`` (``"auto"`` = UTF-8).

    With ``escapes`` true, backslash escapes are interpreted first (see the module docstring).
    Raises :class:`EscapeError` for a bad escape and :class:`EncodeInputError` for a character
    the encoding cannot represent or an unknown encoding; both point into ``text``.
    """
    codec = resolve_send_encoding(encoding)
    shown_encoding = codec if encoding == "auto" else encoding
    pieces = _split_escapes(text) if escapes else [(text, 0, len(text))]

    # One incremental encoder for the whole message so codecs with a BOM or shift state
    # (UTF-16, ISO-2022) emit it once, not once per piece between escapes.
    encoder = codecs.getincrementalencoder(codec)("strict")
    out = bytearray()
    for piece, start, length in pieces:
        if isinstance(piece, bytes):
            out += piece
            continue
        try:
            out += encoder.encode(piece)
        except UnicodeEncodeError as exc:
            # An escape-made piece maps to its whole escape sequence in the input.
            from_escape = length != len(piece)
            pos = start if from_escape else start + exc.start
            bad = piece[exc.start]
            raise EncodeInputError(
                _tr("Character “{char}” at position {pos} cannot be encoded in {encoding}").format(
                    char=describe_char(bad), pos=pos + 1, encoding=shown_encoding
                ),
                position=pos,
                length=length if from_escape else 1,
            ) from None
    try:
        out += encoder.encode("", final=True)
    except UnicodeEncodeError as exc:  # pragma: no cover - only stateful codecs can end badly
        raise EncodeInputError(
            _tr("The text cannot be encoded in {encoding}: {reason}").format(
                encoding=shown_encoding, reason=exc.reason
            ),
            position=max(0, len(text) - 1),
            length=1,
        ) from None
    return bytes(out)
