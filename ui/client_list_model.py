"""The server's list of connected clients as a Qt table model."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from app.net.tcp_connection import TcpConnection
from app.sessions.base import Session
from app.traffic.chunk import wall_time
from app.traffic.events import ConnectionEvent, EventKind
from ui.endpoint_table import EndpointTableModel


class ClientListModel(EndpointTableModel[TcpConnection]):
    """One row per open connection: address, connected since, last activity, RX and TX bytes.

    ``Qt.UserRole`` on any column gives the connection id. RX/TX are read live from the
    connections; call :meth:`refresh_counters` on a timer: it repaints only the rows whose
    counters changed since the last call, so a thousand idle clients cost no painting.
    """

    COLUMNS = ("address", "since", "active", "rx", "tx")
    NUMERIC = frozenset({"rx", "tx"})

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows = list(session.connections())
        #: (rx, tx) each row showed at the last refresh, by connection id.
        self._shown: dict[int, tuple[int, int]] = {
            c.conn_id: (c.rx_bytes, c.tx_bytes) for c in self._rows}
        session.connectionOpened.connect(self._on_opened)
        session.connectionClosed.connect(self._on_closed)
        session.connectionEvent.connect(self._on_event)

    def titles(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ClientListModel", "Address"),
            QCoreApplication.translate("ClientListModel", "Since"),
            QCoreApplication.translate("ClientListModel", "Last activity"),
            QCoreApplication.translate("ClientListModel", "RX bytes"),
            QCoreApplication.translate("ClientListModel", "TX bytes"),
        )

    def cell_text(self, row: TcpConnection, column: str) -> str:
        if column == "address":
            return row.peer
        if column == "since":
            return time.strftime("%H:%M:%S", time.localtime(row.since))
        if column == "active":
            return time.strftime("%H:%M:%S", time.localtime(wall_time(row.last_active)))
        if column == "rx":
            return f"{row.rx_bytes:,}"
        return f"{row.tx_bytes:,}"

    def cell_data(self, row: TcpConnection, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = QCoreApplication.translate("ClientListModel", "{peer} → {local}").format(
                peer=row.peer, local=row.local)
            if row.half_closed:
                tip += "\n" + QCoreApplication.translate(
                    "ClientListModel", "Finished sending (half-close); you can still send.")
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and row.half_closed:
            return QColor(Qt.GlobalColor.gray)  # still listed, but no longer sending
        return None

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
                self._repaint(start, row - 1, 2)
                start = -1
        if start >= 0:
            self._repaint(start, len(self._rows) - 1, 2)

    def _on_opened(self, conn: TcpConnection) -> None:
        self._shown[conn.conn_id] = (conn.rx_bytes, conn.tx_bytes)
        self._append_rows([conn])

    def _on_event(self, event: ConnectionEvent) -> None:
        if event.kind != EventKind.HALF_CLOSED:
            return
        for row, existing in enumerate(self._rows):
            if existing.conn_id == event.conn_id:
                self._repaint(row, row, text_only=False)  # grey, and a tooltip that says so
                return

    def _on_closed(self, conn: TcpConnection) -> None:
        for row, existing in enumerate(self._rows):
            if existing is conn:
                self._shown.pop(conn.conn_id, None)
                self._remove_row(row)
                return
