"""What every command shares at the terminal: exit codes, messages on stderr, help
formatting, and the event loop with clean SIGINT/SIGTERM handling.

It loads no part of the engine (``main`` and ``pcapng`` need none of it); what the commands
that run a session share — output options, printers, running until a signal — is in
:mod:`app.cli.common`.

No colours or cursor movement are ever written: the output reads the same in a Windows
console, a terminal, a pipe or a file.
"""

from __future__ import annotations

import argparse
import signal
import sys
import textwrap
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QEventLoop, QObject, QTimer, Slot

#: Exit codes (UI-CONTRACT.md "Command line").
OK, EXPECTATION_FAILED, BAD_USAGE, NETWORK_ERROR = 0, 1, 2, 3
#: How often the event loop lets Python run its signal handlers (Qt's loop is C++: a
#: SIGINT would otherwise wait for the next event).
_SIGNAL_POLL_MS = 100


def say(message: str) -> None:
    """A status or error message, in words, on stderr."""
    print(message, file=sys.stderr, flush=True)


def bad_usage(problem: Exception) -> int:
    """Say what is wrong with the command line (``problem``'s message); returns BAD_USAGE."""
    say(str(problem))
    return BAD_USAGE


def prepare_streams() -> None:
    """Never fail on a character the console cannot show (a GBK console and an emoji): it is
    written as an escape instead. Lines are flushed as they are written (pipes too)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace", line_buffering=True)


class Loop(QObject):
    """The command's event loop: :meth:`run` returns the code given to :meth:`finish`, or
    ``interrupt_code`` after SIGINT/SIGTERM (``on_interrupt`` runs first)."""

    def __init__(self, interrupt_code: int = OK,
                 on_interrupt: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._loop = QEventLoop()
        self._code: int | None = None
        self.interrupt_code = interrupt_code
        self.on_interrupt = on_interrupt
        self.interrupted = False

    def finish(self, code: int) -> None:
        """End the loop with ``code`` (the first code given wins)."""
        if self._code is None:
            self._code = code
        self._loop.exit(self._code)

    def _signal(self, signum: int, frame: FrameType | None) -> None:
        # Runs in the main thread between bytecodes; leaving the loop is all it does.
        self.interrupted = True
        QTimer.singleShot(0, self._interrupt)

    @Slot()
    def _interrupt(self) -> None:
        if self.on_interrupt is not None:
            self.on_interrupt()
        self.finish(self.interrupt_code)

    def run(self) -> int:
        """Run until :meth:`finish` or a signal; returns the exit code."""
        if self._code is not None:
            return self._code
        names = ("SIGINT", "SIGTERM", "SIGBREAK")  # SIGBREAK: Ctrl+Break on Windows
        wanted = [getattr(signal, name) for name in names if hasattr(signal, name)]
        previous = {sig: signal.signal(sig, self._signal) for sig in wanted}
        poll = QTimer()
        poll.timeout.connect(lambda: None)
        poll.start(_SIGNAL_POLL_MS)
        try:
            if self._code is None:
                self._loop.exec()
        finally:
            poll.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return OK if self._code is None else self._code


class HelpFormatter(argparse.HelpFormatter):
    """Wraps prose to the terminal's width, keeps lines that start with spaces (examples,
    file samples) exactly as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(
            indent + line if not line or line.startswith(" ") else
            textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent)
            for line in text.splitlines())

