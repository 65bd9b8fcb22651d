"""UDP failures in words: sends that fail, ICMP reports, multicast joins. The socket stays open."""

from __future__ import annotations

import errno
import ipaddress
import socket

from PySide6.QtCore import QCoreApplication

from app.net import error_codes as codes
from app.net.endpoints import clean_host
from app.net.error_codes import error_code

_ACCESS = {errno.EACCES, errno.EPERM, codes.WSAEACCES}
_TOO_BIG = {errno.EMSGSIZE, 10040}  # WSAEMSGSIZE
_NET_UNREACH = {errno.ENETUNREACH, errno.ENETDOWN, codes.WSAENETDOWN, codes.WSAENETUNREACH}
_HOST_UNREACH = {errno.EHOSTUNREACH, errno.EHOSTDOWN, codes.WSAEHOSTUNREACH, codes.WSAEHOSTDOWN}
_AF = {errno.EAFNOSUPPORT, codes.WSAEAFNOSUPPORT, errno.EADDRNOTAVAIL, codes.WSAEADDRNOTAVAIL}


def _tr(text: str) -> str:
    return QCoreApplication.translate("UdpErrors", text)


def describe_unreachable(endpoint: str) -> str:
    """An ICMP "port unreachable" came back for a datagram sent to ``endpoint``."""
    return _tr("Nothing listens on {endpoint}: it answered “port unreachable”. "
               "The session goes on receiving.").format(endpoint=endpoint)


def too_big_message(size: int, limit: int) -> str:
    """A payload of ``size`` bytes does not fit in one datagram of at most ``limit``."""
    return _tr("Not sent: {size} bytes do not fit in one UDP datagram (at most {limit} bytes "
               "here). Send less, or send a file in smaller datagrams.").format(
        size=f"{size:,}", limit=f"{limit:,}")


def describe_send_error(exc: OSError, endpoint: str, host: str) -> str:
    """Why a datagram to ``endpoint`` (typed as ``host``) was not sent."""
    code = error_code(exc)
    if isinstance(exc, socket.gaierror):
        if exc.errno in (socket.EAI_FAMILY, getattr(socket, "EAI_ADDRFAMILY", -1)):
            return _tr("Not sent: “{host}” has no address of this socket's family "
                       "(IPv4 vs IPv6). Bind to :: for both, or use the other kind of "
                       "address.").format(host=host)
        return _tr("Host not found: “{host}”. Check the spelling, or use an IP address.").format(
            host=host)
    if isinstance(exc, PermissionError) or code in _ACCESS:
        return _tr("Permission denied sending to {endpoint}: a broadcast address needs "
                   "broadcast allowed (“Allow broadcast” in the window, --broadcast on the "
                   "command line), or a firewall blocks it.").format(
            endpoint=endpoint)
    if isinstance(exc, ConnectionRefusedError):
        return describe_unreachable(endpoint)
    if code in _TOO_BIG:
        return _tr("Not sent to {endpoint}: the datagram is too big for the network path.")\
            .format(endpoint=endpoint)
    if code in _NET_UNREACH:
        if _is_multicast(host):
            return _tr("No route for multicast to {endpoint}: the interface this socket sends "
                       "through has no multicast (Linux's loopback has none for IPv6). Bind "
                       "to :: or 0.0.0.0 and choose an interface with multicast.").format(
                endpoint=endpoint)
        return _tr("Network unreachable: this machine has no route to {endpoint}.").format(
            endpoint=endpoint)
    if code in _HOST_UNREACH:
        return _tr("Host unreachable: {endpoint} cannot be reached.").format(endpoint=endpoint)
    if code == errno.EINVAL:
        # Linux says EINVAL both for a destination a loopback-bound socket cannot reach and
        # for a destination whose route is a blackhole: name both.
        return _tr("Cannot send to {endpoint} from this socket: a socket bound to a loopback "
                   "address reaches only loopback addresses, or this machine's routing table "
                   "drops that destination (a blackhole route).").format(endpoint=endpoint)
    if code in _AF:
        return _tr("Cannot send to {endpoint} from this socket: the address does not suit the "
                   "bound address (IPv4 vs IPv6, loopback vs network).").format(
            endpoint=endpoint)
    return _tr("Cannot send to {endpoint}: {reason}").format(
        endpoint=endpoint, reason=exc.strerror or str(exc))


def describe_recv_error(exc: OSError) -> str:
    """A receive error that is not an ICMP report about a known destination."""
    if isinstance(exc, (ConnectionRefusedError, ConnectionResetError)):
        return _tr("A datagram sent earlier was refused: nothing listens on that port. "
                   "The session goes on receiving.")
    return _tr("Receive error: {reason}").format(reason=exc.strerror or str(exc))


def _is_multicast(host: str) -> bool:
    try:
        return ipaddress.ip_address(clean_host(host).split("%", 1)[0]).is_multicast
    except ValueError:
        return False  # a name
