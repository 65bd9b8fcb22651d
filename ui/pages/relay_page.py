"""The TCP Relay page: where devices connect, the target the relay connects to for each,
one row per relayed pair, and a side selector for what the send panel injects."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from app.net.endpoints import clean_host, format_endpoint
from app.send.targets import Targets
from app.sessions.base import SessionState
from app.sessions.config import SessionConfig, TcpRelayConfig
from app.sessions.tcp_relay import RelayPair, TcpRelaySession
from ui.log_panel import LogPanel
from ui.pages.local_address import LocalAddressPage
from ui.quick_command_model import QuickCommandModel
from ui.widgets import named, port_spin


class RelayPage(LocalAddressPage):
    """Session page for a :class:`TcpRelaySession`."""

    session: TcpRelaySession
    config_type = TcpRelayConfig

    def __init__(self, settings: QSettings, object_name: str = "tcpRelaySession",
                 parent: QWidget | None = None,
                 quick_commands: QuickCommandModel | None = None) -> None:
        super().__init__(TcpRelaySession(), settings, object_name, parent, quick_commands)
        self.session.pairOpened.connect(self._on_pair_opened)
        self.session.pairClosed.connect(self._on_pair_closed)
        self.session.stateChanged.connect(self._on_relay_state)

    @Slot(str)
    def _on_relay_state(self, state: str) -> None:
        # As the server and UDP pages: port 0 shows the port the OS chose (the tab title
        # names it from the session, see LocalAddressPage.tab_detail).
        if state == SessionState.OPEN and self.port_spin.value() == 0:
            self.port_spin.setValue(self.session.port)

    def build_network_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("TCP Relay"))
        form = QFormLayout(group)
        self.build_local_address(form, self.tr("Local address devices connect to"), 8081)
        self.host_edit = named(QLineEdit("127.0.0.1"), "remoteHostEdit",
                               self.tr("Target host the relay connects to"))
        self.remote_port_spin = port_spin("remotePortSpin", self.tr("Target port"))
        self.side_combo = named(QComboBox(), "relaySideCombo",
                                self.tr("Which side the send box sends to"))
        self.side_combo.addItem(self.tr("Target (server side)"), "server")
        self.side_combo.addItem(self.tr("Devices (device side)"), "device")
        self.open_button = named(QPushButton(), "openButton", self.tr("Start or stop relaying"))
        self.open_button.clicked.connect(self.toggle_open)
        form.addRow(self.tr("Target host"), self.host_edit)
        form.addRow(self.tr("Target port"), self.remote_port_spin)
        form.addRow(self.tr("Send to"), self.side_combo)
        form.addRow(self.open_button)
        return group

    def build_log_area(self, log_panel: LogPanel) -> QWidget:
        log = super().build_log_area(log_panel)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(log)
        # One row per pair, added and removed as pairs come and go: no scan per repaint.
        self.pair_model = QStandardItemModel(0, 2, self)
        self.pair_model.setHorizontalHeaderLabels([self.tr("Device"), self.tr("Target")])
        self.client_list = named(QTableView(), "clientList", self.tr("Relayed pairs"))
        self.client_list.setModel(self.pair_model)
        self.client_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.client_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.client_list.verticalHeader().setVisible(False)
        self.client_list.horizontalHeader().setStretchLastSection(True)
        splitter.addWidget(self.client_list)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    @Slot(object)
    def _on_pair_opened(self, pair: RelayPair) -> None:
        device = QStandardItem(format_endpoint(pair.device.peer_host, pair.device.peer_port))
        device.setData(pair.device.conn_id, Qt.ItemDataRole.UserRole)
        target = QStandardItem(format_endpoint(pair.server.peer_host, pair.server.peer_port))
        self.pair_model.appendRow([device, target])

    @Slot(object)
    def _on_pair_closed(self, pair: RelayPair) -> None:
        found = self.pair_model.match(self.pair_model.index(0, 0), Qt.ItemDataRole.UserRole,
                                      pair.device.conn_id, 1, Qt.MatchFlag.MatchExactly)
        for index in found:
            self.pair_model.removeRow(index.row())

    def update_open_button(self, state: SessionState) -> None:
        text = {SessionState.CLOSED: self.tr("Start"),
                SessionState.OPENING: self.tr("Cancel"),
                SessionState.OPEN: self.tr("Stop")}[state]
        self.open_button.setText(text)
        if state == SessionState.CLOSED:
            self.pair_model.removeRows(0, self.pair_model.rowCount())

    def set_network_editable(self, editable: bool) -> None:
        super().set_network_editable(editable)
        self.host_edit.setEnabled(editable)
        self.remote_port_spin.setEnabled(editable)

    def open_session(self) -> None:
        if not self.bind_address():
            self.show_error(self.tr("Enter a local address to listen on, e.g. 0.0.0.0."))
            return
        if not clean_host(self.host_edit.text()):
            self.show_error(self.tr("Enter the target host to connect to (name or IP "
                                    "address)."))
            self.host_edit.setFocus()
            return
        self.session.open(self.config())

    # -- sending: the side the selector names ---------------------------------------------
    def send_targets(self) -> Targets:
        return Targets.only(self.session.side_ids(str(self.side_combo.currentData())))

    def not_open_message(self) -> str:
        return self.tr("Nothing sent: not relaying. Click Start first.")

    def no_target_message(self) -> str:
        return self.tr("Nothing sent: no device is connected through the relay.")

    # -- config ----------------------------------------------------------------------------
    def config(self) -> TcpRelayConfig:
        return TcpRelayConfig(
            host=self.bind_address() or TcpRelayConfig.host, port=self.port_spin.value(),
            target_host=clean_host(self.host_edit.text()) or TcpRelayConfig.target_host,
            target_port=self.remote_port_spin.value())

    def apply_config(self, config: SessionConfig) -> None:
        if not isinstance(config, TcpRelayConfig):
            raise TypeError(f"a relay page shows a TcpRelayConfig, not {config!r}")
        self.show_local_address(config.host, config.port)
        self.host_edit.setText(config.target_host)
        self.remote_port_spin.setValue(config.target_port)
