"""Export (pcapng) in the log tools: the file is read back by scapy and tshark, with the
payload per direction equal to what crossed the connection."""

from __future__ import annotations

import pathlib

from PySide6.QtWidgets import QFileDialog, QWidget

from tests.pcap_reading import read_with_scapy, stream_bytes, tshark, tshark_fields
from tests.ui_helpers import child, click, listen_on_loopback, state, status, type_send


def export(qtbot, monkeypatch, page: QWidget, path: pathlib.Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(path), "pcapng files (*.pcapng)"))
    with qtbot.waitSignal(page.log_panel.pcapngExported, timeout=10000) as done:
        click(qtbot, page, "exportPcapngButton")
    assert done.args == [True], status(page)


def check_with_tshark(path: pathlib.Path, packets: int, payload: int) -> None:
    if not tshark():
        return
    rows = tshark_fields(path, "tcp.len", "tcp.checksum.status", "tcp.analysis.flags")
    assert len(rows) == packets
    assert all(row[1] == "1" for row in rows)  # checksums good
    assert not any(row[2] for row in rows)  # no lost segments, no retransmissions
    assert sum(int(row[0]) for row in rows) == payload


def test_client_export_from_the_log(qtbot, monkeypatch, tmp_path, window, loopback_server):
    page = window.findChild(QWidget, "tcpClientSession")
    device = loopback_server()
    child(page, "remoteHostEdit").setText("127.0.0.1")
    child(page, "remotePortSpin").setValue(device.port)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    peer = device.peer()
    local = page.session.connections()[0].local
    type_send(page, "hello device\n")
    click(qtbot, page, "sendButton")
    assert peer.recv_exactly(13) == b"hello device\n"
    peer.send("答复 reply\n".encode())
    peer.send(bytes(range(256)) * 300)  # 76,800 bytes: more than one segment
    rx = "答复 reply\n".encode() + bytes(range(256)) * 300
    qtbot.waitUntil(lambda: page.session.rx_total() == len(rx), timeout=5000)
    qtbot.waitUntil(lambda: page.log_panel.session.log.traffic() != [] and sum(
        len(e.data) for e in page.session.log.traffic()) == len(rx) + 13, timeout=5000)
    path = tmp_path / "client.pcapng"
    export(qtbot, monkeypatch, page, path)
    assert "from the log" in status(page)
    packets = read_with_scapy(path)
    assert all(p.checksum_ok for p in packets)
    host, port = local.rsplit(":", 1)
    assert stream_bytes(packets, (host, int(port))) == b"hello device\n"
    assert stream_bytes(packets, ("127.0.0.1", device.port)) == rx
    assert [p.flags for p in packets[:3]] == ["S", "SA", "A"]
    assert (packets[0].src, packets[0].sport) == (host, int(port))  # we dialled
    check_with_tshark(path, len(packets), len(rx) + 13)


def test_server_export_from_a_recording(qtbot, monkeypatch, tmp_path, window, connect_peer):
    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    assert page.log_panel.start_recording(tmp_path / "both.ssrec", both_directions=True)
    a = connect_peer(port)
    b = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 2, timeout=5000)
    a.send(b"from a\n")
    b.send(b"from b\n")
    qtbot.waitUntil(lambda: page.session.rx_total() == 14, timeout=5000)
    type_send(page, "to all\n")
    click(qtbot, page, "sendButton")  # one log entry "→ 2 clients": the recording has both
    assert a.recv_exactly(7) == b"to all\n" and b.recv_exactly(7) == b"to all\n"
    qtbot.waitUntil(lambda: page.session.tx_total() == 14, timeout=5000)
    path = tmp_path / "server.pcapng"
    export(qtbot, monkeypatch, page, path)
    assert "from the recording" in status(page)
    packets = read_with_scapy(path)
    assert all(p.checksum_ok for p in packets)
    for peer, sent in ((a, b"from a\n"), (b, b"from b\n")):
        host, peer_port = peer.sock.getsockname()[:2]
        assert stream_bytes(packets, (host, peer_port)) == sent
        to_peer = b"".join(p.payload for p in packets
                           if (p.dst, p.dport) == (host, peer_port))
        assert to_peer == b"to all\n"
    check_with_tshark(path, len(packets), 28)
    # The recording goes on after the export.
    assert page.session.recorder is not None and page.session.recorder.is_active


def test_export_from_the_log_leaves_out_a_send_to_several(qtbot, monkeypatch, tmp_path,
                                                          window, connect_peer):
    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    a = connect_peer(port)
    b = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 2, timeout=5000)
    a.send(b"ping")
    qtbot.waitUntil(lambda: page.session.rx_total() == 4, timeout=5000)
    type_send(page, "to all")
    click(qtbot, page, "sendButton")
    assert b.recv_exactly(6) == b"to all"
    qtbot.waitUntil(lambda: page.session.tx_total() == 12, timeout=5000)
    a.close()  # a closed connection still exports, with its FINs
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    path = tmp_path / "log.pcapng"
    export(qtbot, monkeypatch, page, path)
    assert "1 log entries were left out" in status(page)
    packets = read_with_scapy(path)
    assert stream_bytes(packets, ("127.0.0.1", port)) == b""  # no send to one client
    assert b"".join(p.payload for p in packets) == b"ping"
    assert sum(1 for p in packets if p.flags == "S") == 2  # both connections' handshakes
    assert any("F" in p.flags for p in packets)


def test_export_button_only_on_tcp_pages(window):
    assert child(window.findChild(QWidget, "tcpServerSession"), "exportPcapngButton")
    udp = window.findChild(QWidget, "udpSession")
    assert udp.findChild(QWidget, "exportPcapngButton").isHidden()


def test_export_to_a_bad_path_says_why(qtbot, monkeypatch, tmp_path, window):
    bad = "missing-dir/out.pcapng"
    page = window.findChild(QWidget, "tcpClientSession")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / bad), ""))
    with qtbot.waitSignal(page.log_panel.pcapngExported, timeout=10000) as done:
        click(qtbot, page, "exportPcapngButton")
    assert done.args == [False]
    assert "Cannot export" in status(page)
    assert not (tmp_path / bad).exists()


def test_stopped_export_leaves_no_file(qtbot, tmp_path):
    from app.traffic.chunk import Direction
    from app.traffic.log_store import LogStore
    from app.traffic.pcapng_export import PcapngExportThread

    log = LogStore()
    for i in range(20000):
        log.append(1, Direction.RX, float(i), b"x" * 64)
    path = tmp_path / "stopped.pcapng"
    exporter = PcapngExportThread(path, log.entries(), {1: ("127.0.0.1:1", "127.0.0.1:2")})
    with qtbot.waitSignal(exporter.done, timeout=10000) as done:
        exporter.request_stop()
        exporter.start()
    exporter.wait()
    assert done.args[0] is False
    assert list(tmp_path.iterdir()) == []


def test_recording_read_up_to_a_limit_ignores_a_partial_tail(tmp_path):
    from app.traffic.chunk import Chunk, Direction
    from app.traffic.recorder import Recorder, read_all_records

    path = tmp_path / "live.ssrec"
    recorder = Recorder(path, both_directions=True)
    recorder.open()
    recorder.write(Chunk(1, Direction.RX, b"whole", 1.0))
    size = recorder.flush()
    assert size == path.stat().st_size
    with open(path, "ab") as f:  # a record the recorder is still writing
        f.write(b"T\0\0\0\1")
    assert [r.payload for r in read_all_records(path, limit=size)] == [b"whole"]
    recorder.close()
