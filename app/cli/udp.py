"""``socketscope-cli udp [ADDR:]PORT``: bind a UDP port, print the datagrams that arrive, send
one if asked; runs until SIGINT/SIGTERM (exit 0)."""

from __future__ import annotations

import argparse
import dataclasses

from PySide6.QtCore import QCoreApplication

from app.cli.console import (
    BAD_USAGE,
    NETWORK_ERROR,
    OK,
    HelpFormatter,
    Loop,
    StatusPrinter,
    TrafficPrinter,
    add_output_options,
    framing_config,
    render_options,
    say,
)
from app.input_errors import InputError
from app.net.endpoints import EndpointError, parse_endpoint
from app.send.escapes import encode_text
from app.send.hex_input import parse_hex
from app.send.targets import ALL
from app.sessions.base import SessionState
from app.sessions.config import UdpConfig
from app.sessions.kinds import parse_spec
from app.sessions.udp import UdpSession


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "udp", help=_tr("bind a UDP port, print datagrams, send one"),
        formatter_class=HelpFormatter,
        description=_tr("Bind a UDP port on [ADDR:]PORT (all IPv4 interfaces when ADDR is left "
                        "out; [::] for IPv6 and IPv4), print each datagram that arrives as one "
                        "entry naming its sender, and send one datagram to --to if asked. Runs "
                        "until Ctrl+C or SIGTERM, then exits 0."),
        epilog=_tr("examples:\n"
                   "  socketscope-cli udp 9000\n"
                   "  socketscope-cli udp 0.0.0.0:9000 --to 192.168.1.20:9000 --send "
                   "\"hello\\r\\n\"\n"
                   "  socketscope-cli udp [::]:5683 --hex"))
    parser.add_argument("endpoint", metavar="[ADDR:]PORT")
    parser.add_argument("--to", metavar="HOST:PORT",
                        help=_tr("where --send and --send-hex go"))
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--send", metavar="TEXT",
                      help=_tr("text to send, in --encoding (escapes \\r \\n \\t \\\\ \\xNN)"))
    what.add_argument("--send-hex", metavar="HEX",
                      help=_tr("bytes to send, in hex (01 02 0A, 01020A, 0x01,0x02)"))
    add_output_options(parser)
    return parser


def _config(args: argparse.Namespace) -> UdpConfig:
    _kind, config = parse_spec(f"udp@{args.endpoint}")
    assert isinstance(config, UdpConfig)
    if args.to is None:
        if args.send is not None or args.send_hex is not None:
            raise ValueError(_tr("--send and --send-hex need --to HOST:PORT."))
        return config
    try:
        host, port = parse_endpoint(args.to)
    except EndpointError as exc:
        raise ValueError(str(exc)) from None
    if port is None:
        raise ValueError(_tr("“{text}” has no port: write HOST:PORT, e.g. 192.168.1.10:502 or "
                             "[::1]:8080.").format(text=args.to))
    return dataclasses.replace(config, remote_host=host, remote_port=port)


def execute(args: argparse.Namespace) -> int:
    try:
        config = _config(args)
        options = render_options(args)
        codec = "utf-8" if args.encoding == "auto" else args.encoding
        payload = b""
        if args.send is not None:
            payload = encode_text(args.send, codec, escapes=True)
        elif args.send_hex is not None:
            payload = parse_hex(args.send_hex)
    except (ValueError, LookupError) as exc:
        say(exc.message if isinstance(exc, InputError) else str(exc))
        return BAD_USAGE

    session = UdpSession()
    session.set_framing(framing_config(args))
    TrafficPrinter(session, options)
    StatusPrinter(session)
    loop = Loop()

    def on_state(state: str) -> None:
        if state == SessionState.OPEN and payload:
            if session.send(payload, ALL) == 0:
                say(session.refusal)
                loop.finish(BAD_USAGE)
        elif state == SessionState.CLOSED and not loop.interrupted:
            loop.finish(NETWORK_ERROR)  # binding failed: the status said why

    session.stateChanged.connect(on_state)
    session.open(config)
    code = loop.run()
    session.stateChanged.disconnect(on_state)
    session.close()
    return OK if loop.interrupted else code
