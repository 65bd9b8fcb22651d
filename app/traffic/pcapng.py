"""Writing traffic as pcapng that Wireshark and ``tshark`` read (our own small writer).

The file is one section: a Section Header Block (naming SocketScope as the application), one
Interface Description Block (``if_name`` SocketScope, link type ``LINKTYPE_RAW`` = 101: each
packet is a bare IPv4 or IPv6 packet, so no Ethernet addresses are made up), then one
Enhanced Packet Block per packet with its capture time in microseconds (the default
resolution). All numbers are little-endian, as pcapng allows with its byte-order magic.

We never see packets, only the bytes a socket moved, so the packets are synthesized: real
addresses and ports; IPv4 (ID, DF, TTL 64, header checksum) or IPv6 (hop limit 64) with TCP
(or UDP) and correct checksums. For TCP each direction's sequence numbers count the bytes that
went that way, acknowledgements the bytes that came the other way, so Wireshark follows the
stream without "previous segment not captured": a SYN / SYN-ACK / ACK at the start (from the
side that opened the connection), PSH-ACK segments of at most :data:`MAX_SEGMENT` bytes each
(an IP packet cannot be larger than 64 KiB), and FIN-ACKs and a last ACK when the end is known.

:class:`PcapngWriter` is the format; :class:`PcapngTap` is the tap (:mod:`app.traffic.taps`) that
writes a session's traffic from the workers, thread-safe. :func:`convert_recording` turns a
both-directions recording (:mod:`app.traffic.recorder`) into pcapng.
"""

from __future__ import annotations

import ipaddress
import json
import pathlib
import struct
import threading
import zlib
from array import array
from dataclasses import dataclass
from typing import BinaryIO

from app.traffic.chunk import Chunk, Direction, wall_time
from app.traffic.recorder import ENDED, OPENED, read_all_records
from app.traffic.taps import Link

