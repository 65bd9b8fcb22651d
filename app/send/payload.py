"""What the user asked to send, and the exact bytes that go on the wire.

A :class:`SendSpec` is the send box's settings as plain data (stored in history and quick
commands). :func:`build_payload` turns it into bytes: the body (hex parsed or text encoded), then
the checksum computed over the body, then the line ending — so ``AT`` with CRC-16/MODBUS and CRLF
is ``41 54 <crc lo> <crc hi> 0D 0A``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.send.checksums import CHECKSUM_IDS, checksum_bytes
from app.send.escapes import encode_text, resolve_send_encoding
from app.send.hex_input import parse_hex

_CONTEXT = "Payload"



@dataclass(frozen=True)
class LineEnding:
    """One choice of what is appended after the payload.

    ``id`` is stored in settings, history and quick-command files and is the combo item data;
    ``data`` the bytes appended; ``name`` the short name shown to people (``""`` for none).
    """

    id: str
    data: bytes
    name: str


#: Every line ending, in the order the forms offer them. The one source of truth: the payload
#: builder, the validators of history and quick commands, and both send forms use it.
LINE_ENDING_CHOICES: tuple[LineEnding, ...] = (
    LineEnding("none", b"", ""),
    LineEnding("cr", b"\r", "CR"),
    LineEnding("lf", b"\n", "LF"),
    LineEnding("crlf", b"\r\n", "CRLF"),
)
#: Line-ending id -> the bytes appended.
LINE_ENDINGS: dict[str, bytes] = {e.id: e.data for e in LINE_ENDING_CHOICES}
#: Send-mode ids: ``"text"`` (encoded, optional escapes) or ``"hex"`` (parsed hex digits).
SEND_MODES: tuple[str, ...] = ("text", "hex")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def send_mode_choices() -> list[tuple[str, str]]:
    """``(mode id, translated label)`` for every id of :data:`SEND_MODES`, in order."""
    # Looked up at call time, not import time, so a language switch takes effect.
    labels = {"text": _tr("Text"), "hex": _tr("Hex")}
    return [(mode, labels[mode]) for mode in SEND_MODES]


def line_ending_choices() -> list[tuple[str, str]]:
    """``(line-ending id, translated label)`` for every line ending, in order.

    Labels name the bytes as escapes: ``"None"``, ``"CR (\\r)"``, ``"LF (\\n)"``,
    ``"CRLF (\\r\\n)"``.
    """
    return [(e.id, _line_ending_label(e)) for e in LINE_ENDING_CHOICES]


def _line_ending_label(ending: LineEnding) -> str:
    if not ending.data:
        return _tr("None")
    escaped = ending.data.decode("ascii").encode("unicode_escape").decode("ascii")
    return f"{ending.name} ({escaped})"


def line_ending_name(ending_id: str) -> str:
    """The short name of a line-ending id (``"CR"``); ``""`` for none or an unknown id."""
    return next((e.name for e in LINE_ENDING_CHOICES if e.id == ending_id), "")


def _check_choice(field: str, value: str, allowed: tuple[str, ...] | list[str]) -> None:
    if value not in allowed:
        raise ValueError(
            _tr("“{field}” must be one of {allowed}, not “{value}”").format(
                field=field, allowed=", ".join(allowed), value=value
            )
        )


@dataclass(frozen=True)
class SendSpec:
    """One send as the user set it up: payload text and how to turn it into bytes.

    ``mode`` is ``"text"`` or ``"hex"``; ``encoding`` a Python codec name or ``"auto"`` (text
    mode only); ``escapes`` enables ``\\r \\n \\t \\\\ \\0 \\xNN`` (text mode only);
    ``line_ending`` an id of :data:`LINE_ENDING_CHOICES`; ``checksum`` an id of
    :data:`~app.send.checksums.CHECKSUM_IDS`.
    """

    text: str
    mode: str = "text"
    encoding: str = "utf-8"
    escapes: bool = False
    line_ending: str = "none"
    checksum: str = "none"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict with every field, in declaration order."""
        # Not dataclasses.asdict: its deep copy made saving 15,000 imported quick commands
        # take a quarter of a second in the GUI thread; the fields are str and bool anyway.
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, d: Any) -> SendSpec:
        """Build a spec from :meth:`to_dict` output (e.g. read back from JSON).

        ``text`` is required; other missing fields take their defaults; unknown keys are
        ignored so newer files still load. Raises ``ValueError`` with a translated message
        naming the field when a value has the wrong type or is not allowed.
        """
        if not isinstance(d, dict):
            raise ValueError(_tr("A send entry must be a JSON object"))
        if "text" not in d:
            raise ValueError(_tr("The field “text” is missing"))
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in d:
                continue
            value = d[f.name]
            expected = bool if f.name == "escapes" else str
            # isinstance(True, int) is true, but no field is an int, so a plain check suffices.
            if not isinstance(value, expected):
                raise ValueError(
                    _tr("The field “{field}” must be {kind}").format(
                        field=f.name,
                        kind=_tr("true or false") if expected is bool else _tr("a string"),
                    )
                )
            values[f.name] = value
        spec = cls(**values)
        _check_choice("mode", spec.mode, SEND_MODES)
        _check_choice("line_ending", spec.line_ending, list(LINE_ENDINGS))
        _check_choice("checksum", spec.checksum, CHECKSUM_IDS)
        try:
            resolve_send_encoding(spec.encoding)
        except ValueError as exc:
            raise ValueError(str(exc)) from None
        return spec


def build_payload(spec: SendSpec) -> bytes:
    """The bytes to send for ``spec``: body + checksum over the body + line ending.

    Raises an :class:`~app.input_errors.InputError` subclass (with the position in
    ``spec.text``) for bad hex, a bad escape or unencodable text, and ``ValueError`` for an
    unknown mode, line ending or checksum id.
    """
    # Settings are checked before the body so a bad id is reported even for empty text.
    _check_choice("mode", spec.mode, SEND_MODES)
    _check_choice("line_ending", spec.line_ending, list(LINE_ENDINGS))
    _check_choice("checksum", spec.checksum, CHECKSUM_IDS)
    if spec.mode == "hex":
        body = parse_hex(spec.text)
    else:
        body = encode_text(spec.text, spec.encoding, spec.escapes)
    return body + checksum_bytes(spec.checksum, body) + LINE_ENDINGS[spec.line_ending]
