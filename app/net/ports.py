"""Which local ports are free to listen on, so a new server page does not offer one in use."""

from __future__ import annotations

import errno
from collections.abc import Collection

from app.net.error_codes import WSAEACCES, WSAEADDRINUSE
from app.net.listener import bind_socket

#: How many ports :func:`first_free_port` tries before it gives up (each try is one bind).
PORT_TRIES = 100


def port_is_free(host: str, port: int) -> bool:
    """True when a listener could bind ``host:port`` now (``port`` 1..65535).

    It binds the way the server does (same options) and closes at once, without listening,
    so no client can connect meanwhile. A host that cannot be bound at all (not an address
    of this machine, not resolvable) also gives False. The answer may be stale a moment
    later: another program can take the port in between.
    """
    return _bind_problem(host, port) is None


def first_free_port(host: str, start: int, avoid: Collection[int] = (),
                    tries: int = PORT_TRIES) -> int:
    """The first port from ``start`` upward that is not in ``avoid`` and is free on ``host``.

    Returns 0 (any free port, the OS chooses) when none of the next ``tries`` ports is, when
    ``host`` cannot be bound at all (then no port would do, and each try could be a slow
    name lookup), or when ``start`` is 0.
    """
    if start <= 0:
        return 0
    port = start
    for _ in range(tries):
        if port > 65535:
            port = 1024  # wrap round to the unprivileged ports
        if port not in avoid:
            problem = _bind_problem(host, port)
            if problem is None:
                return port
            if not (isinstance(problem, OSError) and problem.errno in _PORT_TAKEN):
                return 0
        port += 1
    return 0


#: Errors that are about the port, not the host: in use (Linux, macOS, Windows), or
#: reserved / exclusively held (Windows says "access denied" for those).
_PORT_TAKEN = {errno.EADDRINUSE, errno.EACCES, WSAEADDRINUSE, WSAEACCES}


def _bind_problem(host: str, port: int) -> Exception | None:
    """None when ``host:port`` can be bound now, else what went wrong."""
    try:
        sock = bind_socket(host, port)
    except (OSError, UnicodeError, ValueError, OverflowError) as exc:
        return exc
    sock.close()
    return None
