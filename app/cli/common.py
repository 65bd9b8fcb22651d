"""The set-up the commands that run a session share (``serve``, ``connect``, ``udp``,
``relay``, ``run``), in one place: the output options and what they ask for, the send options,
the traffic and status printers, and running a session until a signal.

Entries are printed as the log renders them (:mod:`app.traffic.renderer`); status lines and
errors go to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

from app.cli.console import NETWORK_ERROR, OK, Loop, say
from app.send.escapes import encode_text, resolve_send_encoding
from app.send.hex_input import parse_hex
from app.sessions.base import Session, SessionState
from app.traffic.framing import FramingConfig
from app.traffic.renderer import LogRenderer, RenderOptions

#: An entry is printed whole up to this many bytes, like the log view shows it.
ENTRY_BYTES = 64 * 1024
#: The CLI prints entries as they come; the session's log store need keep only a little.
LOG_BUDGET = 8 * 1024 * 1024
#: How long a command waits at its end for queued bytes to reach the socket.
FLUSH_SECONDS = 5.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """How traffic is printed: the log's modes, encodings and framing."""
    group = parser.add_argument_group(_tr("output"))
    group.add_argument("--hex", action="store_true",
                       help=_tr("print traffic as hex instead of text"))
    group.add_argument("--encoding", default="utf-8", metavar="CODEC",
                       help=_tr("text encoding of the traffic: utf-8 (default), gbk, auto "
                                "(UTF-8, else GBK), any Python codec"))
    group.add_argument("--framing", choices=("chunk", "lf", "crlf"), default="chunk",
                       help=_tr("one entry per read (chunk, default) or per line (lf, crlf)"))
    group.add_argument("--no-timestamps", action="store_true",
                       help=_tr("leave out the time at the start of each entry"))


def add_send_options(parser: argparse.ArgumentParser) -> None:
    """``--send TEXT`` or ``--send-hex HEX``, one of them (read with :func:`send_payload`)."""
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--send", metavar="TEXT",
                      help=_tr("text to send, in --encoding (escapes \\r \\n \\t \\\\ \\xNN)"))
    what.add_argument("--send-hex", metavar="HEX",
                      help=_tr("bytes to send, in hex (01 02 0A, 01020A, 0x01,0x02)"))


def text_codec(args: argparse.Namespace) -> str:
    """The codec text to send (or to expect) is written in: ``--encoding``, UTF-8 for
    ``auto`` (which only says how received bytes are read); raises
    :class:`~app.input_errors.EncodeInputError` (a ValueError) for a name that is no text
    codec."""
    return resolve_send_encoding(args.encoding)


def send_payload(args: argparse.Namespace) -> bytes:
    """The bytes ``--send`` or ``--send-hex`` ask for (``b""`` for neither); raises
    :class:`~app.input_errors.InputError` (a ValueError) saying what is wrong."""
    if args.send is not None:
        return encode_text(args.send, text_codec(args), escapes=True)
    if args.send_hex is not None:
        return parse_hex(args.send_hex)
    return b""


@dataclass(frozen=True)
class Output:
    """How a command prints traffic: what its output options (:func:`add_output_options`)
    ask for."""

    options: RenderOptions
    framing: FramingConfig

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Output:
        """The output the options in ``args`` ask for; ValueError for a bad one."""
        # Checked here: a bad --encoding is bad usage (exit 2), not a traceback when the
        # first entry is printed.
        text_codec(args)
        options = RenderOptions(mode="hex" if args.hex else "text", encoding=args.encoding,
                                timestamps=not args.no_timestamps,
                                max_entry_bytes=ENTRY_BYTES)
        if args.framing == "lf":
            framing = FramingConfig("delimiter", b"\n")
        elif args.framing == "crlf":
            framing = FramingConfig("delimiter", b"\r\n")
        else:
            framing = FramingConfig()
        return cls(options, framing)

    def attach(self, session: Session) -> TrafficPrinter:
        """Frame ``session``'s traffic as asked and print it on stdout, and its status lines
        on stderr; returns the traffic printer."""
        session.set_framing(self.framing)
        printer = TrafficPrinter(session, self.options)
        StatusPrinter(session)
        return printer


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
            say(_tr("({count} entries not shown: they came faster than they could be "
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


def run_until_stopped(session: Session, start: Callable[[], None],
                      on_open: Callable[[Loop], None] | None = None) -> int:
    """Open ``session`` (``start`` does) and run until SIGINT/SIGTERM, then close it.

    Returns OK after a signal; NETWORK_ERROR when the session closes by itself (binding
    failed: its status line said why); or the code ``on_open`` ends the loop with
    (``on_open(loop)`` runs when the session is open).
    """
    loop = Loop()

    def on_state(state: str) -> None:
        if state == SessionState.OPEN and on_open is not None:
            on_open(loop)
        # Closed without being asked: binding failed (port in use, permission denied, …).
        elif state == SessionState.CLOSED and not loop.interrupted:
            loop.finish(NETWORK_ERROR)

    session.stateChanged.connect(on_state)
    start()
    code = loop.run()
    session.stateChanged.disconnect(on_state)
    session.close()
    return OK if loop.interrupted else code


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
