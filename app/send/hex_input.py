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
_SEP = r"\s,;:\-\uff0c\uff1b\uff1a"
_NON_HEX_RE = re.compile(r"[^0-9A-Fa-f]")
# The first token (a run of non-separators starting at a separator or the start) that is not an
# optional 0x and pairs of digits. One scan in C: a Python loop per token took 2 s per MiB.
_BAD_TOKEN_RE = re.compile(
    rf"(?<![^{_SEP}])(?!(?:0[xX])?(?:[0-9A-Fa-f]{{2}})+(?:[{_SEP}]|\Z))[^{_SEP}]+")
# What bytes.fromhex must not see once the text is known to be valid.
_STRIP_RE = re.compile(rf"0[xX]|[{_SEP}]+")
# ASCII separators mapped to a space, which bytes.fromhex skips between pairs (and only there).
_TO_SPACE = bytes.maketrans(b"\t\n\v\f\r\x1c\x1d\x1e\x1f,;:-", b" " * 13)

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


def _shorten_start(token: str) -> str:
    """Like :func:`_shorten`, keeping the end (where a repair near the end shows)."""
    if len(token) <= _MAX_SHOWN_TOKEN:
        return token
    return "…" + token[-(_MAX_SHOWN_TOKEN - 1):]


def parse_hex(text: str) -> bytes:
    """Turn hex text such as ``"01 02 0a"`` or ``"0x01,0x02"`` into bytes.

    Empty or whitespace-only text gives ``b""``. Raises :class:`HexInputError` whose
    ``position``/``length`` select the first bad character or token in ``text``.
    """
    fast = _parse_plain(text)
    if fast is not None:
        return fast
    bad_token = _BAD_TOKEN_RE.search(text)
    if bad_token is None:
        # Valid: in valid text an x only follows the 0 of a prefix, so stripping is exact.
        return bytes.fromhex(_STRIP_RE.sub("", text))
    _raise_for_token(bad_token.group(), bad_token.start())
    raise AssertionError("unreachable: a bad token always raises")  # pragma: no cover


def _parse_plain(text: str) -> bytes | None:
    """The bytes of ``text`` in C string operations (~10 ms per MiB), or None to look closer.

    None means the text is not valid or uses a form this path leaves to the regex path
    (non-ASCII whitespace, ``0x`` outside a token start): that path finds the error.
    """
    for wide, ascii_sep in (("\uff0c", ","), ("\uff1b", ";"), ("\uff1a", ":")):
        text = text.replace(wide, ascii_sep)
    if not text.isascii():
        return None
    # Padding makes every token start with a space, so " 0x" is exactly a prefix.
    raw = b" " + text.encode("ascii").translate(_TO_SPACE) + b" "
    if b" 0x " in raw or b" 0X " in raw:  # a prefix with no digits
        return None
    raw = raw.replace(b" 0x", b" ").replace(b" 0X", b" ")
    if b"x" in raw or b"X" in raw:
        return None
    try:
        # fromhex rejects a bad digit, an odd count and a space inside a pair: all errors here.
        return bytes.fromhex(raw.decode("ascii"))
    except ValueError:
        return None


def _raise_for_token(token: str, start: int) -> None:
    """Raise the :class:`HexInputError` that explains what is wrong with ``token``."""
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
        # Read in pairs from the left, the last digit is the lone one: name it and where it
        # stands, not the token's start, which says nothing in "0102A". Which digit lacks its
        # 0 is not guessed: both one-zero repairs are offered.
        lone = start + prefix_len + len(digits) - 1
        prefix = token[:prefix_len]
        if len(digits) == 1:
            message = _tr("Lone hex digit “{digit}” at position {pos}: a byte is two digits, "
                          "for example “{example}”").format(
                digit=digits, pos=lone + 1, example=prefix + "0" + digits)
        else:
            message = _tr(
                "Odd number of hex digits ({count}) in “{token}” at positions {first}–{last}: "
                "paired from the left, “{digit}” at position {pos} is left alone. Add the "
                "missing 0, for example “{leading}” or “{inner}”"
            ).format(
                count=len(digits), token=_shorten(token), first=start + 1,
                last=start + len(token), digit=digits[-1], pos=lone + 1,
                leading=_shorten(prefix + "0" + digits),
                inner=_shorten_start(prefix + digits[:-1] + "0" + digits[-1]))
        raise HexInputError(message, position=start, length=len(token))
