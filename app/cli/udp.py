"""``socketscope-cli udp [ADDR:]PORT``: bind a UDP port, print the datagrams that arrive, send
one if asked; runs until SIGINT/SIGTERM (exit 0)."""

from __future__ import annotations

import argparse
import dataclasses

from PySide6.QtCore import QCoreApplication

from app.cli.common import (
    Output,
    add_output_options,
    add_send_options,
    run_until_stopped,
    send_payload,
)
from app.cli.console import BAD_USAGE, NETWORK_ERROR, Loop, bad_usage, say
from app.cli.endpoints import dial_endpoint, listen_at
from app.send.targets import ALL
from app.sessions.config import UdpConfig
from app.sessions.udp import UdpSession


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's description, examples and arguments, on its sub-parser."""
    parser.description = _tr(
        "Bind a UDP port on [ADDR:]PORT (all IPv4 interfaces when ADDR is left "
        "out; [::] for IPv6 and IPv4), print each datagram that arrives as one "
        "entry naming its sender, and send one datagram to --to if asked. Runs "
        "until Ctrl+C or SIGTERM, then exits 0; exits 3 at once when the datagram "
        "cannot be sent (a broadcast address without --broadcast, host not found).")
    parser.epilog = _tr(
        "examples:\n"
        "  socketscope-cli udp 9000\n"
        "  socketscope-cli udp 0.0.0.0:9000 --to 192.168.1.20:9000 --send "
        "\"hello\\r\\n\"\n"
        "  socketscope-cli udp 0.0.0.0:0 --broadcast --to 255.255.255.255:9000 --send-hex "
        "\"01 02\"\n"
        "  socketscope-cli udp [::]:5683 --hex")
    parser.add_argument("endpoint", metavar="[ADDR:]PORT")
    parser.add_argument("--to", metavar="HOST:PORT",
                        help=_tr("where --send and --send-hex go"))
    parser.add_argument("--broadcast", action="store_true",
                        help=_tr("allow sending to broadcast addresses (SO_BROADCAST), e.g. "
                                 "--to 255.255.255.255:9000"))
    add_send_options(parser)
    add_output_options(parser)


def _config(args: argparse.Namespace) -> UdpConfig:
    config = listen_at(UdpConfig(broadcast=args.broadcast), args.endpoint)
    if args.to is None:
        if args.send is not None or args.send_hex is not None:
            raise ValueError(_tr("--send and --send-hex need --to HOST:PORT."))
        return config
    host, port = dial_endpoint(args.to)
    return dataclasses.replace(config, remote_host=host, remote_port=port)


def execute(args: argparse.Namespace) -> int:
    try:
        config = _config(args)
        output = Output.from_args(args)
        payload = send_payload(args)
    except (ValueError, LookupError) as exc:
        return bad_usage(exc)

    session = UdpSession()
    output.attach(session)

    def send(loop: Loop) -> None:
        # The datagram is sent in a worker: a failure (permission denied, host not found)
        # arrives as a problem, printed with the status line. A "port unreachable" after it
        # went out is printed too, and receiving goes on.
        def failed(_message: str) -> None:
            if session.tx_messages() == 0:
                loop.finish(NETWORK_ERROR)

        session.problem.connect(failed)
        if session.send(payload, ALL) == 0:
            say(session.refusal)
            loop.finish(BAD_USAGE)

    return run_until_stopped(session, lambda: session.open(config), send if payload else None)
