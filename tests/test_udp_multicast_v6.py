"""IPv6 multicast delivered for real: UDP sessions and plain sockets exchange datagrams through
ff15::1234 and ff02::1:3.

Linux's loopback carries no IPv6 multicast (see ``tests/private_network.py``), so these run in
a private network namespace with a veth link, as root; elsewhere they are skipped, saying why.
What a page bound to ``::1`` does with a join on "any" is checked on the machine's own loopback.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import sys
from collections.abc import Iterator

import pytest

from app.send.targets import ALL
from app.sessions.config import UdpConfig
from app.sessions.udp import UdpSession
from app.traffic.chunk import Direction
from tests.private_network import Link, Unavailable, hex_group, memberships, private_ipv6_link

WAIT = 5000


def _link(default_route: bool) -> Iterator[Link]:
    with contextlib.ExitStack() as stack:
        try:
            link = stack.enter_context(private_ipv6_link(default_route))
        except Unavailable as exc:
            pytest.skip(f"no private network for IPv6 multicast here: {exc}")
        yield link


@pytest.fixture
def v6_link() -> Iterator[Link]:
    """The test runs in a private network with a multicast link (see the module docstring)."""
    yield from _link(default_route=False)


@pytest.fixture
def v6_routed_link() -> Iterator[Link]:
    """As :func:`v6_link`, the link also being where the routes go (a machine with one NIC)."""
    yield from _link(default_route=True)


@pytest.fixture
def open_udp(qtbot) -> Iterator:
    """``open_udp(host, **options)``: an open UDP session on port 0; closed after (before the
    network fixtures end: request them first)."""
    sessions: list[UdpSession] = []

    def make(host: str, **options) -> UdpSession:
        session = UdpSession()
        sessions.append(session)
        with qtbot.waitSignal(session.stateChanged, timeout=WAIT,
                              check_params_cb=lambda s: s == "open"):
            session.open(UdpConfig(host=host, port=0, **options))
        return session

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def plain6() -> Iterator:
    """``plain6()``: a plain IPv6 UDP socket on ``[::]:0`` (2 s timeout); closed after."""
    socks: list[socket.socket] = []

    def make() -> socket.socket:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        sock.bind(("::", 0))
        sock.settimeout(2)
        socks.append(sock)
        return sock

    yield make
    for sock in socks:
        sock.close()


def rx(session: UdpSession) -> list[tuple[str, bytes]]:
    return [(session.peer_label(e.conn_id), e.data) for e in session.log
            if e.direction == Direction.RX]


def join(sock: socket.socket, group: str, index: int) -> None:
    mreq = socket.inet_pton(socket.AF_INET6, group) + struct.pack("@I", index)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, mreq)


@pytest.mark.parametrize("group", ["ff15::1234", "ff02::1:3"])
def test_two_sessions_and_a_script_exchange_through_an_ipv6_group(
        qtbot, v6_link, open_udp, plain6, group):
    member = open_udp("::")
    assert member.join_group(group, v6_link.address) == ""
    assert member.joined == [(group, v6_link.address)]
    assert hex_group(group) in memberships(v6_link.name)
    sender = open_udp("::", multicast_interface=v6_link.address)
    sender.set_destination(group, member.port)
    assert sender.send(b"to the v6 group", ALL) == 1
    qtbot.waitUntil(lambda: rx(member) != [], timeout=WAIT)
    assert rx(member) == [(f"[{v6_link.address}]:{sender.port}", b"to the v6 group")]
    # The member answers the sender (unicast, to the last sender).
    member.reply_to_last = True
    assert member.send(b"heard you", ALL) == 1
    qtbot.waitUntil(lambda: rx(sender) != [], timeout=WAIT)
    assert rx(sender) == [(f"[{v6_link.address}]:{member.port}", b"heard you")]

    # A plain socket sends to the group; the member gets it.
    script = plain6()
    script.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, v6_link.index)
    script.sendto(b"from a script", (group, member.port))
    qtbot.waitUntil(lambda: len(rx(member)) == 2, timeout=WAIT)
    assert rx(member)[1] == (f"[{v6_link.address}]:{script.getsockname()[1]}",
                             b"from a script")
    # And the session sends to a group a plain socket joined.
    listener = plain6()
    join(listener, group, v6_link.index)
    sender.set_destination(group, listener.getsockname()[1])
    assert sender.send(b"to the script", ALL) == 1
    data, source = listener.recvfrom(100)
    assert (data, source[1]) == (b"to the script", sender.port)
    qtbot.waitUntil(lambda: sender.tx_messages() == 2, timeout=WAIT)
    assert (sender.tx_total(), member.rx_total()) == (15 + 13, 15 + 13)

    listener.close()  # its membership goes with it; the member's is left below
    assert member.leave_group(group) == ""
    assert member.joined == []
    assert hex_group(group) not in memberships(v6_link.name)


def test_a_join_on_any_follows_the_route(qtbot, v6_routed_link, open_udp, plain6):
    group = "ff15::4321"
    member = open_udp("::")
    assert member.join_group(group) == ""  # interface "any"
    assert member.joined == [(group, "")]
    assert hex_group(group) in memberships(v6_routed_link.name)
    # A sender that names no interface follows the same route.
    sender = plain6()
    sender.sendto(b"routed", (group, member.port))
    qtbot.waitUntil(lambda: rx(member) != [], timeout=WAIT)
    assert rx(member)[0][1] == b"routed"
    assert member.leave_group(group) == ""


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6 here")
def test_a_page_bound_to_the_ipv6_loopback_joins_on_loopback(qtbot, open_udp):
    session = open_udp("::1")
    problem = session.join_group("ff15::1234")  # interface "any"
    if problem:
        pytest.skip(f"no IPv6 multicast join on loopback here: {problem}")
    assert session.joined == [("ff15::1234", "::1")]
    if sys.platform.startswith("linux"):
        assert hex_group("ff15::1234") in memberships("lo")
    assert session.leave_group("ff15::1234") == ""
    if sys.platform.startswith("linux"):
        assert hex_group("ff15::1234") not in memberships("lo")


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="Linux's IPv6 loopback has no multicast; others may have")
def test_a_group_send_through_the_ipv6_loopback_is_explained_and_the_page_goes_on(
        qtbot, open_udp):
    session = open_udp("::1")
    session.set_destination("ff15::1234", 5000)
    with qtbot.waitSignal(session.problem, timeout=WAIT) as problem:
        assert session.send(b"to nobody", ALL) == 1  # queued; the send loop finds no route
    assert problem.args[0].startswith("No route for multicast to [ff15::1234]:5000")
    assert "Bind to :: or 0.0.0.0" in problem.args[0]
    assert session.state == "open"
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as peer:
        peer.bind(("::1", 0))
        peer.settimeout(2)
        session.set_destination("::1", peer.getsockname()[1])
        assert session.send(b"still here", ALL) == 1
        assert peer.recvfrom(100)[0] == b"still here"
    qtbot.waitUntil(lambda: session.tx_messages() == 1, timeout=WAIT)
    assert session.tx_total() == len(b"still here")  # the datagram that found no route: not counted
