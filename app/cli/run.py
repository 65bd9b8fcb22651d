"""``socketscope-cli run SCENARIO``: run a scenario file against a device, one line per step."""

from __future__ import annotations

import argparse
import pathlib
import sys

from PySide6.QtCore import QCoreApplication

from app.cli.common import StatusPrinter, finish_when_sent
from app.cli.console import (
    EXPECTATION_FAILED,
    NETWORK_ERROR,
    OK,
    Loop,
    bad_usage,
    say,
)
from app.cli.endpoints import dial_config, listen_config
from app.net.tcp_connection import TcpConnection
from app.scenario.file import ExpectStep, ScenarioError, SendStep, load_scenario
from app.scenario.runner import SHOWN_BYTES, ScenarioRunner, StepResult
from app.sessions.base import Session, SessionState
from app.sessions.config import TcpClientConfig
from app.sessions.tcp_client import TcpClientSession
from app.sessions.tcp_server import TcpServerSession
from app.traffic.hex_format import hex_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)

#: The words that mark a step's outcome. Not translated: scripts look for them.
PASS, FAIL = "pass", "fail"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's description, examples and arguments, on its sub-parser."""
    parser.description = _tr(
        "Run the steps of SCENARIO (TOML) on one connection: dial the device "
        "(--connect) or wait for it to connect (--listen). One line per step "
        "with “pass” or “fail”; exit 0 when every step passed, 1 at the first "
        "that did not, 2 for a bad file, 3 when the connection fails.")
    parser.epilog = _tr(
        "scenario file:\n"
        "  encoding = \"utf-8\"            # optional\n"
        "  [[step]]\n"
        "  send_hex = \"01 03 00 00 00 0A\"\n"
        "  checksum = \"crc16-modbus\"     # optional\n"
        "  [[step]]\n"
        "  expect_hex = \"01 03 14\"       # or expect / expect_regex\n"
        "  timeout = 2.0                 # seconds, default 5\n"
        "  [[step]]\n"
        "  wait = 0.5\n"
        "examples:\n"
        "  socketscope-cli run modbus.toml --connect 192.168.1.10:502\n"
        "  socketscope-cli run login.toml --listen 0.0.0.0:9000")
    parser.add_argument("scenario", type=pathlib.Path, metavar="SCENARIO")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--connect", metavar="HOST:PORT", help=_tr("dial the device"))
    where.add_argument("--listen", metavar="[ADDR:]PORT",
                       help=_tr("wait for one device to connect"))
    parser.add_argument("--timeout", metavar="S", type=float, default=5.0,
                        help=_tr("seconds to connect (--connect; default 5)"))


def describe(result: StepResult, encoding: str) -> str:
    """One line for a step's outcome: number, pass/fail, what it did, how long it took."""
    step = result.step
    if isinstance(step, SendStep):
        shown = hex_text(step.data[:SHOWN_BYTES]) + (" …" if len(step.data) > SHOWN_BYTES
                                                      else "")
        what = _tr("send {count} bytes: {hex}").format(count=len(step.data), hex=shown)
    elif isinstance(step, ExpectStep):
        name = {"text": "expect", "hex": "expect_hex", "regex": "expect_regex"}[step.kind]
        what = f"{name} “{step.source}”"
    else:
        what = _tr("wait {seconds:g} s").format(seconds=step.seconds)
    line = f"step {result.number}: {PASS if result.passed else FAIL}  {what}  " \
           f"({result.elapsed:.3f} s)"
    if not result.passed:
        line += " — " + result.reason
        if isinstance(step, ExpectStep):
            got = result.received
            line += "; " + _tr("received {count} bytes since the previous expect").format(
                count=len(got))
            if got:
                tail = got[-SHOWN_BYTES:]
                text = tail.decode(encoding, "backslashreplace")
                line += f": {hex_text(tail)} “{text}”"
    return line


def execute(args: argparse.Namespace) -> int:
    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as exc:
        return bad_usage(exc)
    session: Session
    try:
        if args.connect is not None:
            if not 0 < args.timeout <= 3600:
                raise ValueError(_tr("--timeout must be above 0 and at most 3600 seconds."))
            client_config: TcpClientConfig = dial_config(args.connect, args.timeout)
            session = client = TcpClientSession()
        else:
            server_config = listen_config(args.listen)
            session = server = TcpServerSession()
    except ValueError as exc:
        return bad_usage(exc)

    StatusPrinter(session)
    loop = Loop(EXPECTATION_FAILED)
    runner: ScenarioRunner | None = None

    def on_step(result: StepResult) -> None:
        print(describe(result, scenario.encoding), file=sys.stdout, flush=True)

    def on_opened(conn: TcpConnection) -> None:
        nonlocal runner
        if runner is not None:
            return  # --listen runs the scenario with the first device only
        runner = ScenarioRunner(scenario, session, conn.conn_id, session)
        runner.stepDone.connect(on_step)
        runner.finished.connect(
            lambda ok: finish_when_sent(loop, session, OK if ok else EXPECTATION_FAILED))
        runner.start()

    def on_state(state: str) -> None:
        if state == SessionState.CLOSED and runner is None:
            loop.finish(NETWORK_ERROR)

    session.connectionOpened.connect(on_opened)
    session.stateChanged.connect(on_state)
    if args.connect is not None:
        client.open(client_config)
    else:
        server.open(server_config)
    code = loop.run()
    if loop.interrupted:
        say(_tr("Interrupted."))
    if runner is not None:
        runner.stop()
    session.stateChanged.disconnect(on_state)
    session.close()
    return code
