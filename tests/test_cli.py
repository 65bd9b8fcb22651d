"""``socketscope-cli`` as a user runs it: real processes, real sockets on loopback, exit codes
0 / 1 / 2 / 3, SIGTERM, scenarios against a fake Modbus device, pcapng from ``serve``."""

from __future__ import annotations

import re
import signal
import socket
import sys

import pytest

from app.cli.main import main
from tests.cli_helpers import FakeModbusDevice, run_cli, start_cli
from tests.conftest import free_port
from tests.pcap_reading import read_with_scapy, stream_bytes


@pytest.fixture
def device():
    dev = FakeModbusDevice()
    yield dev
    dev.close()


MODBUS_OK = """
[[step]]
send_hex = "01 03 00 00 00 02"
checksum = "crc16-modbus"
[[step]]
expect_hex = "01 03 04 00 64 00 65"
timeout = 3
[[step]]
wait = 0.05
[[step]]
send_hex = "01 03 00 02 00 01 25 CA"
[[step]]
expect_regex = "\\\\x01\\\\x03\\\\x02"
"""


def test_scenario_against_a_modbus_device_passes(tmp_path, device):
    scenario = tmp_path / "modbus.toml"
    scenario.write_text(MODBUS_OK, encoding="utf-8")
    done = run_cli("run", str(scenario), "--connect", f"127.0.0.1:{device.port}")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 5
    for number, line in enumerate(lines, start=1):
        assert line.startswith(f"step {number}: pass"), line
    assert device.requests[0] == bytes.fromhex("01 03 00 00 00 02 C4 0B")


def test_scenario_whose_reply_never_comes_exits_1_naming_the_step(tmp_path, device):
    scenario = tmp_path / "silent.toml"
    scenario.write_text('[[step]]\nsend_hex = "01 03 00 00 00 02 00 00"\n'  # bad CRC
                        '[[step]]\nexpect_hex = "01 03"\ntimeout = 0.3\n'
                        '[[step]]\nsend = "never sent"\n', encoding="utf-8")
    done = run_cli("run", str(scenario), "--connect", f"127.0.0.1:{device.port}")
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("step 1: pass")
    assert lines[1].startswith("step 2: fail")
    assert "0.3 s" in lines[1]
    assert len(lines) == 2  # the run stops at the first step that does not pass


@pytest.mark.parametrize(("content", "named"), [
    ('[[step]]\nsend_hex = "01 0G"\n', ("Step 1", "send_hex")),
    ('[[step]]\nsend = "a"\n[[step]]\nexpect_regex = "(unclosed"\n', ("Step 2", "expect_regex")),
    ('[[step]]\nsend = "a"\nfrobnicate = 1\n', ("Step 1", "frobnicate")),
    ('[[step]]\nsend = "a"\nchecksum = "crc99"\n', ("Step 1", "checksum")),
    ('[[step]\nsend = "a"\n', ("TOML",)),
])
def test_malformed_scenario_exits_2_naming_step_and_key(qapp, capsys, tmp_path, content,
                                                       named):
    scenario = tmp_path / "bad.toml"
    scenario.write_text(content, encoding="utf-8")
    # Nothing listens on the port: the file is judged before any connection is tried.
    code = main(["run", str(scenario), "--connect", f"127.0.0.1:{free_port()}"])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    for word in named:
        assert word in err
    assert out == ""


def test_connect_send_expect_against_an_echo_server(loopback_server):
    server = loopback_server(echo=True)
    done = run_cli("connect", f"127.0.0.1:{server.port}", "--send", "PING 你好\\r\\n",
                   "--expect", "你好", "--no-timestamps")
    assert done.returncode == 0, done.stdout + done.stderr
    assert bytes(server.received) == "PING 你好\r\n".encode()
    assert f"TX 127.0.0.1:{server.port} › PING 你好" in done.stdout
    assert f"RX 127.0.0.1:{server.port} › PING 你好" in done.stdout


def test_connect_expect_that_never_comes_exits_1(loopback_server):
    server = loopback_server(echo=True)
    done = run_cli("connect", f"127.0.0.1:{server.port}", "--send-hex", "01 02",
                   "--expect", "never", "--timeout", "0.3", "--hex")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "never" in done.stderr
    assert "01 02" in done.stdout


def test_connection_refused_exits_3():
    done = run_cli("connect", f"127.0.0.1:{free_port()}", "--send", "x")
    assert done.returncode == 3, done.stdout + done.stderr
    assert "refused" in done.stderr.lower()


