"""Named send presets ("quick commands"): the record, the file format, its checks, import/export.

Plain Python (no Qt item model), so the command line can read and write the same files; the
window's list model is ``ui.quick_command_model.QuickCommandModel``.

File format (UTF-8 JSON, written with ``indent=2`` and non-ASCII kept as is so Chinese names
stay readable)::

    {
      "format": "socketscope-quick-commands",
      "version": 1,
      "commands": [
        {"name": "Read registers", "text": "01 03 00 00 00 0A", "mode": "hex",
         "encoding": "utf-8", "escapes": false, "line_ending": "none",
         "checksum": "crc16-modbus"}
      ]
    }

Every command must have all seven fields: ``name`` (non-empty string), ``text`` (string),
``mode`` (``"text"``/``"hex"``), ``encoding`` (Python codec name or ``"auto"``), ``escapes``
(boolean), ``line_ending`` (an id of :data:`app.send.payload.LINE_ENDING_CHOICES`) and
``checksum`` (an id of :data:`app.send.checksums.CHECKSUM_IDS`); unknown extra keys are
ignored. The payload must build: hex must parse, text must encode (with its escapes). Importing
checks the whole file first and changes nothing if any of it is wrong;
:class:`QuickCommandFileError` says what and where.

The same document is stored in QSettings under ``send/quickCommands`` by
:class:`QuickCommandStore`; there a damaged value is ignored (invalid commands skipped) rather
than reported, so a bad settings file never stops the app.
"""

from __future__ import annotations

import json
import os
import pathlib
import tempfile
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings

from app.json_setting import parse_valid, read_json_setting, write_json_setting
from app.send.checksums import checksum_label
from app.send.escapes import encode_text
from app.send.hex_input import parse_hex
from app.send.payload import SendSpec, line_ending_name

_CONTEXT = "QuickCommands"

FILE_FORMAT = "socketscope-quick-commands"
FILE_VERSION = 1
DEFAULT_SETTINGS_KEY = "send/quickCommands"

#: The largest quick-command file read (4 MiB): tens of thousands of commands, far more than
#: a class shares; anything larger is refused with a message before it is loaded.
MAX_FILE_BYTES = 4 * 1024 * 1024

_SPEC_FIELDS = ("text", "mode", "encoding", "escapes", "line_ending", "checksum")
_PREVIEW_CHARS = 60


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class QuickCommandFileError(Exception):
    """A quick-command file that cannot be read, parsed or written; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class QuickCommand:
    """A named, saved send."""

    name: str
    spec: SendSpec

    def to_dict(self) -> dict[str, Any]:
        """Flat dict as used in the file format: ``name`` plus every SendSpec field."""
        return {"name": self.name, **self.spec.to_dict()}

    @classmethod
    def from_dict(cls, d: Any) -> QuickCommand:
        """Strictly parse one file entry; raises ``ValueError`` with a translated reason."""
        if not isinstance(d, dict):
            raise ValueError(_tr("it is not a JSON object"))
        for key in ("name", *_SPEC_FIELDS):
            if key not in d:
                raise ValueError(_tr("the field “{field}” is missing").format(field=key))
        name = d["name"]
        if not isinstance(name, str) or not name.strip():
            raise ValueError(_tr("the field “name” must be a non-empty string"))
        spec = SendSpec.from_dict({k: d[k] for k in _SPEC_FIELDS})
        # Reject payloads that could never be sent, so a shared file fails at import, in
        # front of the person importing it, not later mid-lesson.
        if spec.mode == "hex":
            parse_hex(spec.text)
        else:
            encode_text(spec.text, spec.encoding, spec.escapes)
        return cls(name, spec)


def describe_command(cmd: QuickCommand) -> str:
    """Short translated one-line description of a command's payload, used as its tooltip."""
    spec = cmd.spec
    preview = spec.text
    # Control characters would break the one-line tooltip; show them as escapes instead.
    preview = preview.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if len(preview) > _PREVIEW_CHARS:
        preview = preview[: _PREVIEW_CHARS - 1] + "…"
    if spec.mode == "hex":
        text = _tr("Hex: {payload}").format(payload=preview)
    elif spec.escapes:
        text = _tr("Text ({encoding}, escapes): {payload}").format(
            encoding=spec.encoding, payload=preview
        )
    else:
        text = _tr("Text ({encoding}): {payload}").format(encoding=spec.encoding, payload=preview)
    extras: list[str] = []
    if spec.checksum != "none":
        try:
            extras.append(checksum_label(spec.checksum))
        except ValueError:
            extras.append(spec.checksum)
    if line_ending_name(spec.line_ending):
        extras.append(line_ending_name(spec.line_ending))
    return " + ".join([text, *extras])


def commands_to_document(commands: list[QuickCommand]) -> dict[str, Any]:
    """The file-format document (see the module docstring) for ``commands``."""
    return {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "commands": [c.to_dict() for c in commands],
    }


