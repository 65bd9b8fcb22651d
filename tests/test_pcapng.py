"""The pcapng writer, read back by real readers (scapy; tshark where installed): payload per
direction, addresses and ports, sequence numbers, handshake, FIN, 64 KiB segments, IPv4 and
IPv6; the tap on a live session; converting recordings with and without connection records."""

from __future__ import annotations

import io
import os
import pathlib
import struct

import pytest

from app.sessions.config import TcpServerConfig
from app.sessions.tcp_server import TcpServerSession
from app.traffic.chunk import Chunk, Direction
from app.traffic.pcapng import (
    MAX_SEGMENT,
    PcapngTap,
    PcapngWriter,
    convert_recording,
    parse_host_port,
)
from app.traffic.recorder import MAGIC, OPENED, Recorder, read_all_records, read_records
from tests.pcap_reading import read_with_scapy, stream_bytes, tshark, tshark_fields

T0 = 1_700_000_000_000_000  # µs since the epoch


class FakeLink:
    def __init__(self, conn_id: int, local: str, peer: str) -> None:
        self.conn_id = conn_id
        self.local = local
        self.peer = peer

    def send(self, data: bytes) -> bool:
        return True


@pytest.mark.parametrize("family", ["ipv4", "ipv6"])
def test_written_file_reads_back_with_both_directions(tmp_path: pathlib.Path, family: str):
    local, peer = (("127.0.0.1", 8080), ("127.0.0.1", 50000)) if family == "ipv4" else \
        (("::1", 8080), ("::1", 50000))
    path = tmp_path / "t.pcapng"
    big = os.urandom(3 * MAX_SEGMENT + 123)
    with open(path, "wb") as out:
        writer = PcapngWriter(out)
        writer.tcp_open(7, parse_host_port(f"[{local[0]}]:{local[1]}"),
                        parse_host_port(f"[{peer[0]}]:{peer[1]}"), T0)
        writer.tcp_data(7, False, b"hello from the device", T0 + 1000)
        writer.tcp_data(7, True, big, T0 + 2000)
        writer.tcp_data(7, False, b"bye", T0 + 3000)
        writer.tcp_close(7, T0 + 4000)

    packets = read_with_scapy(path)
    assert stream_bytes(packets, peer) == b"hello from the device" + b"bye"
    assert stream_bytes(packets, local) == big
    assert all(p.checksum_ok for p in packets)
    assert all(len(p.payload) <= MAX_SEGMENT for p in packets)
    assert [p.flags for p in packets[:3]] == ["S", "SA", "A"]
    assert packets[0].src == packets[0].dst == local[0]
    assert (packets[0].sport, packets[0].dport) == (peer[1], local[1])  # the client's SYN
    assert [p.flags for p in packets[-3:]] == ["FA", "FA", "A"]
    # Sequence numbers consistent with the bytes: each segment starts where the last ended.
    next_seq: dict[tuple[str, int], int] = {}
    for p in packets:
        key = (p.src, p.sport)
        if key in next_seq:
            assert p.seq == next_seq[key], p
        next_seq[key] = p.seq + len(p.payload) + (1 if set(p.flags) & {"S", "F"} else 0)
    assert packets[3].time == pytest.approx((T0 + 1000) / 1e6)

    if tshark():
        rows = tshark_fields(path, "tcp.len", "tcp.seq", "tcp.checksum.status",
                             "tcp.analysis.flags")
        assert len(rows) == len(packets)
        assert all(row[2] == "1" for row in rows)  # checksum good
        assert not any(row[3] for row in rows)  # no lost segments, no retransmissions
        assert sum(int(row[0]) for row in rows) == len(big) + len(b"hello from the device")+3


