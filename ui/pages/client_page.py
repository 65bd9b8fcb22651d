"""The TCP Client page: connect to a host and port, exchange data."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.net.endpoints import EndpointError, clean_host, format_endpoint, parse_endpoint
from app.sessions.base import SessionState
from app.sessions.config import SessionConfig, TcpClientConfig
from app.sessions.tcp_client import TcpClientSession
from ui.keep_alive import keep_alive_check, show_timings
from ui.pages.session_page import SessionPage, state_mark
from ui.quick_command_model import QuickCommandModel
from ui.widgets import named, port_spin


class ClientPage(SessionPage):
    """Session page for a :class:`TcpClientSession`."""

    session: TcpClientSession
    config_type = TcpClientConfig
    has_scenarios = True

    def __init__(self, settings: QSettings, object_name: str = "tcpClientSession",
                 parent: QWidget | None = None,
                 quick_commands: QuickCommandModel | None = None) -> None:
        super().__init__(TcpClientSession(), settings, object_name, parent, quick_commands)

    def build_network_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("TCP Client"))
        form = QFormLayout(group)
        self.host_edit = named(QLineEdit("127.0.0.1"), "remoteHostEdit",
                               self.tr("Remote host"))
        self.host_edit.setPlaceholderText(
            self.tr("host, IPv4 or IPv6 address; host:port or [v6]:port"))
        self.host_edit.returnPressed.connect(self.toggle_open)
        self.port_spin = port_spin("remotePortSpin", self.tr("Remote port"))
        self.local_port_spin = port_spin("localPortSpin", self.tr("Local port (0 = any)"),
                                         minimum=0, value=0)
        self.local_port_spin.setSpecialValueText(self.tr("any"))
        self.timeout_spin = named(QDoubleSpinBox(), "connectTimeoutSpin",
                                  self.tr("Connect timeout in seconds"))
        self.timeout_spin.setRange(0.5, 120.0)
        self.timeout_spin.setValue(5.0)
        self.timeout_spin.setSuffix(" s")
        self.timeout_spin.setDecimals(1)
        self.no_delay_check = named(QCheckBox(self.tr("TCP_NODELAY (send at once)")),
                                    "noDelayCheck", self.tr("Disable Nagle's algorithm"))
        self.no_delay_check.setChecked(True)
        self.keep_alive_check = keep_alive_check()
        self._timings = TcpClientConfig()
        self.reconnect_check = named(QCheckBox(self.tr("Reconnect after a drop")),
                                     "reconnectCheck",
                                     self.tr("Reconnect automatically after the connection "
                                             "drops"))
        self.reconnect_check.setToolTip(self.tr(
            "Waits 1 s, then doubles the wait after each failed attempt, up to 30 s, until "
            "you disconnect. A periodic send goes on once connected again."))
        self.linger_reset_check = named(QCheckBox(self.tr("Close with reset (RST)")),
                                        "lingerResetCheck",
                                        self.tr("Close the connection with a reset"))
        self.linger_reset_check.setToolTip(self.tr(
            "SO_LINGER 0: disconnecting sends RST instead of FIN, to test how a device "
            "takes an abrupt close."))
        self.open_button = named(QPushButton(), "openButton", self.tr("Connect or disconnect"))
        self.open_button.clicked.connect(self.toggle_open)
        form.addRow(self.tr("Host"), self.host_edit)
        form.addRow(self.tr("Port"), self.port_spin)
        form.addRow(self.tr("Local port"), self.local_port_spin)
        form.addRow(self.tr("Timeout"), self.timeout_spin)
        form.addRow(self.no_delay_check)
        form.addRow(self.keep_alive_check)
        form.addRow(self.reconnect_check)
        form.addRow(self.linger_reset_check)
        form.addRow(self.open_button)
        self.host_edit.textChanged.connect(self.tabDetailChanged)
        self.port_spin.valueChanged.connect(self.tabDetailChanged)
        return group

    def tab_detail(self) -> str:
        """The remote endpoint and the state mark, e.g. ``192.168.1.5:502 ○``."""
        config = self.config()
        return f"{format_endpoint(config.host, config.port)} {state_mark(self.session.state)}"

    def update_open_button(self, state: SessionState) -> None:
        text = {SessionState.CLOSED: self.tr("Connect"),
                SessionState.OPENING: self.tr("Cancel"),
                SessionState.OPEN: self.tr("Disconnect")}[state]
        self.open_button.setText(text)

    def set_network_editable(self, editable: bool) -> None:
        for widget in (self.host_edit, self.port_spin, self.local_port_spin,
                       self.timeout_spin, self.no_delay_check, self.keep_alive_check,
                       self.reconnect_check, self.linger_reset_check):
            widget.setEnabled(editable)

    def open_session(self) -> None:
        if not self.host_edit.text().strip():
            self.show_error(self.tr("Enter the host to connect to (name or IP address)."))
            self.host_edit.setFocus()
            return
        try:
            _host, port = parse_endpoint(self.host_edit.text())
        except EndpointError as exc:
            self.show_error(str(exc))
            self.host_edit.setFocus()
            return
        if port is not None:  # host:port typed: that port wins, and the spin box shows it
            self.port_spin.setValue(port)
        self.session.open(self.config())

    def scenario_connection(self) -> int | None:
        """The page's connection, while connected."""
        conns = self.session.connections()
        return conns[0].conn_id if conns else None

    def not_open_message(self) -> str:
        return self.tr("Nothing sent: not connected. Click Connect first.")

    def retranslate(self) -> None:
        super().retranslate()
        show_timings(self.keep_alive_check, self._timings)

    # -- config ----------------------------------------------------------------------------
    def config(self) -> TcpClientConfig:
        """What the fields show; an empty host box gives the default host, and a port typed in
        the host box (``host:port``, ``[v6]:port``) wins over the port box."""
        try:
            host, port = parse_endpoint(self.host_edit.text())
        except EndpointError:  # open_session explains it; settings keep what was typed
            host, port = clean_host(self.host_edit.text()), None
        return dataclasses.replace(
            self._timings, host=host or TcpClientConfig.host,
            port=port or self.port_spin.value(), timeout=self.timeout_spin.value(),
            local_port=self.local_port_spin.value(), no_delay=self.no_delay_check.isChecked(),
            keep_alive=self.keep_alive_check.isChecked(),
            reconnect=self.reconnect_check.isChecked(),
            linger_reset=self.linger_reset_check.isChecked())

    def apply_config(self, config: SessionConfig) -> None:
        if not isinstance(config, TcpClientConfig):
            raise TypeError(f"a client page shows a TcpClientConfig, not {config!r}")
        self.host_edit.setText(config.host)
        self.port_spin.setValue(config.port)
        self.timeout_spin.setValue(config.timeout)
        self.local_port_spin.setValue(config.local_port)
        self.no_delay_check.setChecked(config.no_delay)
        self._timings = config  # the keep-alive timings have no field: kept as stored
        self.keep_alive_check.setChecked(config.keep_alive)
        show_timings(self.keep_alive_check, config)
        self.reconnect_check.setChecked(config.reconnect)
        self.linger_reset_check.setChecked(config.linger_reset)

    def held_ports(self) -> set[int]:
        return {self.local_port_spin.value()} - {0}
