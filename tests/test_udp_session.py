"""The UDP session on real loopback sockets: datagrams in and out, peers, counters, errors in
words with the session kept open, broadcast and multicast."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from app.send.targets import ALL
from app.sessions.config import UdpConfig
from app.sessions.udp import UdpSession
from app.traffic.chunk import Direction
from app.traffic.framing import FramingConfig

WAIT = 5000


@pytest.fixture
def open_udp(qtbot) -> Iterator:
    """``open_udp(host)``: a UDP session bound to ``host`` port 0, open; closed after."""
    sessions: list[UdpSession] = []

    def make(host: str = "127.0.0.1", **options) -> UdpSession:
        session = UdpSession()
        sessions.append(session)
        with qtbot.waitSignal(session.stateChanged, timeout=WAIT,
                              check_params_cb=lambda s: s == "open"):
            session.open(UdpConfig(host=host, port=0, **options))
        assert session.port > 0
        return session

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def plain_udp() -> Iterator:
    """``plain_udp(host)``: a plain UDP socket bound to ``host`` port 0 (2 s timeout)."""
    socks: list[socket.socket] = []

    def make(host: str = "127.0.0.1") -> socket.socket:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET,
                             socket.SOCK_DGRAM)
        sock.bind((host, 0))
        sock.settimeout(2)
        socks.append(sock)
        return sock

    yield make
    for sock in socks:
        sock.close()


def rx_entries(session: UdpSession) -> list[tuple[str, bytes]]:
    return [(session.peer_label(e.conn_id), e.data) for e in session.log
            if e.direction == Direction.RX]


def wait_problem(qtbot, session: UdpSession, words: str) -> str:
    with qtbot.waitSignal(session.problem, timeout=WAIT,
                          check_params_cb=lambda text: words in text) as blocker:
        pass
    return blocker.args[0]


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_each_datagram_is_an_entry_naming_its_sender_and_a_reply_comes_from_the_bound_port(
        qtbot, open_udp, plain_udp, host):
    session = open_udp(host)
    peer = plain_udp(host)
    me = peer.getsockname()
    label = f"[{me[0]}]:{me[1]}" if ":" in host else f"{me[0]}:{me[1]}"
    peer.sendto(b"hello\n", (host, session.port))
    peer.sendto(b"world", (host, session.port))
    qtbot.waitUntil(lambda: len(rx_entries(session)) == 2, timeout=WAIT)
    assert rx_entries(session) == [(label, b"hello\n"), (label, b"world")]
    [known] = session.peer_list()
    assert (known.peer, known.rx_datagrams, known.rx_bytes) == (label, 2, 11)
    assert known.last_seen > 0

    session.set_destination(known.host, known.port)
    assert session.send(b"pong", ALL) == 1
    data, sender = peer.recvfrom(100)
    assert (data, sender[1]) == (b"pong", session.port)
    session.reply_to_last = True
    session.set_destination("127.0.0.1", 9)  # ignored: the reply goes to the last sender
    assert session.send(b"again", ALL) == 1
    assert peer.recvfrom(100)[0] == b"again"
    assert session.send(b"by id", [known.conn_id]) == 1
    assert peer.recvfrom(100)[0] == b"by id"
    qtbot.waitUntil(lambda: session.tx_messages() == 3, timeout=WAIT)
    assert (session.rx_total(), session.rx_messages()) == (11, 2)
    assert session.tx_total() == len(b"pong") + len(b"again") + len(b"by id")
    assert (known.tx_datagrams, known.tx_bytes) == (3, 14)
    def tx() -> list[tuple[str, bytes]]:
        return [(session.peer_label(e.conn_id), e.data) for e in session.log
                if e.direction == Direction.TX]
    qtbot.waitUntil(lambda: len(tx()) == 3, timeout=WAIT)
    assert tx() == [(label, b"pong"), (label, b"again"), (label, b"by id")]


def test_counters_are_exact_per_peer_and_in_total(qtbot, open_udp, plain_udp):
    session = open_udp()
    a, b = plain_udp(), plain_udp()
    for i in range(200):
        a.sendto(bytes(i % 50 + 1), ("127.0.0.1", session.port))
    for _ in range(30):
        b.sendto(b"x" * 1000, ("127.0.0.1", session.port))
    want_a = sum(i % 50 + 1 for i in range(200))
    qtbot.waitUntil(lambda: session.rx_messages() == 230, timeout=WAIT)
    assert session.rx_total() == want_a + 30_000
    counts = {p.port: (p.rx_datagrams, p.rx_bytes) for p in session.peer_list()}
    assert counts == {a.getsockname()[1]: (200, want_a), b.getsockname()[1]: (30, 30_000)}
    session.reset_counters()
    assert (session.rx_total(), session.rx_messages()) == (0, 0)


def test_framing_applies_on_top_of_datagrams(qtbot, open_udp, plain_udp):
    session = open_udp()
    session.set_framing(FramingConfig(mode="delimiter", delimiter=b"\n"))
    peer = plain_udp()
    peer.sendto(b"one\ntwo\nthr", ("127.0.0.1", session.port))
    peer.sendto(b"ee\n", ("127.0.0.1", session.port))
    qtbot.waitUntil(lambda: len(rx_entries(session)) == 3, timeout=WAIT)
    assert [data for _, data in rx_entries(session)] == [b"one\n", b"two\n", b"three\n"]


def test_nothing_listening_is_reported_and_the_session_goes_on(qtbot, open_udp, plain_udp):
    session = open_udp()
    gone = plain_udp()
    dead_port = gone.getsockname()[1]
    gone.close()
    session.set_destination("127.0.0.1", dead_port)
    assert session.send(b"anyone?", ALL) == 1
    text = wait_problem(qtbot, session, "Nothing listens on")
    assert f"127.0.0.1:{dead_port}" in text
    assert session.state == "open"
    assert f"127.0.0.1:{dead_port}" in session.status
    peer = plain_udp()
    peer.sendto(b"still here", ("127.0.0.1", session.port))
    qtbot.waitUntil(lambda: rx_entries(session) != [], timeout=WAIT)
    assert rx_entries(session)[0][1] == b"still here"


def test_host_not_found_is_reported(qtbot, open_udp):
    session = open_udp()
    session.set_destination("no-such-host.invalid", 9000)
    assert session.send(b"x", ALL) == 1  # queued: the name is resolved in the worker
    text = wait_problem(qtbot, session, "Host not found")
    assert "no-such-host.invalid" in text
    assert session.state == "open"
    assert session.tx_total() == 0


@pytest.mark.parametrize(("host", "limit"), [("127.0.0.1", 65507), ("::1", 65527)])
def test_a_datagram_over_the_limit_is_refused_before_sending(qtbot, open_udp, plain_udp,
                                                            host, limit):
    session = open_udp(host)
    peer = plain_udp(host)
    session.set_destination(host, peer.getsockname()[1])
    assert session.send(b"z" * (limit + 1), ALL) == 0
    assert f"{limit + 1:,} bytes" in session.refusal and f"{limit:,}" in session.refusal
    assert session.send(b"z" * limit, ALL) == 1
    data, _ = peer.recvfrom(70000)
    assert len(data) == limit
    assert session.state == "open"
    qtbot.waitUntil(lambda: session.tx_total() == limit, timeout=WAIT)


def test_broadcast_needs_the_option(qtbot, open_udp):
    session = open_udp("0.0.0.0")
    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind(("0.0.0.0", 0))
    listener.settimeout(2)
    try:
        session.set_destination("127.255.255.255", listener.getsockname()[1])
        assert session.send(b"all of you", ALL) == 1
        text = wait_problem(qtbot, session, "Permission denied")
        assert "Allow broadcast" in text
        assert session.state == "open"
        session.set_broadcast(True)
        assert session.send(b"all of you", ALL) == 1
        assert listener.recvfrom(100)[0] == b"all of you"
    finally:
        listener.close()


def test_file_send_is_one_datagram_per_chunk(qtbot, open_udp, plain_udp, tmp_path):
    session = open_udp()
    peer = plain_udp()
    path = tmp_path / "data.bin"
    path.write_bytes(bytes(range(256)) * 4)  # 1,024 bytes
    session.set_datagram_size(100)
    session.set_destination("127.0.0.1", peer.getsockname()[1])
    with qtbot.waitSignal(session.fileDone, timeout=WAIT) as done:
        assert session.start_file_send(path, ALL)
    assert done.args == [1024, ""]
    sizes = [len(peer.recvfrom(200)[0]) for _ in range(11)]
    assert sizes == [100] * 10 + [24]
    qtbot.waitUntil(lambda: session.tx_messages() == 11, timeout=WAIT)


def _ipv4_multicast_on_loopback() -> bool:
    """True when a group joined on 127.0.0.1 gets a datagram sent through loopback."""
    r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    t = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        r.bind(("0.0.0.0", 0))
        r.settimeout(0.5)
        r.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                     socket.inet_aton("239.255.77.1") + socket.inet_aton("127.0.0.1"))
        t.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
        t.sendto(b"?", ("239.255.77.1", r.getsockname()[1]))
        return r.recvfrom(10)[0] == b"?"
    except OSError:
        return False
    finally:
        r.close()
        t.close()


@pytest.mark.skipif(not _ipv4_multicast_on_loopback(),
                    reason="no IPv4 multicast route through loopback in this sandbox")
def test_two_sessions_exchange_through_a_multicast_group(qtbot, open_udp, plain_udp):
    group = "239.255.77.2"
    member = open_udp("0.0.0.0")
    assert member.join_group(group, "127.0.0.1") == ""
    assert member.joined == [(group, "127.0.0.1")]
    # A page bound to the loopback sends through it (its multicast interface follows).
    sender = open_udp("127.0.0.1")
    sender.set_destination(group, member.port)
    assert sender.send(b"to the group", ALL) == 1
    qtbot.waitUntil(lambda: rx_entries(member) != [], timeout=WAIT)
    assert rx_entries(member) == [(f"127.0.0.1:{sender.port}", b"to the group")]
    # A plain socket too.
    plain = plain_udp()
    plain.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
    plain.sendto(b"plain", (group, member.port))
    qtbot.waitUntil(lambda: len(rx_entries(member)) == 2, timeout=WAIT)
    assert member.leave_group(group) == ""
    assert member.joined == []
    assert "not joined" in member.leave_group(group)


def test_multicast_errors_in_words(qtbot, open_udp):
    session = open_udp("0.0.0.0")
    assert "not a multicast address" in session.join_group("10.1.2.3")
    assert "not an IP address" in session.join_group("some-group")
    assert "IPv6 socket" in session.join_group("ff12::1234")
    assert session.state == "open"
    closed = UdpSession()
    assert "Open the session first" in closed.join_group("239.1.2.3")


def test_ipv6_multicast_join_and_leave(qtbot, open_udp, plain_udp):
    session = open_udp("::")
    problem = session.join_group("ff12::7777", "::1")
    if problem:
        pytest.skip(f"no IPv6 multicast on loopback here: {problem}")
    assert session.joined == [("ff12::7777", "::1")]
    sender = plain_udp("::1")
    sender.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, socket.if_nametoindex("lo"))
    try:
        sender.sendto(b"v6 group", ("ff12::7777", session.port))
        reached = True
    except OSError:
        reached = False  # Linux's lo has no MULTICAST flag: no route for IPv6 groups
    if reached:
        qtbot.waitUntil(lambda: rx_entries(session) != [], timeout=WAIT)
        assert rx_entries(session)[0][1] == b"v6 group"
    assert session.leave_group("ff12::7777") == ""
    assert session.joined == []
    if not reached:
        pytest.skip("joined and left; loopback has no IPv6 multicast route to send through")


def test_bind_error_in_words(qtbot, plain_udp):
    taken = plain_udp()
    session = UdpSession()
    with qtbot.waitSignal(session.statusChanged, timeout=WAIT,
                          check_params_cb=lambda text: "already in use" in text):
        session.open(UdpConfig(host="127.0.0.1", port=taken.getsockname()[1]))
    qtbot.waitUntil(lambda: session.state == "closed", timeout=WAIT)
    session.close()


def test_an_empty_datagram_is_an_entry_too(qtbot, open_udp, plain_udp):
    session = open_udp()
    peer = plain_udp()
    peer.sendto(b"", ("127.0.0.1", session.port))
    peer.sendto(b"after", ("127.0.0.1", session.port))
    qtbot.waitUntil(lambda: session.rx_messages() == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: len(rx_entries(session)) == 2, timeout=WAIT)
    assert [data for _, data in rx_entries(session)] == [b"", b"after"]
    assert session.rx_total() == 5


def test_a_flood_is_counted_exactly(qtbot, open_udp, plain_udp):
    session = open_udp()
    peer = plain_udp()
    sent = 0
    for i in range(3000):
        peer.sendto(b"%064d" % i, ("127.0.0.1", session.port))
        sent += 1
        if i % 500 == 499:  # let the loop keep up: loopback never loses, a full buffer does
            qtbot.waitUntil(lambda n=i: session.rx_messages() >= n - 100, timeout=WAIT)
    qtbot.waitUntil(lambda: session.rx_messages() == sent, timeout=WAIT)
    assert session.rx_total() == 64 * sent
    qtbot.waitUntil(lambda: len(session.log) + session.log.trimmed_entries == sent,
                    timeout=WAIT)


def _refused_broadcast(qtbot, session: UdpSession) -> None:
    session.set_destination("255.255.255.255", 9)
    assert session.send(b"B1", ALL) == 1
    wait_problem(qtbot, session, "Permission denied")
    assert "Permission denied" in session.status


def test_allowing_broadcast_replaces_the_problem_in_the_status(qtbot, open_udp):
    session = open_udp("0.0.0.0")
    _refused_broadcast(qtbot, session)
    session.set_broadcast(True)
    assert session.status == f"Bound to 0.0.0.0:{session.port}"


def test_a_send_that_works_replaces_the_problem_in_the_status(qtbot, open_udp, plain_udp):
    session = open_udp("0.0.0.0")
    peer = plain_udp()
    _refused_broadcast(qtbot, session)
    session.set_destination("127.0.0.1", peer.getsockname()[1])
    with qtbot.waitSignal(session.statusChanged, timeout=WAIT) as changed:
        assert session.send(b"B2 check", ALL) == 1
    assert peer.recvfrom(100)[0] == b"B2 check"
    assert changed.args == [f"Bound to 0.0.0.0:{session.port}"]
    # A later failure is shown again.
    session.set_destination("255.255.255.255", 9)
    assert session.send(b"B3", ALL) == 1
    wait_problem(qtbot, session, "Permission denied")
    assert "Permission denied" in session.status


class _ReportingDuringSend:
    """A socket whose sendto reports a problem while the datagram goes, as the receive loop
    does on loopback when the ICMP report about that very datagram arrives at once."""

    def __init__(self, sock: socket.socket, owner) -> None:
        self._sock = sock
        self._owner = owner

    def __getattr__(self, name: str):
        return getattr(self._sock, name)

    def sendto(self, data, addr):
        self._owner.report_problem(f"Nothing listens on {addr}")
        return self._sock.sendto(data, addr)


def test_a_problem_about_the_datagram_being_sent_is_not_cleared_by_it(
        qtbot, open_udp, plain_udp):
    session = open_udp("127.0.0.1")
    peer = plain_udp()
    owner = session._socket
    real = owner.sock
    owner.sock = _ReportingDuringSend(real, owner)
    session.set_destination("127.0.0.1", peer.getsockname()[1])
    with qtbot.assertNotEmitted(owner.recovered, wait=300), \
            qtbot.waitSignal(session.problem, timeout=WAIT):
        assert session.send(b"first", ALL) == 1
        assert peer.recvfrom(100)[0] == b"first"
    owner.sock = real
    assert "Nothing listens on" in session.status
    # The datagram the problem is about did not clear it; the next one does.
    with qtbot.waitSignal(session.statusChanged, timeout=WAIT) as changed:
        assert session.send(b"second", ALL) == 1
    assert peer.recvfrom(100)[0] == b"second"
    assert changed.args == [f"Bound to 127.0.0.1:{session.port}"]