def commands_from_document(doc: Any) -> list[QuickCommand]:
    """Strictly parse a file-format document; raises :class:`QuickCommandFileError`."""
    if not isinstance(doc, dict):
        raise QuickCommandFileError(_tr("This is not a quick-command file (no JSON object)."))
    if doc.get("format") != FILE_FORMAT:
        raise QuickCommandFileError(
            _tr("This is not a quick-command file (the “format” field is not “{format}”).").format(
                format=FILE_FORMAT
            )
        )
    version = doc.get("version")
    # bool is an int subclass; "version": true must not pass as 1.
    if not isinstance(version, int) or isinstance(version, bool) or version != FILE_VERSION:
        raise QuickCommandFileError(
            _tr(
                "Unsupported quick-command file version “{version}” (this app reads version "
                "{supported})."
            ).format(version=version, supported=FILE_VERSION)
        )
    items = doc.get("commands")
    if not isinstance(items, list):
        raise QuickCommandFileError(_tr("The “commands” field is missing or not a list."))
    commands: list[QuickCommand] = []
    for number, item in enumerate(items, start=1):
        try:
            commands.append(QuickCommand.from_dict(item))
        except ValueError as exc:
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str) and name.strip():
                message = _tr("Command {number} (“{name}”): {problem}").format(
                    number=number, name=name, problem=str(exc)
                )
            else:
                message = _tr("Command {number}: {problem}").format(number=number, problem=str(exc))
            raise QuickCommandFileError(message) from None
    return commands


def export_commands(path: pathlib.Path, commands: list[QuickCommand]) -> None:
    """Write ``commands`` to ``path`` in the file format; raises :class:`QuickCommandFileError`.

    The file is replaced atomically: a failed write leaves the old file as it was.
    """
    path = pathlib.Path(path)
    text = json.dumps(commands_to_document(commands), ensure_ascii=False, indent=2)
    try:
        # Write a sibling temp file and rename it over the target, so a full disk or a
        # crash never leaves a half-written file where a good one was.
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text + "\n")
            os.replace(tmp_name, path)
        except BaseException:
            pathlib.Path(tmp_name).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise QuickCommandFileError(
            _tr("Could not write “{path}”: {reason}").format(
                path=str(path), reason=exc.strerror or str(exc)
            )
        ) from exc


def import_commands(path: pathlib.Path) -> list[QuickCommand]:
    """Read and strictly check the quick-command file at ``path``.

    Raises :class:`QuickCommandFileError` saying what is wrong (unreadable, larger than
    :data:`MAX_FILE_BYTES`, not UTF-8, not JSON, nested too deeply, not the format, a bad
    command and which one); nothing is returned in part. Checking a file of some megabytes
    takes seconds: the window calls this in a worker
    (:class:`app.send.quick_command_loader.QuickCommandLoader`).
    """
    path = pathlib.Path(path)
    try:
        with path.open("rb") as f:
            # Read at most one byte past the limit: a huge file is refused without loading it.
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise QuickCommandFileError(
            _tr("Could not read “{path}”: {reason}").format(
                path=str(path), reason=exc.strerror or str(exc)
            )
        ) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise QuickCommandFileError(
            _tr(
                "“{path}” is too large for a quick-command file: it is over {limit} MiB, "
                "the most SocketScope reads."
            ).format(path=str(path), limit=MAX_FILE_BYTES // (1024 * 1024))
        )
    try:
        # utf-8-sig: Windows Notepad may add a BOM when a teacher edits the file.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QuickCommandFileError(
            _tr("“{path}” is not UTF-8 text (bad byte at offset {offset}).").format(
                path=str(path), offset=exc.start
            )
        ) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise QuickCommandFileError(
            _tr("“{path}” is not valid JSON: {reason} (line {line}, column {column}).").format(
                path=str(path), reason=exc.msg, line=exc.lineno, column=exc.colno
            )
        ) from None
    except RecursionError:
        raise QuickCommandFileError(
            _tr("“{path}” is not a quick-command file: its JSON is nested too deeply.").format(
                path=str(path)
            )
        ) from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits (a guard against slow parsing).
        raise QuickCommandFileError(
            _tr("“{path}” is not a quick-command file: it holds a number too long to read.")
            .format(path=str(path))
        ) from None
    return commands_from_document(doc)


class QuickCommandStore:
    """The quick commands kept in ``settings`` under ``key``, as one file-format document.

    Loading is tolerant (see the module docstring); saving writes the whole list.
    """

    def __init__(self, settings: QSettings, key: str = DEFAULT_SETTINGS_KEY) -> None:
        self._settings = settings
        self._key = key

    def load(self) -> list[QuickCommand]:
        """The stored commands, skipping any that are invalid; ``[]`` for a damaged value."""
        doc = read_json_setting(self._settings, self._key)
        if not isinstance(doc, dict) or not isinstance(doc.get("commands"), list):
            return []
        return parse_valid(doc["commands"], QuickCommand.from_dict)

    def save(self, commands: list[QuickCommand]) -> None:
        """Store ``commands``, replacing what was stored."""
        write_json_setting(self._settings, self._key, commands_to_document(commands))
