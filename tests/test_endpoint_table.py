"""The endpoint list skeleton (``ui/endpoint_table.py``) the server's client list and the UDP
page's peer list share: rows, headers, the connection id, alignment, change signals, the view."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from app.net.udp_socket import UdpPeer
from app.sessions.tcp_server import TcpServerSession
from app.sessions.udp import UdpSession
from ui.client_list_model import ClientListModel
from ui.endpoint_table import EndpointTableModel, endpoint_view
from ui.peer_list_model import PeerListModel

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass
class Item:
    conn_id: int
    name: str
    count: int


class ItemModel(EndpointTableModel[Item]):
    COLUMNS = ("name", "count")
    NUMERIC = frozenset({"count"})

    def titles(self) -> tuple[str, ...]:
        return ("Name", "Count")

    def cell_text(self, row: Item, column: str) -> str:
        return row.name if column == "name" else f"{row.count:,}"


def test_rows_cells_and_headers(qtbot):
    model = ItemModel()
    assert (model.rowCount(), model.columnCount()) == (0, 2)
    with qtbot.waitSignal(model.rowsInserted, timeout=1000) as inserted:
        model._append_rows([Item(7, "a", 1234), Item(9, "b", 5)])
    assert inserted.args[1:] == [0, 1]
    assert model.rowCount() == 2
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert model.index(0, 1).data() == "1,234"
    assert model.index(1, 0).data() == "b"
    assert model.index(1, 1).data(Qt.ItemDataRole.UserRole) == 9
    assert model.conn_id_at(0) == 7
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(QModelIndex()) is None
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == [
        "Name", "Count", None]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_appending_nothing_says_nothing_and_removing_takes_one_row(qtbot):
    model = ItemModel()
    with qtbot.assertNotEmitted(model.rowsInserted):
        model._append_rows([])
    model._append_rows([Item(1, "a", 0), Item(2, "b", 0), Item(3, "c", 0)])
    with qtbot.waitSignal(model.rowsRemoved, timeout=1000) as removed:
        model._remove_row(1)
    assert removed.args[1:] == [1, 1]
    assert [model.conn_id_at(r) for r in range(model.rowCount())] == [1, 3]


def test_repaint_names_the_cells_and_roles(qtbot):
    model = ItemModel()
    model._append_rows([Item(1, "a", 0), Item(2, "b", 0), Item(3, "c", 0)])
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        model._repaint(1, 2, 1)
    top, bottom, roles = changed.args
    assert (top.row(), top.column(), bottom.row(), bottom.column()) == (1, 1, 2, 1)
    assert roles == [Qt.ItemDataRole.DisplayRole]
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        model._repaint(0, 0, text_only=False)
    top, bottom, roles = changed.args
    assert (top.column(), bottom.column()) == (0, 1) and roles == []


def test_the_view_shows_whole_rows_without_numbers(qtbot):
    model = ItemModel()
    view = endpoint_view(model, "itemList", "Items",
                         QAbstractItemView.SelectionMode.SingleSelection)
    qtbot.addWidget(view)
    assert isinstance(view, QTableView) and view.model() is model
    assert view.objectName() == "itemList" and view.accessibleName() == "Items"
    assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert view.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert not view.verticalHeader().isVisible()
    assert view.alternatingRowColors() and not view.wordWrap()
    assert view.verticalHeader().defaultSectionSize() == view.fontMetrics().height() + 4


def test_both_lists_are_endpoint_tables_with_their_columns(qtbot):
    server, udp = TcpServerSession(), UdpSession()
    clients = ClientListModel(server)
    peers = PeerListModel(udp)
    assert isinstance(clients, EndpointTableModel) and isinstance(peers, EndpointTableModel)
    assert clients.columnCount() == 5 and peers.columnCount() == 6
    assert [clients.headerData(i, Qt.Orientation.Horizontal) for i in range(5)] == [
        "Address", "Since", "Last activity", "RX bytes", "TX bytes"]
    assert [peers.headerData(i, Qt.Orientation.Horizontal) for i in range(6)] == [
        "Address", "RX datagrams", "RX bytes", "Last seen", "TX datagrams", "TX bytes"]
    assert clients.NUMERIC == {"rx", "tx"}
    assert peers.NUMERIC == {"rx_datagrams", "rx_bytes", "tx_datagrams", "tx_bytes"}
    assert UdpPeer.__slots__  # the peer rows read these attributes by column key
    assert set(peers.NUMERIC) <= set(UdpPeer.__slots__)
    assert (clients.rowCount(), peers.rowCount()) == (0, 0)
    server.close()
    udp.close()
