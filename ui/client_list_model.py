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
from PySide6.QtGui import QColor

from app.net.tcp_connection import TcpConnection
from app.sessions.base import Session
from app.traffic.chunk import wall_time
from app.traffic.events import ConnectionEvent, EventKind

_Index = QModelIndex | QPersistentModelIndex


class ClientListModel(QAbstractTableModel):
    """One row per open connection: address, connected since, last activity, RX and TX bytes.

    ``Qt.UserRole`` on any column gives the connection id. RX/TX are read live from the
    connections; call :meth:`refresh_counters` on a timer: it repaints only the rows whose
    counters changed since the last call, so a thousand idle clients cost no painting.
    """

    COLUMNS = ("address", "since", "active", "rx", "tx")

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[TcpConnection] = list(session.connections())
        #: (rx, tx) each row showed at the last refresh, by connection id.
        self._shown: dict[int, tuple[int, int]] = {
            c.conn_id: (c.rx_bytes, c.tx_bytes) for c in self._rows}
        session.connectionOpened.connect(self._on_opened)
        session.connectionClosed.connect(self._on_closed)
        session.connectionEvent.connect(self._on_event)

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
            QCoreApplication.translate("ClientListModel", "Last activity"),
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
            if column == "active":
                return time.strftime("%H:%M:%S", time.localtime(wall_time(conn.last_active)))
            if column == "rx":
                return f"{conn.rx_bytes:,}"
            return f"{conn.tx_bytes:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("rx", "tx"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = QCoreApplication.translate("ClientListModel", "{peer} → {local}").format(
                peer=conn.peer, local=conn.local)
            if conn.half_closed:
                tip += "\n" + QCoreApplication.translate(
                    "ClientListModel", "Finished sending (half-close); you can still send.")
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and conn.half_closed:
            return QColor(Qt.GlobalColor.gray)  # still listed, but no longer sending
        return None

    def conn_id_at(self, row: int) -> int:
        return self._rows[row].conn_id

    def refresh_counters(self) -> None:
        """Repaint the last-activity and RX/TX cells of the rows whose counters changed (their
        values change without a model event): one ``dataChanged`` per run of adjacent changed
        rows."""
        shown = self._shown
        start = -1
        for row, conn in enumerate(self._rows):
            now = (conn.rx_bytes, conn.tx_bytes)
            if shown.get(conn.conn_id) != now:
                shown[conn.conn_id] = now
                if start < 0:
                    start = row
            elif start >= 0:
                self._repaint_rows(start, row - 1)
                start = -1
        if start >= 0:
            self._repaint_rows(start, len(self._rows) - 1)

    def _repaint_rows(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 2), self.index(last, 4),
                              [Qt.ItemDataRole.DisplayRole])

    def _on_opened(self, conn: TcpConnection) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._shown[conn.conn_id] = (conn.rx_bytes, conn.tx_bytes)
        self._rows.append(conn)
        self.endInsertRows()

    def _on_event(self, event: ConnectionEvent) -> None:
        if event.kind != EventKind.HALF_CLOSED:
            return
        for row, existing in enumerate(self._rows):
            if existing.conn_id == event.conn_id:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
                return

    def _on_closed(self, conn: TcpConnection) -> None:
        for row, existing in enumerate(self._rows):
            if existing is conn:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._shown.pop(conn.conn_id, None)
                del self._rows[row]
                self.endRemoveRows()
                return
