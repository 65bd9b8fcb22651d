"""The base of the pages whose session binds a local address and port (TCP server, UDP, TCP
relay): the ``localAddressCombo`` and ``localPortSpin`` fields and what the page does with them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout

from app.net.endpoints import EndpointError, clean_host, is_ipv6_literal, parse_endpoint
from app.net.interfaces import bind_addresses
from app.net.ports import first_free_port
from app.sessions.base import SessionState
from app.sessions.listening import ListeningSession
from app.sessions.udp import UdpSession
from ui.pages.session_page import SessionPage, state_mark
from ui.widgets import named, port_spin


class LocalAddressPage(SessionPage):
    """A session page with a local address and port: its subclass calls
    :meth:`build_local_address` from :meth:`build_network_group`, and passes the address and
    port of its config to :meth:`show_local_address`.

    It reads the address as the user sees it (:meth:`bind_address`), locks both fields while
    the session is open, names the port in the tab title, and keeps a new page off the ports
    other pages hold.
    """

    session: ListeningSession | UdpSession

    def build_local_address(self, form: QFormLayout, accessible: str, port: int) -> None:
        """Add the Address and Port rows to ``form``: :attr:`address_combo` (editable; this
        machine's addresses, item data the address, tooltip what it is) and :attr:`port_spin`
        (``port`` at first; 0 = any free port). ``accessible`` names the address box."""
        self.address_combo = named(QComboBox(), "localAddressCombo", accessible)
        self.address_combo.setEditable(True)
        for entry in bind_addresses():
            self.address_combo.addItem(entry.address, entry.address)
        self._describe_addresses()
        self.port_spin = port_spin("localPortSpin", self.tr("Local port"), minimum=0,
                                   value=port)
        self.port_spin.setSpecialValueText(self.tr("0 (any free port)"))
        self.port_spin.valueChanged.connect(self.tabDetailChanged)
        form.addRow(self.tr("Address"), self.address_combo)
        form.addRow(self.tr("Port"), self.port_spin)

    def _describe_addresses(self) -> None:
        """Each address item's tool tip says what it is ("127.0.0.1 — this machine only"), in
        the language now in force."""
        labels = {entry.address: entry.label for entry in bind_addresses()}
        for i in range(self.address_combo.count()):
            label = labels.get(self.address_combo.itemData(i))
            if label is not None:
                self.address_combo.setItemData(i, label, Qt.ItemDataRole.ToolTipRole)

    def retranslate(self) -> None:
        super().retranslate()
        self._describe_addresses()

    def show_local_address(self, host: str, port: int) -> None:
        """Show ``host`` (its item when the list has it, else as typed text) and ``port``."""
        index = self.address_combo.findData(host)
        if index >= 0:
            self.address_combo.setCurrentIndex(index)
        else:
            self.address_combo.setEditText(host)
        self.port_spin.setValue(port)

    def bind_address(self) -> str:
        """What the user sees in the address box (typed text wins over item data)."""
        text = self.address_combo.currentText().strip()
        index = self.address_combo.findText(text)
        if index >= 0 and isinstance(self.address_combo.itemData(index), str):
            return self.address_combo.itemData(index)
        return clean_host(text)

    def local_address_problem(self) -> str:
        """Why the address box cannot be bound as typed, in words ("" when it may be): a
        port typed after the address belongs in the Port box."""
        text = self.address_combo.currentText().strip()
        if not text or is_ipv6_literal(text):
            return ""
        try:
            host, port = parse_endpoint(text)
        except EndpointError:
            return ""  # binding says what is wrong with it
        if port is None:
            return ""
        return self.tr("“{text}” has a port in it: enter the address alone here ({host}) and "
                       "the port ({port}) in the Port box.").format(text=text, host=host,
                                                                   port=port)

    @Slot()
    def toggle_open(self) -> None:
        if self.session.state == SessionState.CLOSED:
            problem = self.local_address_problem()
            if problem:
                self.show_error(problem)
                self.address_combo.setFocus()
                return
        super().toggle_open()

    def set_network_editable(self, editable: bool) -> None:
        self.address_combo.setEnabled(editable)
        self.port_spin.setEnabled(editable)

    def open_port(self) -> int:
        """The port the session holds now (0 unless it is open)."""
        return self.session.port if self.session.state == SessionState.OPEN else 0

    def tab_detail(self) -> str:
        """``:PORT`` (the local port) and the state mark, e.g. ``:8080 ●`` while open."""
        return f":{self.open_port() or self.port_spin.value()} {state_mark(self.session.state)}"

    def held_ports(self) -> set[int]:
        return {p for p in (self.open_port(), self.port_spin.value()) if p}

    def avoid_ports(self, held: set[int]) -> None:
        self.port_spin.setValue(first_free_port(self.bind_address(), self.port_spin.value(),
                                                held))
