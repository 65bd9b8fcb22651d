"""``socketscope-cli``: parse the command line, start the engine, run one command.

Why argparse and not ``QCommandLineParser``: the engine needs only QtCore, and argparse gives
sub-commands, per-command ``--help`` with examples, mutually exclusive options and exit code 2
on bad usage out of the box; ``QCommandLineParser`` has no sub-commands and would add nothing
here. Help texts still go through Qt's translation (context ``Cli``), so they follow the
system language like the window.

The engine runs under a ``QCoreApplication``; no widget module (``QtWidgets``, ``QtGui``) is
ever imported (``tests/test_cli.py`` checks it).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.cli.console import BAD_USAGE, HelpFormatter, prepare_streams
from app.gc_guard import GcGuard
from app.net.limits import raise_descriptor_limit


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def commands() -> tuple[tuple[str, str], ...]:
    """The commands, in the order ``--help`` lists them, each with the line it shows there.

    Command ``NAME`` is the module ``app.cli.NAME``, with ``add_arguments(parser)`` and
    ``execute(args)``. Only the module of the command being run is imported: ``serve`` starts
    listening without loading the scenario reader or the pcapng converter (cold start,
    DESIGN.md §4).
    """
    return (
        ("serve", _tr("run a TCP server and print its traffic")),
        ("connect", _tr("connect, send, wait for a reply")),
        ("udp", _tr("bind a UDP port, print datagrams, send one")),
        ("relay", _tr("forward TCP between devices and a target, printing both directions")),
        ("run", _tr("run a scenario file (send, expect, wait) against a device")),
        ("pcapng", _tr("convert a recording (both directions) to pcapng for Wireshark")),
    )


_translators: list[QTranslator] = []


def _translations_dir() -> Path:
    """``ui/translations``, where the window's ``.qm`` files ship (wheel, checkout, bundle).

    Found with ``find_spec``, which locates the ``ui`` package without importing it: the
    command line loads no widget module.
    """
    spec = importlib.util.find_spec("ui")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))) / "translations"
    return Path(__file__).resolve().parent.parent.parent / "ui" / "translations"


def _install_translator(app: QCoreApplication) -> None:
    """The system language's translation, when we ship one (as the window does)."""
    if QLocale.system().language() != QLocale.Language.Chinese:
        return
    translator = QTranslator(app)
    if translator.load("socketscope_zh_CN", str(_translations_dir())):
        QCoreApplication.installTranslator(translator)
        _translators.append(translator)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with every command listed and ``command``'s arguments (the others parse
    nothing: they are never run by this parser)."""
    parser = argparse.ArgumentParser(
        prog="socketscope-cli",
        description=_tr("SocketScope on the command line: the same engine as the window. "
                       "Traffic goes to stdout, one entry a line; status and errors to "
                       "stderr. Exit codes: 0 success, 1 an expectation failed, 2 bad usage "
                       "or a bad file, 3 a network error."),
        epilog=_tr("Run “socketscope-cli COMMAND --help” for a command's options and "
                  "examples."))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, summary in commands():
        sub = subparsers.add_parser(name, help=summary, formatter_class=HelpFormatter)
        if name == command:
            module = importlib.import_module(f"app.cli.{name}")
            module.add_arguments(sub)
            sub.set_defaults(execute=module.execute)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in ``argv`` (default: the process's arguments); returns the exit code."""
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    _gc_guard = GcGuard(app)  # cyclic collection from the event loop only (app/gc_guard.py)
    prepare_streams()
    _install_translator(app)
    raise_descriptor_limit()
    words = sys.argv[1:] if argv is None else list(argv)
    # The command is the first word that is not an option (the top level has only --help).
    parser = build_parser(next((word for word in words if not word.startswith("-")), None))
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # --help (0) or bad usage (2)
        return exc.code if isinstance(exc.code, int) else BAD_USAGE
    return int(args.execute(args))
