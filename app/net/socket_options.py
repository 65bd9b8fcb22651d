"""TCP keep-alive on a connected socket, in the spelling of each OS.

Without keep-alive a peer that loses power or coverage never sends a FIN or RST, and the
connection stays "connected" forever. With it the kernel probes an idle connection and
reports ``ETIMEDOUT`` on the next ``recv()`` when the probes go unanswered.
"""

from __future__ import annotations

import contextlib
import socket
import sys
from dataclasses import dataclass

#: Defaults: a dead peer is noticed after about idle + interval * count = 110 s. Shorter idle
#: times wake battery devices (phones, 4G modules) for nothing and some NAT boxes drop
#: connections after 2-5 min of silence, so a minute of silence before the first probe keeps
#: the mapping alive while costing one small packet a minute; 10 s between 5 probes rides
#: out a brief loss of coverage without calling a live device dead.
DEFAULT_IDLE = 60
DEFAULT_INTERVAL = 10
DEFAULT_COUNT = 5


@dataclass(frozen=True, slots=True)
class KeepAlive:
    """Keep-alive timings: ``idle`` s of silence before the first probe, ``interval`` s
    between probes, ``count`` unanswered probes before the connection is declared dead."""

    idle: int = DEFAULT_IDLE
    interval: int = DEFAULT_INTERVAL
    count: int = DEFAULT_COUNT


def apply_keep_alive(sock: socket.socket, keep_alive: KeepAlive | None) -> None:
    """Turn keep-alive on with ``keep_alive``'s timings, or off for None.

    Timings the OS does not offer are left at its defaults (Windows has no probe count: it
    uses 10 probes). Raises ``OSError`` only when keep-alive itself cannot be set.
    """
    if keep_alive is None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 0)
        return
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    if sys.platform == "win32" and hasattr(sock, "ioctl"):
        # SIO_KEEPALIVE_VALS takes milliseconds and has no probe count.
        sock.ioctl(socket.SIO_KEEPALIVE_VALS,  # type: ignore[attr-defined]
                   (1, keep_alive.idle * 1000, keep_alive.interval * 1000))
        return
    # Linux names the idle time TCP_KEEPIDLE, macOS TCP_KEEPALIVE (Python 3.10+ exposes it).
    idle_option = getattr(socket, "TCP_KEEPIDLE", None) or getattr(socket, "TCP_KEEPALIVE",
                                                                   None)
    for option, value in ((idle_option, keep_alive.idle),
                          (getattr(socket, "TCP_KEEPINTVL", None), keep_alive.interval),
                          (getattr(socket, "TCP_KEEPCNT", None), keep_alive.count)):
        if option is None:
            continue
        # An older kernel without that knob: its default applies.
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, option, value)
