"""``socketscope-cli relay [ADDR:]PORT HOST:PORT``: forward TCP between devices and a target
as the relay page does, printing both directions until SIGINT/SIGTERM (exit 0)."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication

from app.cli.common import Output, add_output_options, run_until_stopped
from app.cli.console import bad_usage
from app.cli.endpoints import dial_config, listen_config
from app.sessions.config import TcpRelayConfig
from app.sessions.tcp_relay import TcpRelaySession


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's description, examples and arguments, on its sub-parser."""
    parser.description = _tr(
        "Listen on [ADDR:]PORT; for each device that connects, connect to "
        "HOST:PORT and forward both ways unchanged, printing the traffic of "
        "both sides until Ctrl+C or SIGTERM, then exit 0.")
    parser.epilog = _tr(
        "examples:\n"
        "  socketscope-cli relay 1502 192.168.1.10:502\n"
        "  socketscope-cli relay 127.0.0.1:9000 [::1]:8080 --hex")
    parser.add_argument("endpoint", metavar="[ADDR:]PORT")
    parser.add_argument("target", metavar="HOST:PORT")
    parser.add_argument("--timeout", type=float, default=5.0, metavar="S",
                        help=_tr("seconds to wait for the target to answer (default 5)"))
    add_output_options(parser)


def execute(args: argparse.Namespace) -> int:
    try:
        listen = listen_config(args.endpoint)
        target = dial_config(args.target, args.timeout)
        config = TcpRelayConfig(listen.host, listen.port, target.host, target.port,
                                target.timeout)
        output = Output.from_args(args)
    except (ValueError, LookupError) as exc:
        return bad_usage(exc)

    session = TcpRelaySession()
    output.attach(session)
    return run_until_stopped(session, lambda: session.open(config))
