"""A private network namespace with one multicast-capable link, for IPv6 multicast tests.

Linux's loopback carries no IPv6 multicast: ``lo`` has no MULTICAST flag and no route for
``ff00::/8``, so a send to a group through it fails with "network unreachable"; a route added
by hand through ``lo`` is turned into a reject route by the kernel (the datagram vanishes,
counted as ``Ip6OutNoRoutes``). IPv4 multicast does go through ``lo``.

So the test thread moves into a fresh network namespace (``unshare(CLONE_NEWNET)``; needs root,
or ``CAP_SYS_ADMIN`` and ``CAP_NET_ADMIN``) holding a veth pair with an address on one end: a
datagram sent to a group through that end is looped back to this machine's members of the
group, as on a real network card, and nothing leaves the machine. Threads started after the
move (the session's workers) and programs it runs (``ip``) inherit the namespace; the thread
moves back at the end and the namespace, with its links, is gone once its last socket closes.
Nothing is changed in the machine's own network, so tests running beside it see no new link.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

CLONE_NEWNET = 0x40000000
LINK = "ssmc0"
PEER = "ssmc1"
ADDRESS = "fd00:5353::1"


class Unavailable(Exception):
    """No private network here; ``str(exc)`` says why (the test is skipped with it)."""


@dataclass(frozen=True)
class Link:
    """The multicast link of the private network: its name, index and IPv6 address."""

    name: str
    index: int
    address: str


def _ip(*args: str) -> None:
    done = subprocess.run(["ip", *args], capture_output=True, text=True, timeout=10)
    if done.returncode:
        raise Unavailable(f"ip {' '.join(args)}: {done.stderr.strip()}")


@contextlib.contextmanager
def private_ipv6_link(default_route: bool = False) -> Iterator[Link]:
    """Run the body in a fresh network namespace with :data:`LINK` up and :data:`ADDRESS` on
    it (and, with ``default_route``, the namespace's only IPv6 multicast route and default
    route through it). Raises :class:`Unavailable` before the body when it cannot be made;
    the calling thread is back in its own namespace afterwards in every case."""
    if not sys.platform.startswith("linux"):
        raise Unavailable("network namespaces are Linux only")
    if os.geteuid() != 0:
        raise Unavailable("making a network namespace needs root")
    if shutil.which("ip") is None:
        raise Unavailable("the ip command (iproute2) is not installed")
    libc = ctypes.CDLL(None, use_errno=True)
    original = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    try:
        if libc.unshare(CLONE_NEWNET) != 0:
            raise Unavailable("unshare(CLONE_NEWNET): " + os.strerror(ctypes.get_errno()))
        try:
            _ip("link", "set", "lo", "up")
            _ip("link", "add", LINK, "type", "veth", "peer", "name", PEER)
            # nodad: usable at once, no duplicate address detection to wait for.
            _ip("-6", "addr", "add", f"{ADDRESS}/64", "dev", LINK, "nodad")
            _ip("link", "set", PEER, "up")
            _ip("link", "set", LINK, "up")
            if default_route:
                # Group routes exist for both ends; keep LINK's alone, so "any interface"
                # has one answer.
                _ip("-6", "route", "del", "multicast", "ff00::/8", "dev", PEER, "table",
                    "local")
                _ip("-6", "route", "add", "default", "dev", LINK)
            yield Link(LINK, socket.if_nametoindex(LINK), ADDRESS)
        finally:
            if libc.setns(original, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns back to the original network")
    finally:
        os.close(original)


def memberships(interface: str) -> set[str]:
    """The IPv6 groups the calling thread's network has joined on ``interface`` (Linux), as
    32 hex digits each (``/proc/net/igmp6``)."""
    groups: set[str] = set()
    with open("/proc/thread-self/net/igmp6") as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 3 and fields[1] == interface:
                groups.add(fields[2])
    return groups


def hex_group(group: str) -> str:
    """``ff15::1234`` as ``/proc/net/igmp6`` writes it."""
    return socket.inet_pton(socket.AF_INET6, group).hex()
