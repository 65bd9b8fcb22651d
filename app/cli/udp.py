"""``socketscope-cli udp``: bind and print datagrams (waits for the engine's UDP session)."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication

from app.cli.console import BAD_USAGE, say


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "udp", help=_tr("bind a UDP port and print datagrams (not available yet)"),
        description=_tr("Bind a UDP port, print the datagrams that arrive, and send one if "
                       "asked. Not available yet: the engine has no UDP session so far."))
    parser.add_argument("endpoint", metavar="[ADDR:]PORT")
    parser.add_argument("--to", metavar="HOST:PORT")
    parser.add_argument("--send", metavar="TEXT")
    return parser


def execute(args: argparse.Namespace) -> int:
    say(_tr("udp is not available yet: the engine has no UDP session so far."))
    return BAD_USAGE
