"""The local addresses a server or UDP socket can bind to, read from the machine's interfaces.

QtNetwork is imported by the functions, on the first question, not with the module: loading it
costs ~7 ms, which a process that never asks (``socketscope-cli serve``) would pay at start.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True, slots=True)
class BindAddress:
    """An address to offer in the bind combo: the address itself and a label to show."""

    address: str
    label: str


def _tr(text: str) -> str:
    return QCoreApplication.translate("Interfaces", text)


def interface_addresses() -> list[tuple[str, str]]:
    """(address, interface name) of every up interface, IPv4 first, loopback last."""
    from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

    found: list[tuple[int, str, str]] = []
    for iface in QNetworkInterface.allInterfaces():
        flags = iface.flags()
        if not flags & QNetworkInterface.InterfaceFlag.IsUp:
            continue
        loopback = bool(flags & QNetworkInterface.InterfaceFlag.IsLoopBack)
        for entry in iface.addressEntries():
            ip = entry.ip()
            v6 = ip.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv6Protocol
            text = ip.toString()
            if v6 and ip.isLinkLocal() and "%" not in text:
                text = f"{text}%{iface.name()}"
            order = (2 if loopback else 0) + (1 if v6 else 0)
            found.append((order, text, iface.humanReadableName()))
    found.sort(key=lambda item: item[0])
    return [(address, name) for _, address, name in found]


def bind_addresses() -> list[BindAddress]:
    """Wildcards and loopbacks first, then each concrete address of the machine."""
    fixed = [
        BindAddress("0.0.0.0", _tr("0.0.0.0 — all IPv4 interfaces")),
        BindAddress("::", _tr(":: — all interfaces (IPv6 and IPv4)")),
        BindAddress("127.0.0.1", _tr("127.0.0.1 — this machine only")),
        BindAddress("::1", _tr("::1 — this machine only (IPv6)")),
    ]
    seen = {b.address for b in fixed}
    result = list(fixed)
    for address, name in interface_addresses():
        if address not in seen:
            seen.add(address)
            result.append(BindAddress(address, f"{address} — {name}"))
    return result


def reachable_addresses(bound: str) -> list[str]:
    """The concrete addresses a peer can use to reach a socket bound to ``bound``.

    For a wildcard bind these are the machine's addresses (what to type into the device);
    for a concrete one, just that address.
    """
    if bound not in ("0.0.0.0", "::", ""):
        return [bound]
    want_v6 = bound == "::"
    out = []
    for address, _name in interface_addresses():
        is_v6 = ":" in address
        if is_v6 and not want_v6:
            continue
        out.append(address)
    return out


def broadcast_addresses() -> list[str]:
    """The subnet broadcast addresses of the machine's up IPv4 interfaces, then the limited
    broadcast ``255.255.255.255``."""
    from PySide6.QtNetwork import QNetworkInterface

    out: list[str] = []
    for iface in QNetworkInterface.allInterfaces():
        if not iface.flags() & QNetworkInterface.InterfaceFlag.IsUp:
            continue
        for entry in iface.addressEntries():
            broadcast = entry.broadcast()
            if not broadcast.isNull():
                text = broadcast.toString()
                if text and text not in out:
                    out.append(text)
    out.append("255.255.255.255")
    return out


def interface_index(address: str) -> int:
    """The index of the interface that owns ``address`` (scope id ignored); 0 when none does."""
    from PySide6.QtNetwork import QNetworkInterface

    wanted = address.split("%", 1)[0]
    for iface in QNetworkInterface.allInterfaces():
        for entry in iface.addressEntries():
            if entry.ip().toString().split("%", 1)[0] == wanted:
                return iface.index()
    return 0
