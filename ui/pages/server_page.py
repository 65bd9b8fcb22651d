"""The TCP Server page: listen, see clients, send to selected or all, disconnect."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from app.autoreply.template import PlaceholderError, welcome_template
from app.input_errors import InputError
from app.net.endpoints import format_endpoint
from app.net.interfaces import reachable_addresses
from app.send.targets import ALL, Targets, follow_selection
from app.sessions.access import parse_allow_list
from app.sessions.base import SessionState
from app.sessions.config import SessionConfig, TcpServerConfig
from app.sessions.tcp_server import TcpServerSession
from ui.client_list_model import ClientListModel
from ui.elided_label import ElidedLabel
from ui.endpoint_table import endpoint_view
from ui.keep_alive import keep_alive_check, show_timings
from ui.log_panel import LogPanel
from ui.pages.local_address import LocalAddressPage
from ui.quick_command_model import QuickCommandModel
from ui.widgets import named


class ServerPage(LocalAddressPage):
    """Session page for a :class:`TcpServerSession`."""

    session: TcpServerSession
    config_type = TcpServerConfig
    has_scenarios = True

    def __init__(self, settings: QSettings, object_name: str = "tcpServerSession",
                 parent: QWidget | None = None,
                 quick_commands: QuickCommandModel | None = None) -> None:
        #: The clients the user chose (empty: none, send to all); survives their leaving,
        #: so a send never widens to clients the user did not target.
        self._chosen: frozenset[int] = frozenset()
        super().__init__(TcpServerSession(), settings, object_name, parent, quick_commands)
        self.session.stateChanged.connect(self._update_reachable)
        self.session.stateChanged.connect(self._forget_choice)

    def build_network_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("TCP Server"))
        form = QFormLayout(group)
        self.build_local_address(form, self.tr("Local address to listen on"), 8080)
        self.address_combo.setToolTip(
            self.tr("0.0.0.0 accepts connections on every IPv4 address of this machine; "
                    ":: on every address, IPv6 and IPv4."))
        # Editable while listening: it applies to the clients accepted from then on.
        self.keep_alive_check = keep_alive_check()
        self.keep_alive_check.toggled.connect(self.session.set_keep_alive)
        self._timings = TcpServerConfig()
        self.open_button = named(QPushButton(), "openButton", self.tr("Listen or stop"))
        self.open_button.clicked.connect(self.toggle_open)
        self.reachable_label = named(QLabel(), "reachableLabel",
                                     self.tr("Addresses clients can connect to"))
        self.reachable_label.setWordWrap(True)
        self.reachable_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.keep_alive_check)
        form.addRow(self.open_button)
        form.addRow(self.reachable_label)
        self._build_behaviour(form)
        return group

    def _build_behaviour(self, form: QFormLayout) -> None:
        """Welcome message and access rules: part of the config, applied at once."""
        self.welcome_check = named(QCheckBox(self.tr("Welcome")), "welcomeCheck",
                                   self.tr("Send a welcome message to each client"))
        self.welcome_edit = named(QLineEdit(), "welcomeEdit", self.tr("Welcome message"))
        self.welcome_edit.setPlaceholderText(self.tr("e.g. Welcome {peer}!\\r\\n"))
        self.welcome_edit.setToolTip(self.tr(
            "Sent to each client as it connects. Escapes \\r \\n \\t \\\\ \\xNN, "
            "UTF-8; {peer} is the client's address. With Hex, hex bytes."))
        self.welcome_hex_check = named(QCheckBox(self.tr("Hex")), "welcomeHexCheck",
                                       self.tr("Welcome message is hex bytes"))
        row = QHBoxLayout()
        row.addWidget(self.welcome_edit, 1)
        row.addWidget(self.welcome_hex_check)
        self.max_clients_spin = named(QSpinBox(), "maxClientsSpin",
                                      self.tr("Most clients at once (0 = no limit)"))
        self.max_clients_spin.setRange(0, 100_000)
        self.max_clients_spin.setSpecialValueText(self.tr("no limit"))
        self.allow_edit = named(QLineEdit(), "allowListEdit",
                                self.tr("Allowed client addresses"))
        self.allow_edit.setPlaceholderText(self.tr("everyone, or e.g. 192.168.1.0/24, ::1"))
        self.allow_edit.setToolTip(self.tr(
            "IP addresses and networks (CIDR), IPv4 and IPv6, separated by commas or "
            "spaces. Clients from elsewhere are refused. Empty: everyone."))
        form.addRow(self.welcome_check, row)
        form.addRow(self.tr("Max clients"), self.max_clients_spin)
        form.addRow(self.tr("Allow"), self.allow_edit)
        for signal in (self.welcome_check.toggled, self.welcome_edit.editingFinished,
                       self.welcome_hex_check.toggled, self.max_clients_spin.valueChanged,
                       self.allow_edit.editingFinished):
            signal.connect(self._apply_behaviour)

    @Slot()
    def _apply_behaviour(self) -> None:
        """A change to the welcome or access rules takes effect for the next client."""
        if self.session.state == SessionState.CLOSED:
            return
        problem = self._welcome_problem()
        if problem:  # the welcome in force stays
            self.show_error(self.tr("Welcome message: {error}").format(error=problem))
            return
        try:
            parse_allow_list(self.allow_edit.text())  # config() would leave a bad one out
            self.session.apply_behaviour(self.config())
        except ValueError as exc:
            self.show_error(str(exc), "behaviour")
            return
        self.clear_error("behaviour")

    def build_log_area(self, log_panel: LogPanel) -> QWidget:
        log = super().build_log_area(log_panel)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(log)
        clients = QWidget()
        layout = QVBoxLayout(clients)
        layout.setContentsMargins(0, 0, 0, 0)
        self.client_model = ClientListModel(self.session, self)
        self.client_list = endpoint_view(self.client_model, "clientList",
                                         self.tr("Connected clients"),
                                         QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.client_list.horizontalHeader()
        # Widths set once from samples, resizable by the user: ResizeToContents measured every
        # row on each counter repaint, which cost a thousand idle clients more than a core.
        metrics = self.client_list.fontMetrics()
        for column, sample in enumerate(("[fe80::1234:5678]:65535", "00:00:00", "00:00:00",
                                         "1,000,000,000")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        header.setStretchLastSection(True)
        self.client_list.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.client_model.rowsInserted.connect(self._update_target_hint)
        self.client_model.rowsRemoved.connect(self._update_target_hint)
        self.target_label = named(ElidedLabel(hint_chars=32), "sendTargetLabel",
                                  self.tr("Send goes to"))
        # One above the other: side by side they kept the client list too wide for 1024 px.
        buttons = QVBoxLayout()
        self.disconnect_button = named(QPushButton(self.tr("Disconnect")),
                                       "disconnectClientButton",
                                       self.tr("Disconnect selected clients"))
        self.disconnect_button.clicked.connect(self.disconnect_selected)
        self.select_none_button = named(QPushButton(self.tr("Select none")),
                                        "clearClientSelectionButton",
                                        self.tr("Clear selection: send to all"))
        self.select_none_button.clicked.connect(self.select_none)
        self.disconnect_all_button = named(QPushButton(self.tr("Disconnect all")),
                                           "disconnectAllButton",
                                           self.tr("Disconnect every client"))
        self.disconnect_all_button.clicked.connect(self.session.disconnect_all)
        buttons.addWidget(self.disconnect_button)
        buttons.addWidget(self.disconnect_all_button)
        buttons.addWidget(self.select_none_button)
        self.only_selected_check = named(
            QCheckBox(self.tr("Log: selected only")), "onlySelectedCheck",
            self.tr("Show only the selected clients' traffic in the log"))
        self.only_selected_check.toggled.connect(self._apply_log_filter)
        self.client_list.selectionModel().selectionChanged.connect(self._apply_log_filter)
        title = QLabel(self.tr("Clients"))
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self.client_list, 1)
        self.send_panel.show_beside_send(self.target_label)
        layout.addLayout(buttons)
        layout.addWidget(self.only_selected_check)
        # As narrow as its buttons (no fixed width: it fits beside the log at 1024 px); the
        # log never collapses, the client list may be dragged shut (and back open).
        splitter.addWidget(clients)
        splitter.setCollapsible(0, False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self._update_target_hint()
        return splitter

    # -- state -----------------------------------------------------------------------------
    def update_open_button(self, state: SessionState) -> None:
        text = {SessionState.CLOSED: self.tr("Listen"),
                SessionState.OPENING: self.tr("Stop"),
                SessionState.OPEN: self.tr("Stop")}[state]
        self.open_button.setText(text)

    def zoom_targets(self) -> list[QWidget]:
        return [*super().zoom_targets(), self.client_list]

    def open_session(self) -> None:
        address = self.bind_address()
        if not address:
            self.show_error(self.tr("Enter a local address to listen on, e.g. 0.0.0.0."))
            return
        try:
            parse_allow_list(self.allow_edit.text())
        except ValueError as exc:
            self.show_error(self.tr("Not listening. Allow-list: {error}").format(error=exc))
            self.allow_edit.setFocus()
            return
        problem = self._welcome_problem()
        if problem:
            self.show_error(self.tr("Not listening. Welcome message: {error}").format(
                error=problem))
            self.welcome_edit.setFocus()
            return
        self.session.open(self.config())

    def _welcome_problem(self) -> str:
        """What is wrong with the welcome's placeholders (``{nope}``), or ""; the session
        words a bad escape or bad hex itself."""
        if not self.welcome_check.isChecked() or self.welcome_hex_check.isChecked():
            return ""
        try:
            welcome_template(self.welcome_edit.text())
        except PlaceholderError as exc:
            return str(exc)
        except InputError:
            return ""
        return ""

    @Slot(str)
    def _update_reachable(self, state: str) -> None:
        if state != SessionState.OPEN:
            self.reachable_label.setText("")
            return
        port = self.session.port
        if self.port_spin.value() == 0:
            self.port_spin.setValue(port)
        addresses = reachable_addresses(self.bind_address())
        self.reachable_label.setText(self.tr("Clients connect to: {list}").format(
            list=", ".join(format_endpoint(a, port) for a in addresses)))

    def retranslate(self) -> None:
        super().retranslate()
        show_timings(self.keep_alive_check, self._timings)
        self._update_reachable(str(self.session.state))
        self._update_target_hint()

    # -- clients ---------------------------------------------------------------------------
    def selected_conn_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.client_list.selectionModel().selectedRows()})
        return [self.client_model.conn_id_at(row) for row in rows]

    def select_client(self, row: int) -> None:
        """Select one client row (used by tests and keyboard users alike)."""
        self.client_list.selectionModel().select(
            self.client_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    @Slot()
    def select_none(self) -> None:
        """Clear the selection and any choice of clients that left: Send goes to all."""
        self.client_list.clearSelection()
        self._chosen = frozenset()
        self._update_target_hint()

    def scenario_connection(self) -> int | None:
        """The selected client (the first selected one), else the only client connected."""
        live = self.session.live_targets(self.selected_conn_ids())
        if live:
            return live[0]
        conns = self.session.connections()
        return conns[0].conn_id if len(conns) == 1 else None

    def send_targets(self) -> Targets:
        """All clients when none was chosen; else the chosen ones still here (maybe none)."""
        return Targets.only(self._chosen) if self._chosen else ALL

    @Slot()
    def _on_selection_changed(self) -> None:
        self._chosen = follow_selection(self._chosen, self.selected_conn_ids(),
                                        (c.conn_id for c in self.session.connections()))
        self._update_target_hint()

    @Slot(str)
    def _forget_choice(self, state: str) -> None:
        if state == SessionState.CLOSED:  # ids of a past run mean nothing to the next one
            self._chosen = frozenset()
            self._update_target_hint()

    def target_text(self) -> str:
        """Whom Send reaches now, in words, e.g. "→ 127.0.0.1:50312" or "→ all 5 clients"."""
        live = self.session.live_targets(self.send_targets())
        if self._chosen and not live:
            if len(self._chosen) == 1:
                return self.tr("→ nobody (selected client left)")
            return self.tr("→ nobody (selected clients left)")
        if len(live) == 1:
            peer = self.session.peer_label(live[0])
            if self._chosen:
                return self.tr("→ {peer}").format(peer=peer)
            return self.tr("→ all clients: {peer}").format(peer=peer)
        if self._chosen:
            return self.tr("→ {n} selected clients").format(n=len(live))
        if not live:
            return self.tr("→ nobody (no client connected)")
        return self.tr("→ all {n} clients").format(n=len(live))

    @Slot()
    def _update_target_hint(self) -> None:
        if not hasattr(self, "target_label"):
            return  # still building
        self.target_label.setText(self.target_text())
        self.disconnect_button.setEnabled(bool(self.selected_conn_ids()))

    @Slot()
    def _apply_log_filter(self) -> None:
        if self.only_selected_check.isChecked():
            self.log_view.set_filter(self.selected_conn_ids())
        else:
            self.log_view.set_filter(None)

    @Slot()
    def disconnect_selected(self) -> None:
        ids = self.selected_conn_ids()
        if ids:
            self.session.disconnect_clients(ids)

    @Slot()
    def refresh_counters(self) -> None:
        super().refresh_counters()
        if hasattr(self, "client_model"):
            self.client_model.refresh_counters()

    def not_open_message(self) -> str:
        return self.tr("Nothing sent: the server is not listening. Click Listen first.")

    def no_target_message(self) -> str:
        if self._chosen:
            return self.tr("Nothing sent: the selected client(s) left. Select another client, "
                           "or Select none to send to all.")
        return self.tr("Nothing sent: no client is connected yet.")

    # -- config ----------------------------------------------------------------------------
    def config(self) -> TcpServerConfig:
        """The address and port shown (an empty address box gives the default address),
        keep-alive, the welcome message and the access rules. An allow-list that is not
        valid is kept out (everyone) here; opening explains it."""
        allow = self.allow_edit.text().strip()
        try:
            parse_allow_list(allow)
        except ValueError:
            allow = ""
        return dataclasses.replace(
            self._timings, host=self.bind_address() or TcpServerConfig.host,
            port=self.port_spin.value(), keep_alive=self.keep_alive_check.isChecked(),
            welcome_on=self.welcome_check.isChecked(), welcome=self.welcome_edit.text(),
            welcome_hex=self.welcome_hex_check.isChecked(),
            max_clients=self.max_clients_spin.value(), allow=allow)

    def apply_config(self, config: SessionConfig) -> None:
        if not isinstance(config, TcpServerConfig):
            raise TypeError(f"a server page shows a TcpServerConfig, not {config!r}")
        self.show_local_address(config.host, config.port)
        self._timings = config  # the keep-alive timings have no field: kept as stored
        self.keep_alive_check.setChecked(config.keep_alive)
        show_timings(self.keep_alive_check, config)
        self.welcome_check.setChecked(config.welcome_on)
        self.welcome_edit.setText(config.welcome)
        self.welcome_hex_check.setChecked(config.welcome_hex)
        self.max_clients_spin.setValue(config.max_clients)
        self.allow_edit.setText(config.allow)
