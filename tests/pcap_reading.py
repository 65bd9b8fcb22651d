"""Reading pcapng files back with real readers: scapy (a test dependency) and tshark (when
installed; ``.ci/run`` installs it)."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class Packet:
    src: str
    sport: int
    dst: str
    dport: int
    flags: str
    seq: int
    ack: int
    payload: bytes
    time: float
    checksum_ok: bool


def read_with_scapy(path: pathlib.Path) -> list[Packet]:
    """Every TCP packet of ``path``, parsed by scapy; checksums recomputed by scapy."""
    from scapy.layers.inet import IP, TCP
    from scapy.layers.inet6 import IPv6
    from scapy.utils import PcapNgReader

    packets = []
    with PcapNgReader(str(path)) as reader:
        for raw in reader:
            ip = raw[IP] if IP in raw else raw[IPv6]
            tcp = raw[TCP]
            fresh = _with_fresh_checksum(ip)[TCP].chksum
            packets.append(Packet(ip.src, tcp.sport, ip.dst, tcp.dport, str(tcp.flags),
                                  tcp.seq, tcp.ack, bytes(tcp.payload), float(raw.time),
                                  fresh == tcp.chksum))
    return packets


def _with_fresh_checksum(ip):  # type: ignore[no-untyped-def]
    """The packet rebuilt by scapy with the TCP checksum computed by scapy."""
    from scapy.layers.inet import TCP

    copy = ip.copy()
    copy[TCP].chksum = None
    return copy.__class__(bytes(copy))


def stream_bytes(packets: list[Packet], src: tuple[str, int]) -> bytes:
    """The payload sent from ``src`` in packet order."""
    return b"".join(p.payload for p in packets if (p.src, p.sport) == src)


def tshark() -> str | None:
    return shutil.which("tshark")


def tshark_fields(path: pathlib.Path, *fields: str) -> list[list[str]]:
    """``tshark -T fields`` rows for ``path`` with checksum validation on."""
    exe = tshark()
    assert exe is not None
    args = [exe, "-r", str(path), "-o", "tcp.check_checksum:TRUE", "-o",
            "ip.check_checksum:TRUE", "-T", "fields"]
    for field in fields:
        args += ["-e", field]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [line.split("\t") for line in done.stdout.splitlines()]
