"""Socket error numbers by name, the same on every platform.

POSIX ``errno`` values differ between systems (``ECONNABORTED`` is 103 on Linux, 53 on
macOS), so code compares against ``errno.*`` names, never numbers. Windows reports Winsock
codes (100xx) that Python maps to ``errno`` values only in part; they are named here once,
as Winsock names them, so that they can be checked on any platform.
"""

from __future__ import annotations

import errno

WSAEMFILE = 10024
WSAEWOULDBLOCK = 10035
WSAEINPROGRESS = 10036
WSAEALREADY = 10037
WSAEAFNOSUPPORT = 10047
WSAEADDRINUSE = 10048
WSAEADDRNOTAVAIL = 10049
WSAENETDOWN = 10050
WSAENETUNREACH = 10051
WSAECONNABORTED = 10053
WSAECONNRESET = 10054
WSAENOBUFS = 10055
WSAETIMEDOUT = 10060
WSAECONNREFUSED = 10061
WSAEHOSTDOWN = 10064
WSAEHOSTUNREACH = 10065
WSAEACCES = 10013


def _named(*names: str) -> frozenset[int]:
    """The values of the ``errno`` names this platform has (some are Linux-only)."""
    return frozenset(getattr(errno, name) for name in names if hasattr(errno, name))


#: ``accept()`` failed for one pending client that went away (reset or aborted before it was
#: taken, or a network error Linux passes on from it): the server goes on.
ACCEPT_CLIENT_GONE = _named(
    "ECONNABORTED", "ECONNRESET", "EPROTO", "EPERM", "ENETDOWN", "ENOPROTOOPT", "EHOSTDOWN",
    "ENONET", "EHOSTUNREACH", "EOPNOTSUPP", "ENETUNREACH",
) | {WSAECONNABORTED, WSAECONNRESET}

#: The process or the system ran out of descriptors or socket buffers.
OUT_OF_DESCRIPTORS = _named("EMFILE", "ENFILE", "ENOBUFS", "ENOMEM") | {WSAEMFILE, WSAENOBUFS}

#: A non-blocking ``connect()`` has started and is not finished yet.
CONNECT_IN_PROGRESS = _named("EINPROGRESS", "EWOULDBLOCK", "EALREADY") | {
    WSAEWOULDBLOCK, WSAEINPROGRESS, WSAEALREADY}


def error_code(exc: OSError) -> int | None:
    """The code to classify ``exc`` by: the Winsock code where Windows gives one, else
    ``errno`` (``None`` when the error carries neither)."""
    winerror = getattr(exc, "winerror", None)
    return winerror if winerror is not None else exc.errno
