"""Bytes shown as hex for the log view: a compact one-line form and a classic hex dump.

Both are built from C-level bytes methods (``bytes.hex``, ``bytes.translate``) and slicing, so the
cost per byte stays tiny even for the 16 KiB entries of a flood.
"""

from __future__ import annotations

# Printable ASCII stays itself in the dump's text column; everything else becomes '.', as in
# hexdump -C, so the column never contains control characters or half a multibyte character.
_ASCII_COLUMN = bytes(b if 0x20 <= b < 0x7F else 0x2E for b in range(256))


def hex_text(data: bytes) -> str:
    """Upper-case hex pairs separated by spaces: ``b"\\x01\\x02\\n"`` -> ``"01 02 0A"``."""
    return data.hex(" ").upper()


def hex_rows(data: bytes, width: int = 32) -> str:
    """:func:`hex_text` cut into rows of ``width`` bytes joined by ``\\n`` (no offsets)."""
    if width < 1:
        raise ValueError("width must be at least 1")
    text = hex_text(data)
    step = width * 3
    return "\n".join(text[i : i + step - 1] for i in range(0, len(text), step))


def hex_dump(data: bytes, width: int = 16) -> str:
    """A multi-line hex dump, one row per ``width`` bytes, rows joined by ``\\n``.

    Row format: offset (upper-case hex, at least 4 digits, as many as the largest offset needs so
    that all rows line up), two spaces, the hex pairs padded to the full row width, two spaces,
    and the bytes as ASCII between bars with ``.`` for anything not printable::

        0000  48 65 6C 6C 6F 0A                                |Hello.|

    Empty data gives an empty string.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    if not data:
        return ""
    digits = max(4, len(f"{len(data) - 1:X}"))
    hex_all = data.hex(" ").upper()
    ascii_all = data.translate(_ASCII_COLUMN).decode("ascii")
    row_chars = width * 3  # "XX " per byte; the last row is padded to this width
    rows = []
    for offset in range(0, len(data), width):
        hex_part = hex_all[offset * 3 : offset * 3 + row_chars - 1]
        rows.append(
            f"{offset:0{digits}X}  {hex_part.ljust(row_chars - 1)}  "
            f"|{ascii_all[offset : offset + width]}|"
        )
    return "\n".join(rows)
