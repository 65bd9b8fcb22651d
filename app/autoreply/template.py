"""Placeholders in automatic replies (``{text}``, ``{peer}``, ``{n}``) and in the welcome
message (``{peer}``).

A placeholder is a name of ASCII letters, digits and ``_`` in braces. A name the place does
not know (``{nope}``, ``{Peer}``) is an error, never sent as written: a typo must not reach
the device. Braces around anything else are data: ``{"ok": true}`` and a lone ``{`` are sent
as they stand, so JSON replies keep working. To send a placeholder's own text, double its
braces: ``{{peer}}`` sends ``{peer}``.

Placeholders are found after the escapes are decoded, as before: ``\\x7Bn}`` is ``{n}``.
Filling is one pass over the template, so a message that itself holds ``{peer}`` is sent as
it came.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.send.escapes import encode_text

_CONTEXT = "AutoReplyRules"
#: The placeholders a welcome message may hold (a rule's: ``app.autoreply.rules.PLACEHOLDERS``).
WELCOME_PLACEHOLDERS: tuple[str, ...] = ("peer",)
#: ``{{name}}`` (the text ``{name}``) or ``{name}`` (a placeholder).
_PLACEHOLDER = re.compile(rb"\{\{([A-Za-z0-9_]+)\}\}|\{([A-Za-z0-9_]+)\}")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def list_placeholders(known: Iterable[str]) -> str:
    """``{text}, {peer}, {n}``: the names as a user writes them."""
    return ", ".join("{" + name + "}" for name in known)


class PlaceholderError(ValueError):
    """A template names a placeholder its place does not know; ``name`` is that name."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        super().__init__(_tr(
            "unknown placeholder “{{{name}}}”; known: {known}. To send the braces as "
            "written, double them: “{{{{{name}}}}}”").format(
                name=name, known=list_placeholders(known)))
        self.name = name


@dataclass(frozen=True)
class Template:
    """Bytes with placeholders, split once: ``parts`` are literal ``bytes`` and placeholder
    names (``str``), in order."""

    parts: tuple[bytes | str, ...]

    @property
    def fixed(self) -> bool:
        """True when there is nothing to fill in."""
        return all(isinstance(part, bytes) for part in self.parts)

    def fill(self, values: Mapping[str, Callable[[], bytes]]) -> bytes:
        """The bytes with each placeholder replaced by its value (each value is made only
        when the template uses it). Raises ``KeyError`` for a name ``values`` lacks."""
        return b"".join(part if isinstance(part, bytes) else values[part]()
                        for part in self.parts)


def parse_template(data: bytes, known: tuple[str, ...]) -> Template:
    """Split ``data`` (escapes already decoded) into a :class:`Template` whose placeholders
    are among ``known``. Raises :class:`PlaceholderError` at the first unknown one."""
    parts: list[bytes | str] = []
    literal = bytearray()
    end = 0
    for match in _PLACEHOLDER.finditer(data):
        literal += data[end:match.start()]
        end = match.end()
        doubled, name = match.group(1), match.group(2)
        if doubled is not None:
            literal += b"{" + doubled + b"}"
            continue
        text = name.decode("ascii")
        if text not in known:
            raise PlaceholderError(text, known)
        if literal:
            parts.append(bytes(literal))
            literal.clear()
        parts.append(text)
    literal += data[end:]
    if literal:
        parts.append(bytes(literal))
    return Template(tuple(parts))


def welcome_template(text: str) -> Template:
    """The welcome message ``text`` (escapes, UTF-8) as a template filled with ``{peer}``.
    Raises :class:`~app.input_errors.InputError` for a bad escape and
    :class:`PlaceholderError` for an unknown placeholder (both ``ValueError``)."""
    return parse_template(encode_text(text, "utf-8", escapes=True), WELCOME_PLACEHOLDERS)