@pytest.mark.parametrize("args", [
    ["connect", "127.0.0.1"],  # no port
    ["connect", "127.0.0.1:80", "--send-hex", "zz"],
    ["serve", "99999"],
    ["frobnicate"],
    ["pcapng", "missing.ssrec", "out.pcapng"],
    ["pcapng", "raw.ssrec", "out.pcapng"],  # received-only bytes, not a recording
    # An encoding Python has no text codec for, before anything is opened:
    ["serve", "127.0.0.1:0", "--encoding", "bogus"],
    ["udp", "127.0.0.1:0", "--encoding", "base64"],
    ["relay", "127.0.0.1:0", "127.0.0.1:9", "--encoding", "bogus"],
    ["connect", "127.0.0.1:9", "--encoding", "bogus"],
    ["serve", "127.0.0.1:0", "--welcome", "hi {nope}"],  # an unknown placeholder
])
def test_bad_usage_exits_2(qapp, capsys, tmp_path, args):
    (tmp_path / "raw.ssrec").write_bytes(b"just bytes")
    code = main([str(tmp_path / a) if a.endswith((".ssrec", ".pcapng")) else a
                 for a in args])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert err.strip()
    assert not list(tmp_path.glob("*.pcapng*"))  # no half-written output left


#: Each command's options (UI-CONTRACT.md "Command line"); --hex … are the output options.
OUTPUT_OPTIONS = ("--hex", "--encoding", "--framing", "--no-timestamps")
COMMAND_OPTIONS = {
    "serve": ("--echo", "--welcome", "--rules", "--pcapng", "--record", *OUTPUT_OPTIONS),
    "connect": ("--send", "--send-hex", "--expect", "--timeout", *OUTPUT_OPTIONS),
    "udp": ("--to", "--broadcast", "--send", "--send-hex", *OUTPUT_OPTIONS),
    "relay": ("--timeout", *OUTPUT_OPTIONS),
    "run": ("--connect", "--listen", "--timeout"),
    "pcapng": ("RECORDING", "OUT"),
}


def test_help_per_command_has_examples(qapp, capsys):
    for command, options in COMMAND_OPTIONS.items():
        assert main([command, "--help"]) == 0
        out = capsys.readouterr().out
        assert "socketscope-cli " + command in out  # the examples
        for option in options:
            assert option in out, (command, option)


