"""The server's list of connected clients as a Qt table model."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.net.tcp_connection import TcpConnection
from app.sessions.base import Session

_Index = QModelIndex | QPersistentModelIndex


class ClientListModel(QAbstractTableModel):
    """One row per open connection: address, connected since, RX and TX bytes.

    ``Qt.UserRole`` on any column gives the connection id. RX/TX are read live from the
    connections; call :meth:`refresh_counters` on a timer to repaint them.
    """

    COLUMNS = ("address", "since", "rx", "tx")

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[TcpConnection] = list(session.connections())
        session.connectionOpened.connect(self._on_opened)
        session.connectionClosed.connect(self._on_closed)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            QCoreApplication.translate("ClientListModel", "Address"),
            QCoreApplication.translate("ClientListModel", "Since"),
            QCoreApplication.translate("ClientListModel", "RX bytes"),
            QCoreApplication.translate("ClientListModel", "TX bytes"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        conn = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return conn.conn_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "address":
                return conn.peer
            if column == "since":
                return time.strftime("%H:%M:%S", time.localtime(conn.since))
            if column == "rx":
                return f"{conn.rx_bytes:,}"
            return f"{conn.tx_bytes:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("rx", "tx"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("ClientListModel", "{peer} → {local}").format(
                peer=conn.peer, local=conn.local)
        return None

    def conn_id_at(self, row: int) -> int:
        return self._rows[row].conn_id

    def refresh_counters(self) -> None:
        """Repaint the RX/TX columns (their values change without a model event)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._rows) - 1, 3),
                                  [Qt.ItemDataRole.DisplayRole])

    def _on_opened(self, conn: TcpConnection) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(conn)
        self.endInsertRows()

    def _on_closed(self, conn: TcpConnection) -> None:
        for row, existing in enumerate(self._rows):
            if existing is conn:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
                return
