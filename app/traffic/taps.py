"""Taps: observers of raw traffic, called in the worker thread for each chunk, in order.

Modelled on mitmproxy's addons: each tap is a small object with one hook,
``on_chunk(chunk, link)``, called for every :class:`~app.traffic.chunk.Chunk` a connection receives
or sends, in the worker thread that moved the bytes, before the chunk is queued for the GUI
thread. Work that grows with traffic (recording, auto-reply, relay forwarding, pcapng, a rate
meter) belongs in a tap, never in the GUI thread; a tap that blocks slows that connection only.

``link`` is the connection the chunk crossed (see :class:`Link`): ``link.conn_id`` and
``link.peer`` say which one, ``link.send(data)`` queues bytes to it (never blocks; the send worker
writes them), so an auto-reply tap answers the connection a message came from, from the worker
that received it. Sent chunks reach the taps too (``chunk.direction`` is ``TX``), called from the
send worker. A tap must therefore be thread-safe: several connections call it at once.

The tap list is copy-on-write: adding or removing a tap swaps in a new tuple under a lock while
workers keep iterating the tuple they read, so a worker never sees a half-changed list and never
takes a lock per chunk. A tap removed while a worker is inside its ``on_chunk`` may be called
that one last time; a tap that raises is logged and skipped, the connection goes on.

A tap that answers *messages* rather than reads (auto-reply) also has
``on_entries(runs, link)``: the receive worker calls it with the log entries each read
completes (:class:`~app.traffic.framing.FrameRun`, framed as the log shows them), after the
``on_chunk`` calls, and with entries that fall due without a read (a quiet partial line).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Protocol

from app.traffic.chunk import Chunk
from app.traffic.framing import FrameRun

_log = logging.getLogger(__name__)


class Link(Protocol):
    """What a tap may know about, and do with, the connection a chunk crossed."""

    @property
    def conn_id(self) -> int:
        """The session's id of the connection (the same as ``chunk.conn_id``)."""
        ...

    @property
    def peer(self) -> str:
        """The peer as ``host:port``."""
        ...

    def send(self, data: bytes) -> bool:
        """Queue ``data`` to this connection; False if it is closing. Never blocks."""
        ...


class Tap(Protocol):
    """An observer of raw traffic (see the module docstring)."""

    def on_chunk(self, chunk: Chunk, link: Link) -> None:
        """Called in a worker thread for each chunk received or sent, in arrival order."""
        ...


class TapList:
    """An ordered, copy-on-write list of taps; ``call`` runs them in the caller's thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._taps: tuple[Tap, ...] = ()
        #: The taps with ``on_entries``, in the same order (swapped with ``_taps``).
        self._entry_taps: tuple = ()
        #: The taps whose ``on_chunk`` does something: a tap that answers messages only says
        #: ``reads_chunks = False`` and costs nothing per read.
        self._chunk_taps: tuple[Tap, ...] = ()
        #: True when some tap wants each chunk (:meth:`call` would do something); a plain
        #: attribute, read per read and per write.
        self.reads_chunks = False
        #: True when some tap answers messages (:meth:`call_entries` would do something).
        self.answers = False

    def __iter__(self) -> Iterator[Tap]:
        return iter(self._taps)

    def __len__(self) -> int:
        return len(self._taps)



    def __contains__(self, tap: object) -> bool:
        return tap in self._taps

    def add(self, tap: Tap, index: int | None = None) -> None:
        """Insert ``tap`` at ``index`` (default: last); any thread."""
        with self._lock:
            taps = list(self._taps)
            taps.insert(len(taps) if index is None else index, tap)
            self._set(taps)

    def _set(self, taps: list[Tap]) -> None:
        self._taps = tuple(taps)
        self._entry_taps = tuple(t for t in taps if hasattr(t, "on_entries"))
        self._chunk_taps = tuple(t for t in taps if getattr(t, "reads_chunks", True))
        self.reads_chunks = bool(self._chunk_taps)
        self.answers = bool(self._entry_taps)

    def remove(self, tap: Tap) -> bool:
        """Take ``tap`` out; False if it was not there. Any thread."""
        with self._lock:
            if tap not in self._taps:
                return False
            self._set([t for t in self._taps if t is not tap])
            return True

    def call(self, chunk: Chunk, link: Link) -> None:
        """Hand ``chunk`` to every tap, in order (worker thread)."""
        for tap in self._chunk_taps:
            try:
                tap.on_chunk(chunk, link)
            except Exception:
                # The caller is a receive or send loop that must keep running: a broken tap is
                # a bug to log, not a reason to drop the connection.
                _log.exception("tap %r failed", tap)

    def call_entries(self, runs: list[FrameRun], link: Link) -> None:
        """Hand received log entries to the taps that answer messages (worker thread)."""
        for tap in self._entry_taps:
            try:
                tap.on_entries(runs, link)
            except Exception:
                _log.exception("tap %r failed", tap)
