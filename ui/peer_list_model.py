"""The UDP page's list of remote endpoints as a Qt table model."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QObject

from app.net.udp_socket import UdpPeer
from app.sessions.udp import UdpSession
from app.traffic.chunk import wall_time
from ui.endpoint_table import EndpointTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeerListModel", text)


class PeerListModel(EndpointTableModel[UdpPeer]):
    """One row per endpoint heard from: address, datagrams and bytes received, last seen,
    datagrams and bytes sent.

    ``Qt.UserRole`` gives the peer id. Counts are read live from the peers (the workers
    write them); call :meth:`refresh` on a timer: it adds peers heard from since and repaints.
    """

    COLUMNS = ("address", "rx_datagrams", "rx_bytes", "last_seen", "tx_datagrams", "tx_bytes")
    NUMERIC = frozenset({"rx_datagrams", "rx_bytes", "tx_datagrams", "tx_bytes"})

    def __init__(self, session: UdpSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._shown: set[int] = set()
        session.peerAdded.connect(self.refresh)
        self.refresh()

    def titles(self) -> tuple[str, ...]:
        return (_tr("Address"), _tr("RX datagrams"), _tr("RX bytes"), _tr("Last seen"),
                _tr("TX datagrams"), _tr("TX bytes"))

    def cell_text(self, row: UdpPeer, column: str) -> str:
        if column == "address":
            return row.peer
        if column == "last_seen":
            if not row.last_seen:
                return ""
            return time.strftime("%H:%M:%S", time.localtime(wall_time(row.last_seen)))
        return f"{getattr(row, column):,}"

    def peer_at(self, row: int) -> UdpPeer:
        return self._rows[row]

    def refresh(self, _peer: object = None) -> None:
        """Add the peers heard from since the last call, then repaint the counts."""
        new = [p for p in self._session.peer_list()
               if p.rx_datagrams and p.conn_id not in self._shown]
        self._shown.update(p.conn_id for p in new)
        self._append_rows(new)
        if self._rows:
            self._repaint(0, len(self._rows) - 1, 1)
