"""The UDP page's list of remote endpoints as a Qt table model."""

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

from app.net.udp_socket import UdpPeer
from app.sessions.udp import UdpSession
from app.traffic.chunk import wall_time

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeerListModel", text)


class PeerListModel(QAbstractTableModel):
    """One row per endpoint heard from: address, datagrams and bytes received, last seen,
    datagrams and bytes sent.

    ``Qt.UserRole`` gives the peer id. Counts are read live from the peers (the workers
    write them); call :meth:`refresh` on a timer: it adds peers heard from since and repaints.
    """

    COLUMNS = ("address", "rx_datagrams", "rx_bytes", "last_seen", "tx_datagrams", "tx_bytes")

    def __init__(self, session: UdpSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[UdpPeer] = []
        self._shown: set[int] = set()
        session.peerAdded.connect(self.refresh)
        self.refresh()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (_tr("Address"), _tr("RX datagrams"), _tr("RX bytes"), _tr("Last seen"),
                  _tr("TX datagrams"), _tr("TX bytes"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        peer = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return peer.conn_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "address":
                return peer.peer
            if column == "last_seen":
                if not peer.last_seen:
                    return ""
                return time.strftime("%H:%M:%S", time.localtime(wall_time(peer.last_seen)))
            return f"{getattr(peer, column):,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("address", "last_seen"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def peer_at(self, row: int) -> UdpPeer:
        return self._rows[row]

    def refresh(self, _peer: object = None) -> None:
        """Add the peers heard from since the last call, then repaint the counts."""
        new = [p for p in self._session.peer_list()
               if p.rx_datagrams and p.conn_id not in self._shown]
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows += new
            self._shown.update(p.conn_id for p in new)
            self.endInsertRows()
        if self._rows:
            self.dataChanged.emit(self.index(0, 1),
                                  self.index(len(self._rows) - 1, len(self.COLUMNS) - 1),
                                  [Qt.ItemDataRole.DisplayRole])
