"""What every command shares: exit codes, messages on stderr, the event loop with clean
SIGINT/SIGTERM handling, and the traffic printer (entries rendered like the log).

No colours or cursor movement are ever written: the output reads the same in a Windows
console, a terminal, a pipe or a file.
"""

from __future__ import annotations

import argparse
import signal
import sys
import textwrap
import time
from collections.abc import Callable
from types import FrameType
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Slot

from app.sessions.base import Session
from app.traffic.framing import FramingConfig
from app.traffic.renderer import LogRenderer, RenderOptions

#: Exit codes (UI-CONTRACT.md "Command line").
OK, EXPECTATION_FAILED, BAD_USAGE, NETWORK_ERROR = 0, 1, 2, 3
#: An entry is printed whole up to this many bytes, like the log view shows it.
ENTRY_BYTES = 64 * 1024
#: The CLI prints entries as they come; the session's log store need keep only a little.
LOG_BUDGET = 8 * 1024 * 1024
#: How often the event loop lets Python run its signal handlers (Qt's loop is C++: a
#: SIGINT would otherwise wait for the next event).
_SIGNAL_POLL_MS = 100

_CONTEXT = "Cli"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def say(message: str) -> None:
    """A status or error message, in words, on stderr."""
    print(message, file=sys.stderr, flush=True)


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


#: How long a command waits at its end for queued bytes to reach the socket.
FLUSH_SECONDS = 5.0


def finish_when_sent(loop: Loop, session: Session, code: int) -> None:
    """End ``loop`` with ``code`` once every byte queued to ``session`` is written (closing
    the session earlier would drop what its send workers still hold), or after
    :data:`FLUSH_SECONDS`."""
    deadline = time.monotonic() + FLUSH_SECONDS
    check = QTimer(loop)

    def poll() -> None:
        if session.queued_bytes() == 0 or time.monotonic() > deadline:
            check.stop()
            loop.finish(code)

    check.timeout.connect(poll)
    check.start(5)
    poll()


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """How traffic is printed: the log's modes, encodings and framing."""
    group = parser.add_argument_group(tr("output"))
    group.add_argument("--hex", action="store_true",
                       help=tr("print traffic as hex instead of text"))
    group.add_argument("--encoding", default="utf-8", metavar="CODEC",
                       help=tr("text encoding of the traffic: utf-8 (default), gbk, auto "
                               "(UTF-8, else GBK), any Python codec"))
    group.add_argument("--framing", choices=("chunk", "lf", "crlf"), default="chunk",
                       help=tr("one entry per read (chunk, default) or per line (lf, crlf)"))
    group.add_argument("--no-timestamps", action="store_true",
                       help=tr("leave out the time at the start of each entry"))


def render_options(args: argparse.Namespace) -> RenderOptions:
    """The render options the output options ask for; ValueError for a bad encoding."""
    return RenderOptions(mode="hex" if args.hex else "text", encoding=args.encoding,
                         timestamps=not args.no_timestamps, max_entry_bytes=ENTRY_BYTES)


def framing_config(args: argparse.Namespace) -> FramingConfig:
    if args.framing == "lf":
        return FramingConfig("delimiter", b"\n")
    if args.framing == "crlf":
        return FramingConfig("delimiter", b"\r\n")
    return FramingConfig()


class TrafficPrinter(QObject):
    """Prints a session's log entries on ``stream`` as they are appended, one entry a line
    (an entry with line breaks continues on indented lines, as in the log)."""

    def __init__(self, session: Session, options: RenderOptions,
                 stream: TextIO | None = None) -> None:
        super().__init__(session)
        self._session = session
        self._stream = stream
        self._renderer = LogRenderer(options, session.peer_label)
        self._seq = session.log.last_seq
        session.log.set_budget(LOG_BUDGET)
        session.logAppended.connect(self.print_new)

    @Slot()
    def print_new(self) -> None:
        log = self._session.log
        entries = log.entries_since(self._seq)
        if not entries:
            return
        missed = entries[0].seq - self._seq - 1
        if missed > 0:
            say(tr("({count} entries not shown: they came faster than they could be "
                   "printed)").format(count=missed))
        self._seq = entries[-1].seq
        stream = self._stream or sys.stdout
        stream.write(self._renderer.render(entries) + "\n")
        stream.flush()


class StatusPrinter(QObject):
    """Prints the session's status line on stderr each time it changes."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._last = ""
        session.statusChanged.connect(self._show)

    @Slot(str)
    def _show(self, text: str) -> None:
        if text and text != self._last:
            self._last = text
            say(text)
