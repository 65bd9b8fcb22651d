"""``socketscope-cli serve [ADDR:]PORT``: a TCP server that prints its traffic until
SIGINT/SIGTERM (exit 0; the pcapng file and the recording are complete at exit)."""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.autoreply.rules import Rule
from app.cli.common import Output, add_output_options, run_until_stopped
from app.cli.console import BAD_USAGE, bad_usage, say
from app.cli.endpoints import listen_config
from app.sessions.tcp_server import TcpServerSession, welcome_template_of

if TYPE_CHECKING:
    from app.traffic.pcapng import PcapngTap


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's description, examples and arguments, on its sub-parser."""
    parser.description = _tr(
        "Listen on [ADDR:]PORT (all IPv4 interfaces when ADDR is left out; "
        "[::] for IPv6 and IPv4) and print every client's traffic until "
        "Ctrl+C or SIGTERM, then exit 0.")
    parser.epilog = _tr(
        "examples:\n"
        "  socketscope-cli serve 8080\n"
        "  socketscope-cli serve 127.0.0.1:9000 --echo --hex\n"
        "  socketscope-cli serve [::]:502 --welcome \"hello\\r\\n\" "
        "--pcapng device.pcapng")
    parser.add_argument("endpoint", metavar="[ADDR:]PORT")
    parser.add_argument("--echo", action="store_true",
                        help=_tr("send every received chunk back to its sender"))
    parser.add_argument("--welcome", metavar="TEXT",
                        help=_tr("send TEXT to each client as it connects (escapes \\r \\n "
                                "\\t \\\\ \\xNN, UTF-8; {peer} is the client's "
                                "host:port)"))
    parser.add_argument("--rules", metavar="FILE", type=pathlib.Path,
                        help=_tr("auto-reply rules file (JSON, as the window's Import)"))
    parser.add_argument("--pcapng", metavar="FILE", type=pathlib.Path,
                        help=_tr("also write the traffic to FILE as pcapng"))
    parser.add_argument("--record", metavar="FILE", type=pathlib.Path,
                        help=_tr("also record both directions to FILE (convert it later "
                                "with the pcapng command)"))
    add_output_options(parser)


def execute(args: argparse.Namespace) -> int:
    try:
        config = listen_config(args.endpoint)
        output = Output.from_args(args)
    except (ValueError, LookupError) as exc:
        return bad_usage(exc)
    if args.welcome:
        # The session's own welcome, as in the window: queued before the connection's
        # workers start, so it is the first thing a client gets.
        config = dataclasses.replace(config, welcome_on=True, welcome=args.welcome)
        try:
            welcome_template_of(config)
        except ValueError as exc:
            return bad_usage(ValueError(_tr("--welcome: {error}").format(error=exc)))
    rules: tuple[Rule, ...] = ()
    if args.rules is not None:
        # The rules reader and the pcapng writer are imported only when asked for: a plain
        # serve starts listening sooner without them (DESIGN.md §4).
        from app.autoreply.rules_file import RulesFileError, load_rules_file
        try:
            rules = load_rules_file(args.rules)
        except RulesFileError as exc:
            return bad_usage(exc)

    session = TcpServerSession()
    output.attach(session)
    tap: PcapngTap | None = None
    try:
        if args.record is not None:
            session.start_recording(args.record, both_directions=True)
        if args.pcapng is not None:
            from app.traffic.pcapng import PcapngTap
            tap = PcapngTap(args.pcapng, session.initiator)
    except OSError as exc:
        session.stop_recording()
        say(_tr("Cannot write “{path}”: {reason}.").format(
            path=exc.filename, reason=(exc.strerror or str(exc)).rstrip(".")))
        return BAD_USAGE
    if tap is not None:
        session.sink.taps.add(tap)
        pcap = tap
        session.connectionOpened.connect(lambda conn: pcap.connection_opened(conn, conn.since))
        session.connectionClosed.connect(
            lambda conn: pcap.connection_closed(conn.conn_id, time.monotonic()))
    # Echo and rules answer in the receive workers, as in the window (app.autoreply).
    session.set_auto_reply(args.echo, rules)
    code = run_until_stopped(session, lambda: session.open(config))
    if tap is not None:
        tap.close()
        if tap.error:
            say(_tr("Writing the pcapng file failed: {reason}.").format(reason=tap.error))
    session.stop_recording()
    return code
