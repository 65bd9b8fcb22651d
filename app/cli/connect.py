"""``socketscope-cli connect HOST:PORT``: connect, send, wait for an expected reply, exit."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication, QTimer

from app.cli.common import (
    Output,
    add_output_options,
    add_send_options,
    send_payload,
    text_codec,
)
from app.cli.console import (
    EXPECTATION_FAILED,
    NETWORK_ERROR,
    OK,
    Loop,
    bad_usage,
    say,
)
from app.cli.endpoints import dial_config
from app.net.tcp_connection import TcpConnection
from app.send.targets import ALL
from app.sessions.base import SessionState
from app.sessions.tcp_client import TcpClientSession
from app.traffic.chunk import Chunk, Direction


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)

#: What is kept of the received bytes while looking for the expected text, beyond its length.
_KEEP = 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's description, examples and arguments, on its sub-parser."""
    parser.description = _tr(
        "Connect to HOST:PORT ([v6]:PORT for IPv6), send TEXT or HEX, and wait "
        "for the expected text: exit 0 when it comes, 1 when it does not come "
        "within the timeout. Without --expect it exits once the data is sent; "
        "with nothing to send or expect it prints traffic until the peer "
        "closes or Ctrl+C.")
    parser.epilog = _tr(
        "examples:\n"
        "  socketscope-cli connect 127.0.0.1:8080 --send \"PING\\r\\n\" "
        "--expect PONG\n"
        "  socketscope-cli connect 192.168.1.10:502 --send-hex "
        "\"00 01 00 00 00 06 01 03 00 00 00 0A\" --hex\n"
        "  socketscope-cli connect [::1]:9000")
    parser.add_argument("endpoint", metavar="HOST:PORT")
    add_send_options(parser)
    parser.add_argument("--expect", metavar="TEXT",
                        help=_tr("wait until the received bytes contain TEXT (in --encoding)"))
    parser.add_argument("--timeout", metavar="S", type=float, default=5.0,
                        help=_tr("seconds to connect, and to wait for --expect (default 5)"))
    add_output_options(parser)


def execute(args: argparse.Namespace) -> int:
    try:
        if not 0 < args.timeout <= 3600:
            raise ValueError(_tr("--timeout must be above 0 and at most 3600 seconds."))
        config = dial_config(args.endpoint, args.timeout)
        output = Output.from_args(args)
        payload = send_payload(args)
        needle = args.expect.encode(text_codec(args)) if args.expect else b""
    except (ValueError, LookupError) as exc:
        return bad_usage(exc)

    session = TcpClientSession()
    printer = output.attach(session)
    # Interrupted while waiting for the expected text: it did not come.
    loop = Loop(EXPECTATION_FAILED if needle else OK)
    received = bytearray()
    expired = QTimer()
    expired.setSingleShot(True)
    connected = False

    def on_opened(conn: TcpConnection) -> None:
        nonlocal connected
        connected = True
        if payload:
            session.send(payload, ALL)
        if needle:
            expired.start(round(args.timeout * 1000))

    def on_chunks(chunks: list[Chunk]) -> None:
        sent = False
        for chunk in chunks:
            if chunk.direction is Direction.RX:
                received.extend(chunk.data)
            else:
                sent = True
        if needle:
            if needle in received:
                printer.print_new()
                loop.finish(OK)
            elif len(received) > _KEEP + len(needle):
                del received[:-len(needle)]
        elif payload and sent and session.tx_total() >= len(payload):
            printer.print_new()
            loop.finish(OK)

    def on_timeout() -> None:
        say(_tr("Expected “{text}” did not arrive within {seconds:g} s.").format(
            text=args.expect, seconds=args.timeout))
        loop.finish(EXPECTATION_FAILED)

    def on_state(state: str) -> None:
        if state != SessionState.CLOSED:
            return
        if not connected:
            loop.finish(NETWORK_ERROR)  # refused, unreachable, timeout: the status said why
        elif needle:
            say(_tr("The connection closed before “{text}” arrived.").format(text=args.expect))
            loop.finish(EXPECTATION_FAILED)
        else:
            loop.finish(OK)

    expired.timeout.connect(on_timeout)
    session.connectionOpened.connect(on_opened)
    session.chunksArrived.connect(on_chunks)
    session.stateChanged.connect(on_state)
    session.open(config)
    code = loop.run()
    expired.stop()
    session.stateChanged.disconnect(on_state)
    session.close()
    return code
