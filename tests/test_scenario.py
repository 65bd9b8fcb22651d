"""Scenario files (app/scenario/file.py) and the runner (app/scenario/runner.py) on a real
loopback connection."""

from __future__ import annotations

import pytest

from app.scenario.file import (
    DEFAULT_TIMEOUT,
    ExpectStep,
    ScenarioError,
    SendStep,
    WaitStep,
    load_scenario,
    parse_scenario,
)
from app.scenario.runner import ScenarioRunner


def test_steps_with_checksum_encoding_and_defaults():
    scenario = parse_scenario(
        'encoding = "gbk"\n'
        '[[step]]\nsend = "你好\\n"\n'
        '[[step]]\nsend_hex = "31 32 33 34 35 36 37 38 39"\nchecksum = "crc8"\n'
        '[[step]]\nexpect = "好"\n'
        '[[step]]\nexpect_hex = "0a0b"\ntimeout = 0.5\n'
        '[[step]]\nexpect_regex = "T=\\\\d+"\n'
        '[[step]]\nwait = 0\n')
    assert scenario.encoding == "gbk"
    send_text, send_hex, expect, expect_hex, regex, wait = scenario.steps
    assert send_text == SendStep("你好\n".encode("gbk"))
    assert send_hex == SendStep(b"123456789\xf4")  # CRC-8/SMBUS check value F4
    assert isinstance(expect, ExpectStep) and expect.needle == "好".encode("gbk")
    assert expect.timeout == DEFAULT_TIMEOUT
    assert isinstance(expect_hex, ExpectStep) and expect_hex.needle == b"\x0a\x0b"
    assert expect_hex.timeout == 0.5
    assert isinstance(regex, ExpectStep) and regex.pattern is not None
    assert regex.pattern.search("T=42")
    assert wait == WaitStep(0.0)


@pytest.mark.parametrize(("text", "step", "key"), [
    ('[[step]]\nsend_hex = "01 0G"\n', 1, "send_hex"),
    ('[[step]]\nwait = 1\n[[step]]\nexpect_regex = "("\n', 2, "expect_regex"),
    ('[[step]]\nsend = "a"\ncolour = "red"\n', 1, "colour"),
    ('[[step]]\nsend = "a"\ntimeout = 1\n', 1, "timeout"),
    ('[[step]]\nexpect = "a"\nchecksum = "xor"\n', 1, "checksum"),
    ('[[step]]\nexpect = "a"\ntimeout = -1\n', 1, "timeout"),
    ('[[step]]\nwait = "soon"\n', 1, "wait"),
    ('[[step]]\nsend = 5\n', 1, "send"),
    ('[[step]]\nsend = ""\n', 1, "send"),
    ('[[step]]\nsend = "a"\nexpect = "b"\n', 1, None),
    ('steps = 1\n', None, "steps"),
    ('encoding = "klingon"\n[[step]]\nsend = "a"\n', None, "encoding"),
    ('encoding = "ascii"\n[[step]]\nsend = "é"\n', 1, "send"),
    ('', None, None),
])
def test_errors_name_the_step_and_the_key(text, step, key):
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text)
    assert info.value.step == step
    assert info.value.key == key
    message = str(info.value)
    if step is not None:
        assert f"Step {step}" in message
    if key is not None:
        assert key in message


def test_unreadable_file(tmp_path):
    with pytest.raises(ScenarioError, match="Cannot read"):
        load_scenario(tmp_path / "missing.toml")


def _run(qtbot, session, conn_id, text):
    runner = ScenarioRunner(parse_scenario(text), session, conn_id)
    results = []
    runner.stepDone.connect(results.append)
    with qtbot.waitSignal(runner.finished, timeout=10000) as blocker:
        runner.start()
    return blocker.args[0], results


def test_runner_sends_and_expects_on_a_real_connection(qtbot, wired):
    session, peer = wired
    conn_id = session.connections()[0].conn_id

    def answer() -> None:
        assert peer.recv_exactly(4) == b"ping"
        peer.send(b"xx pong yy T=17")

    import threading
    thread = threading.Thread(target=answer)
    thread.start()
    ok, results = _run(qtbot, session, conn_id,
                       '[[step]]\nsend = "ping"\n[[step]]\nexpect = "pong"\n'
                       '[[step]]\nwait = 0.01\n')
    thread.join(5)
    assert ok is True
    assert [r.passed for r in results] == [True, True, True]
    assert b"pong" in results[1].received


def test_an_expect_only_sees_what_came_after_the_previous_expect(qtbot, wired):
    session, peer = wired
    conn_id = session.connections()[0].conn_id
    peer.send(b"AB")
    ok, results = _run(qtbot, session, conn_id,
                       '[[step]]\nexpect = "A"\n[[step]]\nexpect = "B"\ntimeout = 0.2\n')
    # "B" arrived with "A", before the first expect passed: the second must not see it.
    assert ok is False
    assert [(r.number, r.passed) for r in results] == [(1, True), (2, False)]
    assert "0.2 s" in results[1].reason


def test_expect_fails_when_the_peer_closes(qtbot, wired):
    session, peer = wired
    conn_id = session.connections()[0].conn_id
    peer.send(b"partial")
    peer.close()
    ok, results = _run(qtbot, session, conn_id, '[[step]]\nexpect = "complete"\n')
    assert ok is False
    assert results[-1].number == 1 and not results[-1].passed
    assert results[-1].received == b"partial"
