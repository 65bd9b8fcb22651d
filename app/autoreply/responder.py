"""The auto-reply tap: echo and rules, answered in the worker that received the message.

A session adds one :class:`AutoReply` to its sink's taps. The receive worker hands it each
framed entry (:meth:`AutoReply.on_entries`), so a message here is exactly what the log shows as
one entry. The first rule that matches answers; a message no rule matches is echoed when echo
is on. Replies are :class:`~app.traffic.chunk.AutoBytes`, which the log marks as automatic.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from app.autoreply.delays import DelayedSends
from app.autoreply.rules import Rule, first_match
from app.traffic.chunk import AutoBytes, Chunk
from app.traffic.framing import FrameRun
from app.traffic.taps import Link


def _writer(link: Link, direct: bool) -> Callable[[bytes], object]:
    """How to send automatic replies on ``link``. ``direct`` (only from the receive worker
    handing the message on): written at once where the link can
    (:meth:`~app.net.tcp_connection.TcpConnection.send_now`); else queued."""
    send_now = getattr(link, "send_now", None) if direct else None
    return send_now if send_now is not None else link.send


def _send(link: Link, data: bytes, direct: bool) -> None:
    """Send one automatic reply (see :func:`_writer`)."""
    _writer(link, direct)(AutoBytes(data))


def _send_and_close(link: Link, data: bytes, close: bool, direct: bool = False) -> None:
    if data:
        _send(link, data, direct)
    if close:
        # Not every link can close after its queue (a UDP peer has nothing to close).
        close_after = getattr(link, "close_after_sending", None)
        if close_after is not None:
            close_after()


class AutoReply:
    """Echo and ordered rules; thread-safe (every receive worker calls it)."""

    #: Answers messages (:meth:`on_entries`), not reads: the tap list skips its on_chunk.
    reads_chunks = False

    def __init__(self) -> None:
        # One tuple, swapped whole: a worker reads echo and rules of the same configuration.
        self._settings: tuple[bool, tuple[Rule, ...]] = (False, ())
        #: Messages seen per connection id ({n}); each id is touched by one worker only.
        self._counts: dict[int, int] = {}
        self._lock = threading.Lock()
        self._delays: DelayedSends | None = None

    def configure(self, echo: bool, rules: tuple[Rule, ...]) -> None:
        """Use ``echo`` and ``rules`` for the next messages (any thread)."""
        self._settings = (echo, tuple(rules))

    @property
    def echo(self) -> bool:
        return self._settings[0]

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._settings[1]

    @property
    def active(self) -> bool:
        """True when something would be answered."""
        echo, rules = self._settings
        return echo or bool(rules)

    def on_chunk(self, chunk: Chunk, link: Link) -> None:
        """Raw reads are not messages: replies answer framed entries (:meth:`on_entries`)."""

    def on_entries(self, runs: list[FrameRun], link: Link) -> None:
        """Answer the messages of ``runs``, received on ``link`` (receive worker)."""
        echo, rules = self._settings
        if not rules:
            if echo:
                write = _writer(link, direct=True)  # looked up once per read
                for run in runs:  # a run's data is its messages back to back: one send
                    write(AutoBytes(run.data))
            return
        conn_id = link.conn_id
        n = self._counts.get(conn_id, 0)
        try:
            for run in runs:
                for message in run.frames():
                    n += 1
                    rule = first_match(rules, message)
                    if rule is None:
                        if echo:
                            _send(link, message, direct=True)
                        continue
                    self._answer(rule, rule.make_reply(message, link.peer, n), link)
                    if rule.close:
                        return  # what follows a closing message is not answered
        finally:
            self._counts[conn_id] = n

    def _answer(self, rule: Rule, data: bytes, link: Link) -> None:
        if rule.delay <= 0:
            _send_and_close(link, data, rule.close, direct=True)
            return
        with self._lock:
            if self._delays is None:
                self._delays = DelayedSends()
                self._delays.start()
            delays = self._delays
        delays.add(time.monotonic() + rule.delay,
                   lambda: _send_and_close(link, data, rule.close))

    def forget(self, conn_id: int) -> None:
        """The connection ended: drop its message count."""
        with contextlib.suppress(KeyError):
            del self._counts[conn_id]

    def stop(self) -> None:
        """Drop waiting replies and stop their worker (the session closed); safe twice."""
        with self._lock:
            delays, self._delays = self._delays, None
        if delays is not None:
            delays.stop()
        self._counts.clear()
