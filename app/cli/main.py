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
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.cli import connect, pcapng, relay, run, serve, udp
from app.cli.console import BAD_USAGE, prepare_streams
from app.gc_guard import GcGuard
from app.net.limits import raise_descriptor_limit


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)

#: The commands, in the order ``--help`` lists them: each module has ``add_parser`` and
#: ``execute``.
COMMANDS = (serve, connect, udp, relay, run, pcapng)

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socketscope-cli",
        description=_tr("SocketScope on the command line: the same engine as the window. "
                       "Traffic goes to stdout, one entry a line; status and errors to "
                       "stderr. Exit codes: 0 success, 1 an expectation failed, 2 bad usage "
                       "or a bad file, 3 a network error."),
        epilog=_tr("Run “socketscope-cli COMMAND --help” for a command's options and "
                  "examples."))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.add_parser(commands).set_defaults(execute=module.execute)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in ``argv`` (default: the process's arguments); returns the exit code."""
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    _gc_guard = GcGuard(app)  # cyclic collection from the event loop only (app/gc_guard.py)
    prepare_streams()
    _install_translator(app)
    raise_descriptor_limit()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or bad usage (2)
        return exc.code if isinstance(exc.code, int) else BAD_USAGE
    return int(args.execute(args))
