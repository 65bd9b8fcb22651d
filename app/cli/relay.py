"""``socketscope-cli relay``: forward between devices and a target (waits for the engine's
relay session)."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication

from app.cli.console import BAD_USAGE, say


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "relay", help=_tr("forward TCP between devices and a target (not available yet)"),
        description=_tr("Listen, connect to the target for each device and forward both ways. "
                       "Not available yet: the engine has no relay session so far."))
    parser.add_argument("endpoint", metavar="[ADDR:]PORT")
    parser.add_argument("target", metavar="HOST:PORT")
    return parser


def execute(args: argparse.Namespace) -> int:
    say(_tr("relay is not available yet: the engine has no relay session so far."))
    return BAD_USAGE