def test_help_lists_every_command_with_its_line(qapp, capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command, line in [("serve", "run a TCP server and print its traffic"),
                          ("connect", "connect, send, wait for a reply"),
                          ("udp", "bind a UDP port, print datagrams, send one"),
                          ("relay", "forward TCP between devices and a target"),
                          ("run", "run a scenario file (send, expect, wait) against a device"),
                          ("pcapng", "convert a recording (both directions) to pcapng")]:
        assert re.search(rf"^\s+{command}\s+{re.escape(line)}", out, re.MULTILINE), command


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_serve_echo_pcapng_and_sigterm_exits_0(tmp_path):
    pcap = tmp_path / "serve.pcapng"
    record = tmp_path / "serve.ssrec"
    proc = start_cli("serve", "127.0.0.1:0", "--echo", "--pcapng", str(pcap), "--record",
                     str(record), "--no-timestamps")
    try:
        assert proc.stderr is not None
        port = None
        for _ in range(5):
            line = proc.stderr.readline()
            found = re.search(r"127\.0\.0\.1:(\d+)", line)
            if found:
                port = int(found.group(1))
                break
        assert port, "serve did not say where it listens"
        payload = bytes(range(256)) * 1000
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(payload)
            echoed = bytearray()
            while len(echoed) < len(payload):
                chunk = sock.recv(65536)
                assert chunk
                echoed += chunk
            client_port = sock.getsockname()[1]
        assert bytes(echoed) == payload
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert f"RX 127.0.0.1:{client_port} ›" in out
    packets = read_with_scapy(pcap)
    assert stream_bytes(packets, ("127.0.0.1", client_port)) == payload
    assert stream_bytes(packets, ("127.0.0.1", port)) == payload
    # The recording converts to the same streams.
    converted = tmp_path / "converted.pcapng"
    done = run_cli("pcapng", str(record), str(converted))
    assert done.returncode == 0, done.stderr
    again = read_with_scapy(converted)
    assert stream_bytes(again, ("127.0.0.1", client_port)) == payload
    assert stream_bytes(again, ("127.0.0.1", port)) == payload


def test_cli_loads_no_widget_module(loopback_server):
    server = loopback_server(echo=True)
    code = ("import sys\n"
            "from app.cli.main import main\n"
            f"code = main(['connect', '127.0.0.1:{server.port}', '--send', 'hi', "
            "'--expect', 'hi'])\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6.QtWidgets', "
            "'PySide6.QtGui', 'ui'))]\n"
            "print('BAD', bad)\n"
            "sys.exit(code if not bad else 99)\n")
    import subprocess

    from tests.cli_helpers import ROOT, cli_env
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=30, cwd=ROOT, env=cli_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BAD []" in done.stdout


def test_run_listen_waits_for_the_device_and_runs_the_scenario(tmp_path):
    scenario = tmp_path / "greet.toml"
    scenario.write_text('[[step]]\nexpect = "HELLO"\ntimeout = 5\n'
                        '[[step]]\nsend = "WELCOME\\n"\n', encoding="utf-8")
    proc = start_cli("run", str(scenario), "--listen", "127.0.0.1:0")
    try:
        assert proc.stderr is not None
        port = None
        for _ in range(5):
            found = re.search(r"127\.0\.0\.1:(\d+)", proc.stderr.readline())
            if found:
                port = int(found.group(1))
                break
        assert port, "run --listen did not say where it listens"
        with socket.create_connection(("127.0.0.1", port), timeout=5) as device:
            device.sendall(b"HELLO from the device")
            answer = b""
            while not answer.endswith(b"\n"):
                chunk = device.recv(100)
                assert chunk
                answer += chunk
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert answer == b"WELCOME\n"
    # The last step is a send: the run ends only once its bytes are written.
    assert [line[:12] for line in out.splitlines()] == ["step 1: pass", "step 2: pass"]


def _listening_port(proc) -> int:
    for _ in range(5):
        found = re.search(r"127\.0\.0\.1:(\d+)", proc.stderr.readline())
        if found:
            return int(found.group(1))
    raise AssertionError("the command did not say where it listens")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX here")
def test_serve_welcome_then_sigint_exits_0():
    proc = start_cli("serve", "127.0.0.1:0", "--welcome", "hi \\xE4\\xBD\\xA0\\r\\n")
    try:
        port = _listening_port(proc)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            got = b""
            while not got.endswith(b"\r\n"):
                chunk = sock.recv(100)
                assert chunk
                got += chunk
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert got == b"hi \xe4\xbd\xa0\r\n"
    assert proc.returncode == 0, err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX here")
def test_serve_welcome_fills_in_the_peer_as_the_window_does():
    proc = start_cli("serve", "127.0.0.1:0", "--welcome", "hi {peer} {{peer}}\\n")
    try:
        port = _listening_port(proc)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            got = b""
            while not got.endswith(b"\n"):
                chunk = sock.recv(100)
                assert chunk
                got += chunk
            mine = "{}:{}".format(*sock.getsockname()[:2])
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert got == f"hi {mine} {{peer}}\n".encode()


def test_serve_welcome_with_an_unknown_placeholder_names_it(qapp, capsys):
    assert main(["serve", "127.0.0.1:0", "--welcome", "hi {nope}"]) == 2
    err = capsys.readouterr().err
    assert "“{nope}”" in err and "{peer}" in err and err.startswith("--welcome:")


def test_help_and_messages_in_chinese():
    done = run_cli("connect", "--help", lang="zh_CN.UTF-8")
    assert done.returncode == 0
    assert "示例" in done.stdout and "连接" in done.stdout
    done = run_cli("connect", f"127.0.0.1:{free_port()}", "--send", "x", lang="zh_CN.UTF-8")
    assert done.returncode == 3


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_udp_sends_one_prints_what_arrives_and_sigterm_exits_0():
    peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    peer.bind(("127.0.0.1", 0))
    peer.settimeout(5)
    proc = start_cli("udp", "127.0.0.1:0", "--to", f"127.0.0.1:{peer.getsockname()[1]}",
                     "--send", "hello 你好\\n", "--no-timestamps")
    try:
        data, cli_address = peer.recvfrom(2048)
        assert data == "hello 你好\n".encode()
        peer.sendto(b"reply datagram", cli_address)
        assert proc.stdout is not None
        wanted = f"RX 127.0.0.1:{peer.getsockname()[1]} › reply datagram"
        for _ in range(5):  # the TX line, then the RX line
            if wanted in proc.stdout.readline():
                break
        else:
            raise AssertionError("the datagram was not printed")
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=10)
    finally:
        peer.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err


def test_udp_broadcast_option_lets_a_broadcast_go_out():
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("0.0.0.0", 0))
    receiver.settimeout(5)
    port = receiver.getsockname()[1]
    proc = start_cli("udp", "0.0.0.0:0", "--broadcast", "--to", f"127.255.255.255:{port}",
                     "--send", "B2 check")
    try:
        assert receiver.recvfrom(100)[0] == b"B2 check"
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=10)
    finally:
        receiver.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Permission denied" not in err


