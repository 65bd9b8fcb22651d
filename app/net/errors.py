"""Socket failures explained in words a user can act on, never a traceback."""

from __future__ import annotations

import errno
import ipaddress
import socket

from PySide6.QtCore import QCoreApplication

from app.net import error_codes as codes
from app.net.endpoints import EndpointError, parse_endpoint
from app.net.error_codes import error_code

# Windows reports Winsock codes; Python maps only some of them to errno values, so both
# spellings are checked.
_ADDR_IN_USE = {errno.EADDRINUSE, codes.WSAEADDRINUSE}
_ADDR_NOT_AVAIL = {errno.EADDRNOTAVAIL, codes.WSAEADDRNOTAVAIL}
_ACCESS = {errno.EACCES, errno.EPERM, codes.WSAEACCES}
_REFUSED = {errno.ECONNREFUSED, codes.WSAECONNREFUSED}
_RESET = {errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED, codes.WSAECONNABORTED,
          codes.WSAECONNRESET}
_TIMED_OUT = {errno.ETIMEDOUT, codes.WSAETIMEDOUT}
_NET_UNREACH = {errno.ENETUNREACH, errno.ENETDOWN, codes.WSAENETDOWN, codes.WSAENETUNREACH}
_HOST_UNREACH = {errno.EHOSTUNREACH, errno.EHOSTDOWN, codes.WSAEHOSTUNREACH, codes.WSAEHOSTDOWN}
_AF_UNSUPPORTED = {errno.EAFNOSUPPORT, codes.WSAEAFNOSUPPORT}


def _tr(text: str) -> str:
    return QCoreApplication.translate("NetErrors", text)


def describe_bind_error(exc: OSError, endpoint: str, port: int, host: str = "") -> str:
    """Why listening on ``endpoint`` failed, and what to do about it; ``host`` is the
    address as typed (without brackets), when the caller has it."""
    code = error_code(exc)
    if code in _ADDR_IN_USE or exc.errno in _ADDR_IN_USE:
        return _tr(
            "Port {port} is already in use by another program (or another session). "
            "Choose another port, or stop the program that uses it."
        ).format(port=port)
    if isinstance(exc, PermissionError) or code in _ACCESS:
        if 0 < port < 1024:
            return _tr(
                "Permission denied for port {port}: ports below 1024 need administrator "
                "rights. Use a port from 1024 to 65535."
            ).format(port=port)
        return _tr("Permission denied when listening on {endpoint}.").format(endpoint=endpoint)
    if code in _ADDR_NOT_AVAIL or exc.errno in _ADDR_NOT_AVAIL:
        return _tr(
            "The address of {endpoint} does not belong to this machine. Use one of its "
            "addresses, or 0.0.0.0 (IPv4) or :: (IPv6 and IPv4) for all of them."
        ).format(endpoint=endpoint)
    if isinstance(exc, socket.gaierror):
        # The host alone: "[127.0.0.1:99]:0" would put IPv4 text in IPv6 brackets.
        return _tr("“{host}” is not a valid local address.").format(host=host or endpoint)
    if exc.errno == errno.EINVAL and _unscoped_link_local(host):
        return _tr(
            "Cannot bind {host}: a link-local address (fe80::…) needs the interface it "
            "belongs to after a “%”, e.g. {host}%eth0; or it is not an address of this "
            "machine."
        ).format(host=host)
    if code in _AF_UNSUPPORTED:
        return _tr("This machine does not support that address family (IPv6?).")
    return _tr("Cannot listen on {endpoint}: {reason}").format(
        endpoint=endpoint, reason=exc.strerror or str(exc)
    )


def _unscoped_link_local(host: str) -> bool:
    """True for an IPv6 link-local address without a ``%interface`` scope."""
    if "%" in host:
        return False
    try:
        return ipaddress.IPv6Address(host).is_link_local
    except ValueError:
        return False


