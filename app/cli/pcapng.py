"""``socketscope-cli pcapng RECORDING OUT``: convert a both-directions recording to pcapng."""

from __future__ import annotations

import argparse
import os
import pathlib

from PySide6.QtCore import QCoreApplication

from app.cli.console import BAD_USAGE, OK, say
from app.traffic.pcapng import convert_recording


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's description, examples and arguments, on its sub-parser."""
    parser.description = _tr(
        "Convert a recording made with “Record…” (both directions) or "
        "“serve --record” into a pcapng file that Wireshark and tshark open: "
        "synthesized IP and TCP headers with the real addresses and ports.")
    parser.epilog = _tr(
        "example:\n  socketscope-cli pcapng session.ssrec session.pcapng")
    parser.add_argument("recording", type=pathlib.Path, metavar="RECORDING")
    parser.add_argument("out", type=pathlib.Path, metavar="OUT")


def execute(args: argparse.Namespace) -> int:
    # Written beside OUT and renamed at the end: a bad recording never leaves a half file or
    # truncates an OUT that was there.
    part = args.out.with_name(args.out.name + ".part")
    try:
        with open(part, "wb") as out:
            packets, unknown = convert_recording(args.recording, out)
        os.replace(part, args.out)
    except (ValueError, OSError) as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, ValueError):
            say(str(exc))
        else:
            say(_tr("Cannot convert: {reason}.").format(
                reason=f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc)))
        return BAD_USAGE
    if unknown:
        say(_tr("{count} connection(s) of the recording have no addresses (it was made by an "
               "older version): they are shown between 127.0.0.1 and 127.0.0.2.").format(
            count=unknown))
    say(_tr("Wrote {packets} packets to {path}.").format(packets=packets, path=args.out))
    return OK