def test_udp_send_that_fails_exits_3_and_names_the_option():
    done = run_cli("udp", "127.0.0.1:0", "--to", "255.255.255.255:9", "--send", "x")
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Permission denied" in done.stderr and "--broadcast" in done.stderr


@pytest.mark.parametrize(("args", "said", "not_said"), [
    (["serve", "70000"], "“70000”", "tcp-server@"),
    (["relay", "70000", "127.0.0.1:9"], "0 to 65535", "tcp-server@"),
    (["udp", "abc"], "[ADDR:]PORT", "udp@"),
    (["serve", "300.1.1.1:80"], "“300.1.1.1”", "@"),
    (["udp", "1.2.3:9000"], "not an address", "@"),
    (["serve", "[1.2.3.4]:80"], "IPv6", "@"),
    (["run", "SCENARIO", "--listen", "fe80::1"], "brackets", "@"),
])
def test_bad_listen_endpoints_say_what_is_allowed(qapp, capsys, tmp_path, args, said,
                                                  not_said):
    scenario = tmp_path / "s.toml"
    scenario.write_text('[[step]]\nwait = 0.1\n', encoding="utf-8")
    assert main([str(scenario) if a == "SCENARIO" else a for a in args]) == 2
    err = capsys.readouterr().err
    assert said in err and not_said not in err, err


def test_an_address_of_another_machine_is_not_told_to_pick_from_a_list():
    done = run_cli("udp", "192.0.2.1:0")  # TEST-NET-1: never this machine's
    assert done.returncode == 3, done.stdout + done.stderr
    assert "does not belong to this machine" in done.stderr
    assert "list" not in done.stderr and "0.0.0.0" in done.stderr


def test_udp_send_without_to_is_bad_usage(qapp, capsys):
    assert main(["udp", "9000", "--send", "x"]) == 2
    assert "--to" in capsys.readouterr().err


def test_serve_rules_reproduce_seed_004(tmp_path):
    rules = tmp_path / "seed004.json"
    rules.write_text('{"rules": [{"how": "exact", "match": "exit", "close": true},\n'
                     '            {"how": "any", "reply": "Hello,{text}!"}]}', encoding="utf-8")
    proc = start_cli("serve", "127.0.0.1:0", "--welcome", "Welcome!", "--rules", str(rules))
    try:
        assert proc.stderr is not None
        port = None
        for _ in range(5):
            found = re.search(r"127\.0\.0\.1:(\d+)", proc.stderr.readline())
            if found:
                port = int(found.group(1))
                break
        assert port, "serve did not say where it listens"
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            got = b""
            while len(got) < 8:
                got += sock.recv(64)
            assert got == b"Welcome!"
            sock.sendall(b"Michael")
            got = b""
            while len(got) < 14:
                got += sock.recv(64)
            assert got == b"Hello,Michael!"
            sock.sendall(b"exit")
            assert sock.recv(64) == b""
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0


def test_serve_bad_rules_file_is_bad_usage(tmp_path):
    rules = tmp_path / "bad.json"
    rules.write_text('{"rules": [{"how": "any", "reply": "x"}, {"how": "nope"}]}',
                     encoding="utf-8")
    result = run_cli("serve", "127.0.0.1:0", "--rules", str(rules))
    assert result.returncode == 2
    assert "Rule 2" in result.stderr and "how" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_relay_forwards_prints_both_sides_and_sigterm_exits_0():
    target = socket.create_server(("127.0.0.1", 0))
    target.settimeout(10)
    target_port = target.getsockname()[1]
    proc = start_cli("relay", "127.0.0.1:0", f"127.0.0.1:{target_port}", "--no-timestamps")
    try:
        assert proc.stderr is not None
        port = None
        for _ in range(5):
            line = proc.stderr.readline()
            found = re.search(r"127\.0\.0\.1:(\d+)", line)
            if found:
                port = int(found.group(1))
                break
        assert port, "relay did not say where it listens"
        payload = bytes(range(256)) * 400
        with socket.create_connection(("127.0.0.1", port), timeout=5) as device:
            far, _ = target.accept()
            with far:
                far.settimeout(5)
                device.sendall(b"ping\n")
                got = b""
                while len(got) < 5:
                    got += far.recv(100)
                assert got == b"ping\n"
                far.sendall(payload)
                back = bytearray()
                while len(back) < len(payload):
                    chunk = device.recv(65536)
                    assert chunk
                    back += chunk
                assert bytes(back) == payload
                device_port = device.getsockname()[1]
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    finally:
        target.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert f"RX device 127.0.0.1:{device_port} › ping" in out
    assert f"RX server 127.0.0.1:{target_port} ›" in out