#: pcapng block types.
_SHB, _IDB, _EPB = 0x0A0D0D0A, 0x00000001, 0x00000006
_BYTE_ORDER_MAGIC = 0x1A2B3C4D
#: LINKTYPE_RAW: the packet begins with an IPv4 or IPv6 header.
LINKTYPE_RAW = 101
_OPT_END, _OPT_COMMENT, _SHB_USERAPPL, _IF_NAME, _IF_TSRESOL = 0, 1, 4, 2, 9
#: Largest TCP payload per synthesized packet: a whole packet stays within 65,535 bytes (an
#: IPv4 packet cannot be larger; readers such as scapy cut longer records), headers included
#: (40 IPv6 + 20 TCP).
MAX_SEGMENT = 65535 - 60
#: Largest UDP payload that fits one synthesized packet of 65,535 bytes (40 IPv6 + 8 UDP).
MAX_DATAGRAM = 65535 - 48
_TCP, _UDP = 6, 17
_FIN, _SYN, _PSH, _ACK = 0x01, 0x02, 0x08, 0x10
_WINDOW = 65535

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _pad4(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def _option(code: int, value: bytes) -> bytes:
    return struct.pack("<HH", code, len(value)) + _pad4(value)


def _block(block_type: int, body: bytes) -> bytes:
    length = 12 + len(body)
    return struct.pack("<II", block_type, length) + body + struct.pack("<I", length)


def _checksum(*parts: bytes) -> bytes:
    """The Internet checksum (RFC 1071) of the parts joined, as the two bytes to store.

    Summed as native 16-bit words (``array`` does it in C) and stored in the same byte order:
    the one's-complement sum is independent of byte order that way (RFC 1071, 2.(B)).
    """
    data = b"".join(parts)
    if len(data) % 2:
        data += b"\0"
    total = sum(array("H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return struct.pack("=H", ~total & 0xFFFF)


def parse_host_port(endpoint: str) -> tuple[Address, int] | None:
    """``127.0.0.1:80`` or ``[::1]:80`` (scope id allowed) as an address and port; None when
    it is not an IP literal with a port (e.g. a host name)."""
    host, colon, port = endpoint.strip().rpartition(":")
    if not colon or not port.isdecimal() or int(port) > 65535:
        return None
    host = host.removeprefix("[").removesuffix("]").split("%", 1)[0]
    try:
        address: Address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address, int(port)


def _as_v6(address: Address) -> ipaddress.IPv6Address:
    if isinstance(address, ipaddress.IPv6Address):
        return address
    return ipaddress.IPv6Address(b"\0" * 10 + b"\xff\xff" + address.packed)


@dataclass
class _Flow:
    """One TCP connection's endpoints and next sequence numbers (local side, peer side)."""

    local: tuple[Address, int]
    peer: tuple[Address, int]
    local_seq: int
    peer_seq: int
    ended: bool = False


class PcapngWriter:
    """Writes pcapng to a binary stream (see the module docstring). Not thread-safe: the
    tap holds a lock around it.

    Endpoints are ``(address, port)`` pairs from :func:`parse_host_port`; times are microseconds
    since the epoch. A connection is described once with :meth:`tcp_open`; data before that
    opens it implicitly with the handshake at the data's time.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._out = stream
        self._flows: dict[int, _Flow] = {}
        self._ip_id = 0
        shb = struct.pack("<IHHq", _BYTE_ORDER_MAGIC, 1, 0, -1)  # length -1: not given
        shb += _option(_SHB_USERAPPL, b"SocketScope") + _option(_OPT_END, b"")
        idb = struct.pack("<HHI", LINKTYPE_RAW, 0, 0)  # snaplen 0: no limit
        idb += (_option(_IF_NAME, b"SocketScope") + _option(_IF_TSRESOL, b"\x06")
                + _option(_OPT_END, b""))
        self._out.write(_block(_SHB, shb) + _block(_IDB, idb))
        #: Packets written so far.
        self.packets = 0

    # -- TCP ---------------------------------------------------------------------------------
    def knows(self, conn_id: int) -> bool:
        """True while ``conn_id`` is open in the file (described and not closed)."""
        return conn_id in self._flows

    def tcp_open(self, conn_id: int, local: tuple[Address, int], peer: tuple[Address, int],
                 time_us: int, initiator: str = "peer") -> None:
        """Describe connection ``conn_id`` and write its handshake; ``initiator`` is
        ``"local"`` or ``"peer"`` (who sent the SYN). Ignored when already described."""
        if conn_id in self._flows:
            return
        # Initial sequence numbers vary per connection (like a real stack's) but are
        # reproducible: the same recording converts to the same file.
        isn = zlib.crc32(conn_id.to_bytes(8, "big"))
        flow = _Flow(local, peer, isn, (isn * 2654435761) & 0xFFFFFFFF)
        self._flows[conn_id] = flow
        opener_local = initiator == "local"
        first, second = (True, False) if opener_local else (False, True)
        self._tcp(flow, first, _SYN, b"", time_us, ack=False)
        self._advance(flow, first, 1)
        self._tcp(flow, second, _SYN | _ACK, b"", time_us)
        self._advance(flow, second, 1)
        self._tcp(flow, first, _ACK, b"", time_us)

    def tcp_data(self, conn_id: int, from_local: bool, payload: bytes, time_us: int,
                 local: tuple[Address, int] | None = None,
                 peer: tuple[Address, int] | None = None) -> None:
        """Bytes that went one way on ``conn_id``, as segments of at most
        :data:`MAX_SEGMENT` bytes. ``local``/``peer`` open the connection if it is new."""
        flow = self._flows.get(conn_id)
        if flow is None:
            self.tcp_open(conn_id, local or _placeholder(conn_id, True),
                          peer or _placeholder(conn_id, False), time_us)
            flow = self._flows[conn_id]
        view = memoryview(payload)
        for start in range(0, len(view), MAX_SEGMENT):
            segment = bytes(view[start:start + MAX_SEGMENT])
            self._tcp(flow, from_local, _PSH | _ACK, segment, time_us)
            self._advance(flow, from_local, len(segment))

    def tcp_close(self, conn_id: int, time_us: int, closer_local: bool = True) -> None:
        """The connection ended: FIN-ACK from each side, then the last ACK. Ignored for an
        unknown or already closed connection."""
        flow = self._flows.get(conn_id)
        if flow is None or flow.ended:
            return
        flow.ended = True
        for side in (closer_local, not closer_local):
            self._tcp(flow, side, _FIN | _ACK, b"", time_us)
            self._advance(flow, side, 1)
        self._tcp(flow, closer_local, _ACK, b"", time_us)
        del self._flows[conn_id]

    def _advance(self, flow: _Flow, from_local: bool, n: int) -> None:
        if from_local:
            flow.local_seq = (flow.local_seq + n) & 0xFFFFFFFF
        else:
            flow.peer_seq = (flow.peer_seq + n) & 0xFFFFFFFF

    def _tcp(self, flow: _Flow, from_local: bool, flags: int, payload: bytes, time_us: int,
             ack: bool = True) -> None:
        src, dst = (flow.local, flow.peer) if from_local else (flow.peer, flow.local)
        seq, ack_no = ((flow.local_seq, flow.peer_seq) if from_local
                       else (flow.peer_seq, flow.local_seq))
        header = struct.pack(">HHIIBBHHH", src[1], dst[1], seq, ack_no if ack else 0,
                             5 << 4, flags, _WINDOW, 0, 0)
        self._ip(src[0], dst[0], _TCP, header, payload, 16, time_us)

    # -- UDP ---------------------------------------------------------------------------------
    def udp_datagram(self, src: tuple[Address, int], dst: tuple[Address, int], payload: bytes,
                     time_us: int) -> None:
        """One datagram (cut at :data:`MAX_DATAGRAM` bytes: it cannot be larger on IPv4)."""
        payload = payload[:MAX_DATAGRAM]
        header = struct.pack(">HHHH", src[1], dst[1], 8 + len(payload), 0)
        self._ip(src[0], dst[0], _UDP, header, payload, 6, time_us)

    # -- IP and blocks -------------------------------------------------------------------------
    def _ip(self, src: Address, dst: Address, proto: int, header: bytes, payload: bytes,
            checksum_at: int, time_us: int) -> None:
        """Wrap a transport ``header`` + ``payload`` in IP, fill the transport checksum at
        byte ``checksum_at`` of the header, and write the packet."""
        length = len(header) + len(payload)
        if src.version != dst.version:
            src, dst = _as_v6(src), _as_v6(dst)
        if isinstance(src, ipaddress.IPv4Address):
            pseudo = src.packed + dst.packed + struct.pack(">BBH", 0, proto, length)
        else:
            pseudo = src.packed + dst.packed + struct.pack(">IxxxB", length, proto)
        sum_bytes = _checksum(pseudo, header, payload)
        if proto == _UDP and sum_bytes == b"\0\0":
            sum_bytes = b"\xff\xff"  # zero means "no checksum" in UDP
        header = header[:checksum_at] + sum_bytes + header[checksum_at + 2:]
        if isinstance(src, ipaddress.IPv4Address):
            self._ip_id = (self._ip_id + 1) & 0xFFFF
            ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + length, self._ip_id, 0x4000, 64,
                             proto, 0, src.packed, dst.packed)
            ip = ip[:10] + _checksum(ip) + ip[12:]
        else:
            ip = struct.pack(">IHBB16s16s", 0x60000000, length, proto, 64, src.packed,
                             dst.packed)
        self._packet(ip + header + payload, time_us)

    def _packet(self, packet: bytes, time_us: int) -> None:
        size = len(packet)
        head = struct.pack("<IIIII", 0, (time_us >> 32) & 0xFFFFFFFF, time_us & 0xFFFFFFFF,
                           size, size)
        length = 12 + len(head) + size + (-size % 4)
        out = self._out
        out.write(struct.pack("<II", _EPB, length) + head)
        out.write(packet)
        out.write(b"\0" * (-size % 4) + struct.pack("<I", length))
        self.packets += 1


def _placeholder(conn_id: int, local: bool) -> tuple[Address, int]:
    """Made-up endpoints for a connection whose real ones are not known (a recording made
    before connection records): 127.0.0.1:1 here, 127.0.0.2:<1024 + id> the peer, so each
    connection is a stream of its own."""
    if local:
        return ipaddress.IPv4Address("127.0.0.1"), 1
    return ipaddress.IPv4Address("127.0.0.2"), 1024 + conn_id % 64000


def _micros(t: float) -> int:
    return max(0, round(wall_time(t) * 1_000_000))


class PcapngTap:
    """Writes a session's TCP traffic to a pcapng file from the workers (a tap).

    Add it to ``session.sink.taps``; connect the session's ``connectionOpened`` to
    :meth:`connection_opened` (handshake at connect time) and ``connectionClosed`` to
    :meth:`connection_closed` for the FINs; :meth:`close` completes the file (safe twice).
    ``initiator`` says who opens the session's connections (``Session.initiator``). Raises
    :class:`OSError` from the constructor when the file cannot be created.
    """

    def __init__(self, path: pathlib.Path, initiator: str = "peer") -> None:
        self._lock = threading.Lock()
        self._file: BinaryIO | None = open(path, "wb")
        self._writer = PcapngWriter(self._file)
        self._initiator = initiator
        #: The first write error, in the OS's words; writing stops after it.
        self.error: str | None = None

    @property
    def packets(self) -> int:
        return self._writer.packets

    def on_chunk(self, chunk: Chunk, link: Link) -> None:
        with self._lock:
            if self._file is None or not chunk.data:
                return
            writer = self._writer
            time_us = _micros(chunk.t)
            try:
                if not writer.knows(chunk.conn_id):
                    local = parse_host_port(str(getattr(link, "local", "")))
                    peer = parse_host_port(link.peer)
                    writer.tcp_open(chunk.conn_id, local or _placeholder(chunk.conn_id, True),
                                    peer or _placeholder(chunk.conn_id, False), time_us,
                                    self._initiator)
                writer.tcp_data(chunk.conn_id, chunk.direction is Direction.TX, chunk.data,
                                time_us)
            except OSError as exc:
                self._fail(exc)

    def connection_opened(self, link: Link, wall: float) -> None:
        """The session says ``link`` connected at ``wall`` (seconds since the epoch): the
        handshake gets that time, and a connection that never carries data shows too. Ignored
        when its first chunk got there first. Any thread."""
        with self._lock:
            if self._file is None or self._writer.knows(link.conn_id):
                return
            local = parse_host_port(str(getattr(link, "local", "")))
            peer = parse_host_port(link.peer)
            try:
                self._writer.tcp_open(link.conn_id, local or _placeholder(link.conn_id, True),
                                      peer or _placeholder(link.conn_id, False),
                                      max(0, round(wall * 1_000_000)), self._initiator)
            except OSError as exc:
                self._fail(exc)

    def connection_closed(self, conn_id: int, t: float) -> None:
        """The session says ``conn_id`` ended at ``t`` (monotonic); any thread."""
        with self._lock:
            if self._file is None:
                return
            try:
                self._writer.tcp_close(conn_id, _micros(t))
            except OSError as exc:
                self._fail(exc)

    def _fail(self, exc: OSError) -> None:
        self.error = exc.strerror or str(exc)
        handle, self._file = self._file, None
        if handle is not None:
            try:
                handle.close()
            except OSError:
                pass

    def close(self) -> None:
        """Flush and close the file; safe to call more than once."""
        with self._lock:
            handle, self._file = self._file, None
            if handle is None:
                return
            try:
                handle.close()
            except OSError as exc:
                self.error = exc.strerror or str(exc)


def convert_recording(recording: pathlib.Path, out: BinaryIO,
                      limit: int | None = None) -> tuple[int, int]:
    """Write the both-directions recording ``recording`` to ``out`` as pcapng (only its first
    ``limit`` bytes when given: see :func:`~app.traffic.recorder.read_all_records`).

    Returns ``(packets, connections without endpoints)``: connections of a recording made
    before connection records get placeholder addresses (see :func:`_placeholder`). Raises
    :class:`ValueError` (translated) for a file that is not a recording or is corrupt, and
    :class:`OSError` when it cannot be read or ``out`` written.
    """
    writer = PcapngWriter(out)
    unknown: set[int] = set()
    for record in read_all_records(recording, limit):
        if record.kind == OPENED:
            local = peer = None
            initiator = "peer"
            try:
                info = json.loads(record.payload.decode("utf-8"))
                local = parse_host_port(str(info.get("local", "")))
                peer = parse_host_port(str(info.get("peer", "")))
                initiator = "local" if info.get("initiator") == "local" else "peer"
            except (ValueError, AttributeError):
                pass
            if local is None or peer is None:
                unknown.add(record.conn_id)
            writer.tcp_open(record.conn_id, local or _placeholder(record.conn_id, True),
                            peer or _placeholder(record.conn_id, False), record.time_us,
                            initiator)
        elif record.kind == ENDED:
            writer.tcp_close(record.conn_id, record.time_us)
        else:
            if not writer.knows(record.conn_id):
                unknown.add(record.conn_id)
            writer.tcp_data(record.conn_id, record.kind == Direction.TX, record.payload,
                            record.time_us)
    return writer.packets, len(unknown)

