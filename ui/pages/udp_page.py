"""The UDP page: bind, see who sent what, send to a target, broadcast or multicast."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.net.endpoints import EndpointError, clean_host, parse_endpoint
from app.net.interfaces import broadcast_addresses, interface_addresses
from app.send.targets import ALL, Targets
from app.sessions.base import SessionState
from app.sessions.config import SessionConfig, UdpConfig
from app.sessions.udp import UdpSession
from ui.elided_label import ElidedLabel
from ui.endpoint_table import endpoint_view
from ui.log_panel import LogPanel
from ui.pages.local_address import LocalAddressPage
from ui.peer_list_model import PeerListModel
from ui.quick_command_model import QuickCommandModel
from ui.widgets import named, port_spin


class UdpPage(LocalAddressPage):
    """Session page for a :class:`UdpSession`."""

    session: UdpSession
    config_type = UdpConfig

    def __init__(self, settings: QSettings, object_name: str = "udpSession",
                 parent: QWidget | None = None,
                 quick_commands: QuickCommandModel | None = None) -> None:
        super().__init__(UdpSession(), settings, object_name, parent, quick_commands)
        self.session.stateChanged.connect(self._on_udp_state)
        # Joins and leaves (also the join at open) say so in the status.
        self.session.statusChanged.connect(self._update_join_button)
        # One socket, not connections: the session says why a send did not fit.
        self.send_panel.set_queue_full_words(self.queue_full_message)

    # -- building --------------------------------------------------------------------------
    def build_network_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("UDP"))
        form = QFormLayout(group)
        self.build_local_address(form, self.tr("Local address to bind"), 9000)
        self.open_button = named(QPushButton(), "openButton", self.tr("Open or close"))
        self.open_button.clicked.connect(self.toggle_open)
        self.host_edit = named(QLineEdit("127.0.0.1"), "remoteHostEdit",
                               self.tr("Remote host"))
        self.host_edit.setPlaceholderText(
            self.tr("host, IPv4 or IPv6 address; host:port or [v6]:port"))
        self.remote_port_spin = port_spin("remotePortSpin", self.tr("Remote port"), value=9000)
        self.reply_check = named(QCheckBox(self.tr("Reply to the last sender")),
                                 "replyToLastCheck",
                                 self.tr("Send to whoever sent the last datagram"))
        self.reply_check.toggled.connect(self._on_reply_toggled)
        self.broadcast_check = named(QCheckBox(self.tr("Allow broadcast")), "broadcastCheck",
                                     self.tr("Allow sending to broadcast addresses"))
        self.broadcast_check.toggled.connect(self.session.set_broadcast)
        self.broadcast_combo = named(QComboBox(), "broadcastAddressCombo",
                                     self.tr("Broadcast addresses of this machine"))
        self.broadcast_combo.addItem(self.tr("Broadcast to…"), "")
        for address in broadcast_addresses():
            self.broadcast_combo.addItem(address, address)
        self.broadcast_combo.activated.connect(self._on_broadcast_chosen)
        broadcast_row = QHBoxLayout()
        broadcast_row.addWidget(self.broadcast_check)
        broadcast_row.addWidget(self.broadcast_combo, 1)

        self.group_edit = named(QLineEdit(), "multicastGroupEdit", self.tr("Multicast group"))
        self.group_edit.setPlaceholderText(self.tr("e.g. 239.1.2.3 or ff12::1234"))
        self.interface_combo = named(QComboBox(), "multicastInterfaceCombo",
                                     self.tr("Interface for multicast"))
        # A short word in the box (a long one was cut at 1024 px); the tooltip says it whole.
        self.interface_combo.addItem(self.tr("Automatic"), "")
        self.interface_combo.setItemData(
            0, self.tr("The bound address, else the interface of the default route"),
            Qt.ItemDataRole.ToolTipRole)
        for address, name in interface_addresses():
            self.interface_combo.addItem(f"{address} — {name}", address)
            self.interface_combo.setItemData(self.interface_combo.count() - 1,
                                             f"{address} — {name}",
                                             Qt.ItemDataRole.ToolTipRole)
        # The box may cut an item; its tooltip shows the chosen one whole.
        self.interface_combo.currentIndexChanged.connect(self._update_interface_tip)
        self._update_interface_tip()
        # Its long items would widen the settings column past a 1024 px screen; the popup
        # still shows them whole.
        self.interface_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.interface_combo.setMinimumContentsLength(12)
        self.join_button = named(QPushButton(self.tr("Join")), "multicastJoinButton",
                                 self.tr("Join or leave the multicast group"))
        self.join_button.clicked.connect(self.toggle_join)
        # The button says what a click does to the group in the field: Join or Leave it.
        self.group_edit.textChanged.connect(self._update_join_button)
        self.group_edit.returnPressed.connect(self.toggle_join)
        group_row = QHBoxLayout()
        group_row.addWidget(self.group_edit, 1)
        group_row.addWidget(self.join_button)
        # The groups joined now, each a link that puts it in the field (to leave it).
        self.joined_label = named(QLabel(), "multicastJoinedLabel",
                                  self.tr("Multicast groups joined"))
        self.joined_label.setWordWrap(True)
        self.joined_label.setTextFormat(Qt.TextFormat.RichText)
        self.joined_label.linkActivated.connect(self.group_edit.setText)
        self.ttl_spin = named(QSpinBox(), "multicastTtlSpin",
                              self.tr("Multicast TTL or hop limit"))
        self.ttl_spin.setRange(0, 255)
        self.ttl_spin.setValue(1)
        self.loop_check = named(QCheckBox(self.tr("Loop back to this machine")),
                                "multicastLoopCheck",
                                self.tr("This machine's members receive our multicasts"))
        self.loop_check.setChecked(True)
        self.datagram_spin = named(QSpinBox(), "datagramSizeSpin",
                                   self.tr("Bytes per datagram when sending a file"))
        self.datagram_spin.setRange(1, 65507)
        self.datagram_spin.setValue(1024)
        self.datagram_spin.setSuffix(" B")
        self.datagram_spin.valueChanged.connect(self.session.set_datagram_size)

        form.addRow(self.open_button)
        form.addRow(self.tr("Remote host"), self.host_edit)
        form.addRow(self.tr("Remote port"), self.remote_port_spin)
        form.addRow(self.reply_check)
        form.addRow(broadcast_row)
        form.addRow(self.tr("Group"), group_row)
        form.addRow(self.joined_label)
        self._form = form
        form.addRow(self.tr("Interface"), self.interface_combo)
        form.addRow(self.tr("TTL / hops"), self.ttl_spin)
        form.addRow(self.loop_check)
        form.addRow(self.tr("File datagram"), self.datagram_spin)
        return group

    def build_log_area(self, log_panel: LogPanel) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(log_panel)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.peer_model = PeerListModel(self.session, self)
        self.peer_list = endpoint_view(self.peer_model, "peerList",
                                       self.tr("Remote endpoints heard from"),
                                       QAbstractItemView.SelectionMode.SingleSelection)
        header = self.peer_list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.peer_list.selectionModel().selectionChanged.connect(self._on_peer_selected)
        title = QLabel(self.tr("Peers"))
        title.setStyleSheet("font-weight: bold;")
        self.target_label = named(ElidedLabel(hint_chars=32), "sendTargetLabel",
                                  self.tr("Send goes to"))
        self.send_panel.show_beside_send(self.target_label)
        self.host_edit.textChanged.connect(self._update_target_hint)
        self.remote_port_spin.valueChanged.connect(self._update_target_hint)
        layout.addWidget(title)
        layout.addWidget(self.peer_list, 1)
        # Narrow enough to fit beside the log at 1024 px; the log never collapses, the
        # peer list may be dragged shut (and back open).
        box.setMinimumWidth(150)
        splitter.addWidget(box)
        splitter.setCollapsible(0, False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    # -- state -----------------------------------------------------------------------------
    def update_open_button(self, state: SessionState) -> None:
        text = {SessionState.CLOSED: self.tr("Open"),
                SessionState.OPENING: self.tr("Cancel"),
                SessionState.OPEN: self.tr("Close")}[state]
        self.open_button.setText(text)
        if hasattr(self, "join_button"):
            self._update_join_button()

    def zoom_targets(self) -> list[QWidget]:
        return [*super().zoom_targets(), self.peer_list]

    def set_network_editable(self, editable: bool) -> None:
        super().set_network_editable(editable)
        for widget in (self.interface_combo, self.ttl_spin, self.loop_check):
            widget.setEnabled(editable)

    @Slot(str)
    def _on_udp_state(self, state: str) -> None:
        if state == SessionState.OPEN and self.port_spin.value() == 0:
            self.port_spin.setValue(self.session.port)  # the port the OS chose
        self._update_join_button()
        self._update_target_hint()

    def open_session(self) -> None:
        if not self.bind_address():
            self.show_error(self.tr("Enter a local address to bind, e.g. 0.0.0.0."))
            return
        self.session.open(self.config())

    # -- target ----------------------------------------------------------------------------
    def remote_endpoint(self) -> tuple[str, int] | None:
        """(host, port) typed; a port in the host box wins. None (explained) when bad."""
        try:
            host, port = parse_endpoint(self.host_edit.text())
        except EndpointError as exc:
            self.show_error(str(exc), "send")
            return None
        if port is not None:
            self.remote_port_spin.setValue(port)
        return host, port or self.remote_port_spin.value()

    def send_targets(self) -> Targets:
        """The typed target (or the last sender): the session is told where ALL goes now."""
        self.session.reply_to_last = self.reply_check.isChecked()
        if not self.session.reply_to_last:
            target = self.remote_endpoint()
            if target is None:
                self.session.set_destination_problem(self.status_label.text())
            else:
                self.session.set_destination(*target)
        return ALL

    def not_open_message(self) -> str:
        return self.tr("Nothing sent: the socket is not open. Click Open first.")

    def no_target_message(self) -> str:
        return self.session.refusal or self.not_open_message()

    def queue_full_message(self, refused: int) -> str:
        """Why a send did not fit in the socket's send queue (one queue for every target)."""
        return self.session.queue_full_text()

    @Slot()
    def _on_peer_selected(self) -> None:
        rows = self.peer_list.selectionModel().selectedRows()
        if not rows:
            return
        peer = self.peer_model.peer_at(rows[0].row())
        self.host_edit.setText(peer.host)
        self.remote_port_spin.setValue(peer.port)
        self.reply_check.setChecked(False)

    def select_peer(self, row: int) -> None:
        """Select one peer row (tests and keyboard users)."""
        self.peer_list.selectionModel().select(
            self.peer_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    @Slot(bool)
    def _on_reply_toggled(self, checked: bool) -> None:
        self.session.reply_to_last = checked
        self.host_edit.setEnabled(not checked)
        self.remote_port_spin.setEnabled(not checked)
        self._update_target_hint()

    @Slot(int)
    def _on_broadcast_chosen(self, index: int) -> None:
        address = self.broadcast_combo.itemData(index)
        if address:
            self.host_edit.setText(address)
            self.reply_check.setChecked(False)
            if not self.broadcast_check.isChecked():
                self.show_status(self.tr("Check “Allow broadcast” to send to {address}.")
                                 .format(address=address))
        self.broadcast_combo.setCurrentIndex(0)

    def retranslate(self) -> None:
        super().retranslate()
        self._update_target_hint()
        self._update_join_button()
        self.interface_combo.setItemData(
            0, self.tr("The bound address, else the interface of the default route"),
            Qt.ItemDataRole.ToolTipRole)
        self._update_interface_tip()

    def _update_target_hint(self) -> None:
        if not hasattr(self, "target_label"):
            return
        if self.reply_check.isChecked():
            peer = self.session.last_sender
            text = self.tr("→ last sender: {peer}").format(peer=peer.peer) if peer else \
                self.tr("→ last sender (none yet)")
        else:
            text = self.tr("→ {host}:{port}").format(host=self.host_edit.text().strip(),
                                                     port=self.remote_port_spin.value())
        self.target_label.setText(text)

    # -- multicast -------------------------------------------------------------------------
    @Slot()
    def toggle_join(self) -> None:
        group = self.group_edit.text().strip()
        if not group:
            self.show_error(self.tr("Enter a multicast group, e.g. 239.1.2.3."))
            return
        if self._is_joined(group):
            problem = self.session.leave_group(group)
        else:
            problem = self.session.join_group(group, self.interface_combo.currentData() or "")
        if problem:
            self.show_error(problem)
        self._update_join_button()

    @Slot()
    def _update_interface_tip(self) -> None:
        combo = self.interface_combo
        combo.setToolTip(combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)
                         or combo.currentText())

    def _is_joined(self, group: str) -> bool:
        return self.session.is_joined(group)

    @Slot()
    def _update_join_button(self) -> None:
        joined = self._is_joined(self.group_edit.text())
        self.join_button.setText(self.tr("Leave") if joined else self.tr("Join"))
        self.join_button.setEnabled(self.session.state == SessionState.OPEN)
        groups = list(dict.fromkeys(group for group, _ in self.session.joined))
        self.joined_label.setText(self.tr("Joined: {groups}").format(
            groups=", ".join(f'<a href="{html.escape(g)}">{html.escape(g)}</a>'
                             for g in groups)))
        self.joined_label.setToolTip(self.tr("Click a group to put it in the field, then "
                                             "Leave."))
        self._form.setRowVisible(self.joined_label, bool(groups))

    @Slot()
    def counter_texts(self) -> tuple[str, str]:
        # A datagram is a message: the second numbers count datagrams.
        rx = self.tr("RX: {bytes} B ({n} datagrams)").format(
            bytes=f"{self.session.rx_total():,}", n=f"{self.session.rx_messages():,}")
        tx = self.tr("TX: {bytes} B ({n} datagrams)").format(
            bytes=f"{self.session.tx_total():,}", n=f"{self.session.tx_messages():,}")
        return rx, tx

    def refresh_counters(self) -> None:
        super().refresh_counters()
        if hasattr(self, "peer_model"):
            self.peer_model.refresh()
            if self.reply_check.isChecked():
                self._update_target_hint()

    # -- config ----------------------------------------------------------------------------
    def config(self) -> UdpConfig:
        """What the fields show; empty boxes give the defaults."""
        try:
            host, port = parse_endpoint(self.host_edit.text())
        except EndpointError:
            host, port = clean_host(self.host_edit.text()), None
        return UdpConfig(
            host=self.bind_address() or UdpConfig.host, port=self.port_spin.value(),
            remote_host=host or UdpConfig.remote_host,
            remote_port=port or self.remote_port_spin.value(),
            reply_to_last=self.reply_check.isChecked(),
            broadcast=self.broadcast_check.isChecked(),
            multicast_group=self.group_edit.text().strip(),
            multicast_interface=self.interface_combo.currentData() or "",
            multicast_ttl=self.ttl_spin.value(), multicast_loop=self.loop_check.isChecked(),
            datagram_size=self.datagram_spin.value())

    def apply_config(self, config: SessionConfig) -> None:
        if not isinstance(config, UdpConfig):
            raise TypeError(f"a UDP page shows a UdpConfig, not {config!r}")
        self.show_local_address(config.host, config.port)
        self.host_edit.setText(config.remote_host)
        self.remote_port_spin.setValue(config.remote_port)
        self.reply_check.setChecked(config.reply_to_last)
        self.broadcast_check.setChecked(config.broadcast)
        self.group_edit.setText(config.multicast_group)
        index = self.interface_combo.findData(config.multicast_interface)
        self.interface_combo.setCurrentIndex(max(index, 0))
        self.ttl_spin.setValue(config.multicast_ttl)
        self.loop_check.setChecked(config.multicast_loop)
        self.datagram_spin.setValue(min(config.datagram_size, self.datagram_spin.maximum()))