def _loopback_works(host: str) -> bool:
    import socket
    try:
        with socket.create_server((host, 0), family=socket.AF_INET6 if ":" in host
                                  else socket.AF_INET):
            return True
    except OSError:
        return False


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_tap_on_a_live_server_writes_what_crossed(qtbot, tmp_path: pathlib.Path,
                                                   connect_peer, host):
    if not _loopback_works(host):
        pytest.skip(f"no {host} on this machine")
    path = tmp_path / "live.pcapng"
    server = TcpServerSession()
    tap = PcapngTap(path, server.initiator)
    server.sink.taps.add(tap)
    server.connectionOpened.connect(lambda conn: tap.connection_opened(conn, conn.since))
    server.connectionClosed.connect(lambda conn: tap.connection_closed(conn.conn_id, 0.0))
    try:
        with qtbot.waitSignal(server.stateChanged, timeout=5000,
                              check_params_cb=lambda s: s == "open"):
            server.open(TcpServerConfig(host, 0))
        peer = connect_peer(server.port, host)
        qtbot.waitUntil(lambda: len(server.connections()) == 1, timeout=5000)
        silent = connect_peer(server.port, host)  # connects, never sends
        qtbot.waitUntil(lambda: len(server.connections()) == 2, timeout=5000)
        silent_port = silent.sock.getsockname()[1]
        to_server = os.urandom(200_000)
        peer.send(to_server)
        qtbot.waitUntil(lambda: server.rx_total() == len(to_server), timeout=5000)
        server.send(b"reply bytes", [server.connections()[0].conn_id])
        assert peer.recv_exactly(11) == b"reply bytes"
        client_end = peer.sock.getsockname()
    finally:
        server.close()
        tap.close()
    packets = read_with_scapy(path)
    assert stream_bytes(packets, (host, client_end[1])) == to_server
    assert stream_bytes(packets, (host, server.port)) == b"reply bytes"
    assert packets[0].flags == "S" and packets[-1].flags == "A"
    assert tap.packets == len(packets)
    # The silent client's handshake and end are there too, without data.
    silent_flags = [p.flags for p in packets if silent_port in (p.sport, p.dport)]
    assert silent_flags == ["S", "SA", "A", "FA", "FA", "A"]


def test_recording_with_connection_records_converts(tmp_path: pathlib.Path):
    path = tmp_path / "rec.ssrec"
    recorder = Recorder(path, both_directions=True)
    recorder.initiator = "local"
    recorder.open()
    link = FakeLink(3, "[::1]:40000", "[::1]:502")
    recorder.on_chunk(Chunk(3, Direction.TX, b"\x01\x03\x00\x00", 10.0), link)
    recorder.on_chunk(Chunk(3, Direction.RX, b"\x01\x03\x02\xAA\xBB", 10.5), link)
    recorder.connection_ended(3, 11.0)
    recorder.close()
    assert recorder.bytes_written == 9  # connection records are not payload
    # Old readers' view: only traffic.
    assert [(d, p) for d, _c, _t, p in read_records(path)] == [
        (Direction.TX, b"\x01\x03\x00\x00"), (Direction.RX, b"\x01\x03\x02\xAA\xBB")]
    kinds = [r.kind for r in read_all_records(path)]
    assert kinds == [OPENED, "tx", "rx", "ended"]

    out = tmp_path / "rec.pcapng"
    with open(out, "wb") as handle:
        packets_written, unknown = convert_recording(path, handle)
    assert unknown == 0
    packets = read_with_scapy(out)
    assert len(packets) == packets_written
    assert packets[0].flags == "S" and (packets[0].src, packets[0].sport) == ("::1", 40000)
    assert stream_bytes(packets, ("::1", 40000)) == b"\x01\x03\x00\x00"
    assert stream_bytes(packets, ("::1", 502)) == b"\x01\x03\x02\xAA\xBB"
    assert [p.flags for p in packets[-3:]] == ["FA", "FA", "A"]


def test_recording_without_connection_records_still_converts(tmp_path: pathlib.Path):
    # As written before connection records existed: the magic and R/T records only.
    path = tmp_path / "old.ssrec"
    record = struct.Struct(">cIQI")
    path.write_bytes(MAGIC + record.pack(b"R", 1, T0, 2) + b"hi"
                     + record.pack(b"T", 1, T0 + 5, 3) + b"yes")
    out = io.BytesIO()
    _packets, unknown = convert_recording(path, out)
    assert unknown == 1
    (tmp_path / "old.pcapng").write_bytes(out.getvalue())
    packets = read_with_scapy(tmp_path / "old.pcapng")
    assert b"".join(p.payload for p in packets) == b"hiyes"


def test_not_a_recording_is_refused(tmp_path: pathlib.Path):
    path = tmp_path / "raw.bin"
    path.write_bytes(b"plain received bytes")
    with pytest.raises(ValueError, match="not a SocketScope recording"):
        convert_recording(path, io.BytesIO())
