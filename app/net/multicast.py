"""Joining and leaving multicast groups on a bound UDP socket, IPv4 and IPv6, errors in words.

The interface of a join is an address of this machine ("" = any). Joining on "any" lets the
kernel follow the default route; a socket bound to a concrete address (a loopback, say) joins
on that address's interface instead, which is what a user binding to it means.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import struct

from PySide6.QtCore import QCoreApplication

from app.net.endpoints import clean_host
from app.net.interfaces import interface_index


class MulticastError(ValueError):
    """A join or leave that failed; ``str(exc)`` says why, in words."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("Multicast", text)


def parse_group(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The multicast group typed; raises :class:`MulticastError` when it is not one."""
    host = clean_host(text)
    try:
        group = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        raise MulticastError(_tr("“{text}” is not an IP address: a multicast group is written "
                                 "as an address such as 239.1.2.3 or ff12::1234.").format(
            text=text)) from None
    if not group.is_multicast:
        raise MulticastError(_tr("{group} is not a multicast address: IPv4 groups are "
                                 "224.0.0.0 to 239.255.255.255, IPv6 groups start with ff."
                                 ).format(group=group))
    return group


def join_interface(interface: str, bound: str) -> str:
    """The interface address a join uses: the one chosen, else the bound one if concrete."""
    interface = clean_host(interface)
    if interface:
        return interface
    bound = clean_host(bound)
    return "" if bound in ("", "0.0.0.0", "::") else bound


def _membership(sock: socket.socket, group: ipaddress.IPv4Address | ipaddress.IPv6Address,
                interface: str) -> tuple[int, int, bytes]:
    """(level, option suffix index, request) for a join or leave on ``sock``."""
    if group.version == 4:
        if_addr = interface if interface and ":" not in interface else "0.0.0.0"
        mreq = socket.inet_aton(str(group)) + socket.inet_aton(if_addr)
        return socket.IPPROTO_IP, 4, mreq
    if sock.family != socket.AF_INET6:
        raise MulticastError(_tr("An IPv6 group needs an IPv6 socket: bind to :: or an IPv6 "
                                 "address."))
    index = interface_index(interface) if interface else 0
    mreq6 = socket.inet_pton(socket.AF_INET6, str(group)) + struct.pack("@I", index)
    return socket.IPPROTO_IPV6, 6, mreq6


def join(sock: socket.socket, group_text: str, interface: str) -> str:
    """Join ``group_text`` on ``interface`` ("" = any); returns the group as written.

    Raises :class:`MulticastError` in words (not a multicast address, no route, family).
    """
    group = parse_group(group_text)
    level, version, mreq = _membership(sock, group, interface)
    option = socket.IP_ADD_MEMBERSHIP if version == 4 else socket.IPV6_JOIN_GROUP
    try:
        sock.setsockopt(level, option, mreq)
    except OSError as exc:
        raise MulticastError(_describe(exc, str(group), interface)) from exc
    _set_send_interface(sock, group, interface)
    return str(group)


def leave(sock: socket.socket, group_text: str, interface: str) -> None:
    """Leave a group joined with :func:`join`; raises :class:`MulticastError` in words."""
    group = parse_group(group_text)
    level, version, mreq = _membership(sock, group, interface)
    option = socket.IP_DROP_MEMBERSHIP if version == 4 else socket.IPV6_LEAVE_GROUP
    try:
        sock.setsockopt(level, option, mreq)
    except OSError as exc:
        raise MulticastError(_describe(exc, str(group), interface)) from exc


def set_send_options(sock: socket.socket, interface: str, ttl: int, loop: bool) -> None:
    """Where and how far datagrams to groups go: interface ("" = default route), TTL / hop
    limit, and whether this machine's own members get them. Options a family lacks are
    skipped."""
    for level, option, value in (
            (socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, ttl),
            (socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, int(loop)),
            (socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, ttl),
            (socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP, int(loop))):
        try:
            sock.setsockopt(level, option, value)
        except OSError:
            pass  # the other family's option on a single-family socket
    if interface:
        for group in (ipaddress.ip_address("239.0.0.1"), ipaddress.ip_address("ff12::1")):
            _set_send_interface(sock, group, interface)


def _set_send_interface(sock: socket.socket,
                        group: ipaddress.IPv4Address | ipaddress.IPv6Address,
                        interface: str) -> None:
    if not interface:
        return
    try:
        if group.version == 4 and ":" not in interface:
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
                            socket.inet_aton(interface))
        elif group.version == 6 and sock.family == socket.AF_INET6:
            index = interface_index(interface)
            if index:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, index)
    except OSError:
        pass  # sending to groups then follows the default route


def _describe(exc: OSError, group: str, interface: str) -> str:
    where = interface or _tr("the default interface")
    if exc.errno in (errno.ENODEV, errno.EADDRNOTAVAIL):
        return _tr("Cannot join {group} on {where}: that interface does not exist or has no "
                   "multicast (no route). Choose another interface.").format(
            group=group, where=where)
    if exc.errno == errno.EADDRINUSE:  # already a member
        return _tr("{group} is already joined on {where}.").format(group=group, where=where)
    if exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return _tr("Cannot join {group}: no route for multicast on {where}.").format(
            group=group, where=where)
    return _tr("Cannot join or leave {group} on {where}: {reason}").format(
        group=group, where=where, reason=exc.strerror or str(exc))
