"""Who may connect to a server: an allow-list of addresses and networks, and a client limit.

Plain Python on :mod:`ipaddress`. The server session asks :meth:`AccessPolicy.refusal` for
each accepted client before it adopts it; a refused client is closed at once.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

_CONTEXT = "AccessPolicy"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def parse_allow_list(text: str) -> tuple[Network, ...]:
    """Addresses and CIDRs (v4 and v6) separated by commas or blanks; empty = everyone.

    An address is a network of one (``10.0.0.7`` = ``10.0.0.7/32``); host bits in a CIDR are
    allowed (``192.168.1.5/24`` means ``192.168.1.0/24``). Raises ``ValueError`` naming the
    first entry that is neither.
    """
    networks = []
    for token in re.split(r"[\s,;，]+", text.strip()):
        if not token:
            continue
        try:
            networks.append(ipaddress.ip_network(token.strip("[]"), strict=False))
        except ValueError:
            raise ValueError(_tr("“{entry}” is not an IP address or network (CIDR), "
                                 "e.g. 192.168.1.0/24 or fd00::/8.").format(entry=token)) from None
    return tuple(networks)


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])  # drop an IPv6 scope id
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # a dual-stack server's IPv4 client is an IPv4 client
    return address


@dataclass(frozen=True)
class AccessPolicy:
    """``max_clients`` (0 = no limit) and ``allowed`` networks (empty = everyone)."""

    max_clients: int = 0
    allowed: tuple[Network, ...] = ()

    @classmethod
    def parse(cls, max_clients: int, allow_list: str) -> AccessPolicy:
        """Raises ``ValueError`` for a bad allow-list (see :func:`parse_allow_list`)."""
        return cls(max_clients, parse_allow_list(allow_list))

    def refusal(self, host: str, connected: int) -> str:
        """Why a client from ``host`` is refused while ``connected`` clients are open, in
        words; ``""`` when it may stay."""
        if self.allowed:
            address = _address(host)
            if address is None or not any(address in net for net in self.allowed):
                return _tr("not in the allow-list")
        if self.max_clients and connected >= self.max_clients:
            return _tr("the server already has {n} client(s), the most allowed").format(
                n=self.max_clients)
        return ""
