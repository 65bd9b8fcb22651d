"""The skeleton of the pages' endpoint lists (the server's clients, the UDP page's peers): a
table model with one row per remote endpoint, and the view that shows it."""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.widgets import compact_rows, named

_Index = QModelIndex | QPersistentModelIndex


class _Endpoint(Protocol):
    """What a row needs: the connection id its log entries carry."""

    @property
    def conn_id(self) -> int: ...


E = TypeVar("E", bound=_Endpoint)


class EndpointTableModel(QAbstractTableModel, Generic[E]):
    """One row per endpoint object (a connection, a UDP peer), its cells read live from it.

    A subclass names its :attr:`COLUMNS` (keys) and the :attr:`NUMERIC` ones (shown
    right-aligned), gives the header titles (:meth:`titles`, translated when asked, so a
    language switch shows at once) and a cell's text (:meth:`cell_text`), and may answer other
    roles (:meth:`cell_data`). ``Qt.UserRole`` on any column gives the row's connection id.
    Rows are added with :meth:`_append_rows` and removed with :meth:`_remove_row`.
    """

    #: Column keys, in order.
    COLUMNS: tuple[str, ...] = ()
    #: Keys of the columns that show numbers (right-aligned).
    NUMERIC: frozenset[str] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[E] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def titles(self) -> tuple[str, ...]:
        """The header of each column, in the language now in force."""
        raise NotImplementedError

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.titles()
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.conn_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.cell_data(row, column, role)

    def cell_text(self, row: E, column: str) -> str:
        """The text shown in ``row``'s ``column``."""
        raise NotImplementedError

    def cell_data(self, row: E, column: str, role: int) -> Any:
        """Any other role of a cell (tooltip, colour…); None: Qt's default."""
        return None

    def conn_id_at(self, row: int) -> int:
        """The connection id of the endpoint in ``row``."""
        return self._rows[row].conn_id

    def _append_rows(self, rows: list[E]) -> None:
        """Add ``rows`` at the end (nothing when empty)."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows += rows
        self.endInsertRows()

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def _repaint(self, first_row: int, last_row: int, first_column: int = 0,
                 last_column: int = -1, text_only: bool = True) -> None:
        """Say that the cells of rows ``first_row``..``last_row`` (inclusive), columns
        ``first_column``..``last_column`` (-1: the last) show new text (``text_only``), or
        changed in every role."""
        if last_column < 0:
            last_column = len(self.COLUMNS) - 1
        roles = [Qt.ItemDataRole.DisplayRole] if text_only else []
        self.dataChanged.emit(self.index(first_row, first_column),
                              self.index(last_row, last_column), roles)


def endpoint_view(model: QAbstractItemModel, name: str, accessible: str,
                  selection: QAbstractItemView.SelectionMode) -> QTableView:
    """The table a page shows an endpoint list in: whole rows selected (``selection`` says how
    many), no row numbers, alternating colours, one text line per row."""
    view = named(QTableView(), name, accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(selection)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    compact_rows(view)
    return view
