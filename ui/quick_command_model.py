"""The quick commands as a Qt list model for ``quickCommandList``, persisted in QSettings.

The record, the file format and its checks are plain Python in :mod:`app.send.quick_commands`;
this model only adds rows, roles and change signals on top, and saves through
:class:`~app.send.quick_commands.QuickCommandStore` after every change.
"""

from __future__ import annotations

import pathlib
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
)

from app.send.quick_commands import (
    DEFAULT_SETTINGS_KEY,
    QuickCommand,
    QuickCommandStore,
    describe_command,
    export_commands,
    import_commands,
)

_AnyIndex = QModelIndex | QPersistentModelIndex


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
        self._store = QuickCommandStore(settings, key) if settings is not None else None
        self._commands: list[QuickCommand] = self._store.load() if self._store else []

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
        export_commands(path, self._commands)

    def import_json(self, path: pathlib.Path, replace: bool = False) -> int:
        """Read commands from ``path``; append them, or with ``replace`` replace the list.

        Returns the number of commands imported. The file is checked completely first: on
        any problem a :class:`QuickCommandFileError` is raised and the model is unchanged.
        """
        imported = import_commands(path)
        self.take_imported(imported, replace)
        return len(imported)

    def take_imported(self, commands: list[QuickCommand], replace: bool = False) -> None:
        """Append ``commands`` (already checked, e.g. read by a worker), or with ``replace``
        make them the whole list; saves once."""
        if replace:
            self.set_commands(commands)
        elif commands:
            first = len(self._commands)
            self.beginInsertRows(QModelIndex(), first, first + len(commands) - 1)
            self._commands.extend(commands)
            self.endInsertRows()
            self._save()

    # --- internals ----------------------------------------------------------------------

    def _check_row(self, row: int) -> None:
        if not 0 <= row < len(self._commands):
            raise IndexError(f"no quick command at row {row} (have {len(self._commands)})")

    def _save(self) -> None:
        if self._store is not None:
            self._store.save(self._commands)