def describe_connect_error(exc: OSError, endpoint: str, timeout: float) -> str:
    """Why connecting to ``endpoint`` failed, and what to do about it."""
    code = error_code(exc)
    if isinstance(exc, socket.gaierror):
        return _tr(
            "Host not found: “{host}”. Check the spelling, or use an IP address."
        ).format(host=_host_of(endpoint))
    if isinstance(exc, ConnectionRefusedError) or code in _REFUSED:
        return _tr(
            "Connection refused by {endpoint}: nothing is listening on that port. "
            "Is the server running, and is the port right?"
        ).format(endpoint=endpoint)
    if isinstance(exc, TimeoutError) or code in _TIMED_OUT:
        return _tr(
            "No answer from {endpoint} within {timeout:g} s. The host may be off, "
            "or a firewall drops the connection."
        ).format(endpoint=endpoint, timeout=timeout)
    if code in _NET_UNREACH:
        return _tr("Network unreachable: this machine has no route to {endpoint}.").format(
            endpoint=endpoint
        )
    if code in _HOST_UNREACH:
        return _tr("Host unreachable: {endpoint} cannot be reached.").format(endpoint=endpoint)
    if isinstance(exc, PermissionError) or code in _ACCESS:
        return _tr("Permission denied when connecting to {endpoint} (firewall?).").format(
            endpoint=endpoint
        )
    if code in _ADDR_IN_USE:
        return _tr("The local port chosen for connecting to {endpoint} is in use.").format(
            endpoint=endpoint
        )
    return _tr("Cannot connect to {endpoint}: {reason}").format(
        endpoint=endpoint, reason=exc.strerror or str(exc)
    )


def describe_io_error(exc: OSError, peer: str = "") -> str:
    """Why an open connection ended while sending or receiving; ``peer`` (``host:port``)
    names the other end where the words need it."""
    code = error_code(exc)
    if isinstance(exc, BrokenPipeError) or code == errno.EPIPE:
        return _tr("The peer closed the connection while data was being sent.")
    if isinstance(exc, ConnectionResetError) or code in _RESET:
        return _tr("The peer reset the connection.")
    if isinstance(exc, TimeoutError) or code in _TIMED_OUT:
        # On an open connection the kernel says ETIMEDOUT when keep-alive probes (or
        # retransmissions) went unanswered: the peer lost power or coverage.
        if peer:
            return _tr("{peer} timed out: no answer to keep-alive probes").format(peer=peer)
        return _tr("The connection timed out.")
    return _tr("Connection error: {reason}").format(reason=exc.strerror or str(exc))


def _host_of(endpoint: str) -> str:
    """The host part of an endpoint the app wrote (``[::1]:80`` → ``::1``)."""
    try:
        return parse_endpoint(endpoint).host
    except EndpointError:
        return endpoint


#: The longest label (part between dots) and the longest name DNS allows, in bytes.
_MAX_LABEL = 63
_MAX_NAME = 253


def describe_bad_host(host: str, exc: Exception) -> str:
    """Why ``host`` cannot even be looked up (``exc`` is what the lookup raised: the IDNA
    codec's ``UnicodeError`` for ``a..b`` or a label over 63 characters)."""
    return _tr("Host name “{host}” is not valid: {reason}").format(
        host=host, reason=_host_name_problem(host) or str(exc))


def _host_name_problem(host: str) -> str:
    """What is wrong with ``host`` as a DNS name, in words ("" when nothing is found)."""
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()  # a trailing dot names the root: "example.com." is fine
    if any(not label for label in labels):
        return _tr("it has an empty part between dots.")
    if any(_label_length(label) > _MAX_LABEL for label in labels):
        return _tr("a part between dots is longer than 63 characters.")
    if sum(_label_length(label) + 1 for label in labels) - 1 > _MAX_NAME:
        return _tr("it is longer than 253 characters.")
    return ""


def _label_length(label: str) -> int:
    """The length of ``label`` as DNS carries it (ASCII, or ``xn--`` and Punycode)."""
    if label.isascii():
        return len(label)
    try:
        return len(b"xn--" + label.encode("punycode"))
    except UnicodeError:
        return len(label.encode("utf-8", "replace"))
