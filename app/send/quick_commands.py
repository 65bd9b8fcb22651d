"""Named send presets ("quick commands"), as a Qt list model, persisted and shareable as files.

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
(boolean), ``line_ending`` (``"none"``/``"cr"``/``"lf"``/``"crlf"``) and ``checksum`` (an id of
:data:`app.send.checksums.CHECKSUM_IDS`); unknown extra keys are ignored. The payload must build:
hex must parse, text must encode (with its escapes). Importing checks the whole file first and
changes nothing if any of it is wrong; :class:`QuickCommandFileError` says what and where.

The same document is stored in QSettings under ``send/quickCommands``; there a damaged value
is ignored (invalid commands skipped) rather than reported, so a bad settings file never stops
the app.
"""

from __future__ import annotations

import json
import os
import pathlib
import tempfile
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
)

from app.send.checksums import checksum_label
from app.send.escapes import encode_text
from app.send.hex_input import parse_hex
from app.send.payload import SendSpec

_CONTEXT = "QuickCommands"

FILE_FORMAT = "socketscope-quick-commands"
FILE_VERSION = 1
DEFAULT_SETTINGS_KEY = "send/quickCommands"

_SPEC_FIELDS = ("text", "mode", "encoding", "escapes", "line_ending", "checksum")
_LINE_ENDING_NAMES = {"cr": "CR", "lf": "LF", "crlf": "CRLF"}
_PREVIEW_CHARS = 60

_AnyIndex = QModelIndex | QPersistentModelIndex


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
    if spec.line_ending in _LINE_ENDING_NAMES:
        extras.append(_LINE_ENDING_NAMES[spec.line_ending])
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


class QuickCommandModel(QAbstractListModel):
    """List model of :class:`QuickCommand` for ``quickCommandList``.

    DisplayRole is the name, ToolTipRole a short payload description, ``Qt.UserRole`` the
    :class:`QuickCommand` itself. With ``settings`` the list is loaded at construction and
    saved after every change.
    """

    def __init__(
        self,
        settings: QSettings | None = None,
        parent: QObject | None = None,
        key: str = DEFAULT_SETTINGS_KEY,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._key = key
        self._commands: list[QuickCommand] = self._load()

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of commands (0 under any valid parent: this is a flat list)."""
        return 0 if parent.isValid() else len(self._commands)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Name, tooltip or the QuickCommand itself for ``index``."""
        if not index.isValid() or not 0 <= index.row() < len(self._commands):
            return None
        cmd = self._commands[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cmd.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe_command(cmd)
        if role == Qt.ItemDataRole.UserRole:
            return cmd
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        """Selectable and enabled leaf items."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # --- editing ------------------------------------------------------------------------

    def commands(self) -> list[QuickCommand]:
        """A copy of the current commands, in display order."""
        return list(self._commands)

    def command(self, row: int) -> QuickCommand:
        """The command at ``row``; raises ``IndexError`` if there is none."""
        self._check_row(row)
        return self._commands[row]

    def add(self, cmd: QuickCommand) -> int:
        """Append ``cmd``; returns its row."""
        row = len(self._commands)
        self.beginInsertRows(QModelIndex(), row, row)
        self._commands.append(cmd)
        self.endInsertRows()
        self._save()
        return row

    def replace(self, row: int, cmd: QuickCommand) -> None:
        """Replace the command at ``row`` (e.g. after the user edited it)."""
        self._check_row(row)
        self._commands[row] = cmd
        index = self.index(row)
        self.dataChanged.emit(index, index)
        self._save()

    def remove(self, row: int) -> None:
        """Delete the command at ``row``."""
        self._check_row(row)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._commands[row]
        self.endRemoveRows()
        self._save()

    def move(self, row: int, new_row: int) -> bool:
        """Move the command at ``row`` so that it ends up at ``new_row``.

        Returns ``False`` (and does nothing) when ``row == new_row``.
        """
        self._check_row(row)
        self._check_row(new_row)
        if row == new_row:
            return False
        # Qt's destination is the row *before which* the item goes, counted before the
        # removal, so moving down needs one past the target.
        destination = new_row + 1 if new_row > row else new_row
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination):
            return False  # pragma: no cover - the checks above make this unreachable
        self._commands.insert(new_row, self._commands.pop(row))
        self.endMoveRows()
        self._save()
        return True

    def set_commands(self, commands: list[QuickCommand]) -> None:
        """Replace the whole list."""
        self.beginResetModel()
        self._commands = list(commands)
        self.endResetModel()
        self._save()

    # --- files --------------------------------------------------------------------------

    def export_json(self, path: pathlib.Path) -> None:
        """Write all commands to ``path`` in the file format; raises QuickCommandFileError."""
        path = pathlib.Path(path)
        text = json.dumps(commands_to_document(self._commands), ensure_ascii=False, indent=2)
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

    def import_json(self, path: pathlib.Path, replace: bool = False) -> int:
        """Read commands from ``path``; append them, or with ``replace`` replace the list.

        Returns the number of commands imported. The file is checked completely first: on
        any problem a :class:`QuickCommandFileError` is raised and the model is unchanged.
        """
        path = pathlib.Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise QuickCommandFileError(
                _tr("Could not read “{path}”: {reason}").format(
                    path=str(path), reason=exc.strerror or str(exc)
                )
            ) from exc
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
        imported = commands_from_document(doc)
        if replace:
            self.set_commands(imported)
        elif imported:
            first = len(self._commands)
            self.beginInsertRows(QModelIndex(), first, first + len(imported) - 1)
            self._commands.extend(imported)
            self.endInsertRows()
            self._save()
        return len(imported)

    # --- internals ----------------------------------------------------------------------

    def _check_row(self, row: int) -> None:
        if not 0 <= row < len(self._commands):
            raise IndexError(f"no quick command at row {row} (have {len(self._commands)})")

    def _load(self) -> list[QuickCommand]:
        if self._settings is None:
            return []
        raw = self._settings.value(self._key)
        if not isinstance(raw, str) or not raw:
            return []
        try:
            doc = json.loads(raw)
        except ValueError:
            return []
        if not isinstance(doc, dict) or not isinstance(doc.get("commands"), list):
            return []
        commands: list[QuickCommand] = []
        for item in doc["commands"]:
            try:
                commands.append(QuickCommand.from_dict(item))
            except ValueError:
                continue  # keep the good ones; see the module docstring
        return commands

    def _save(self) -> None:
        if self._settings is None:
            return
        self._settings.setValue(
            self._key, json.dumps(commands_to_document(self._commands), ensure_ascii=False)
        )
