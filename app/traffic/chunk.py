"""The unit of traffic that flows from workers to sessions, the log store and the view."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    """Which way bytes went, seen from this application."""

    RX = "rx"
    TX = "tx"
    #: Not a direction of bytes: a log entry that is a connection event
    #: (:mod:`app.traffic.events`). Never on a :class:`Chunk`.
    EVENT = "event"


class AutoBytes(bytes):
    """Bytes sent by an automatic reply (echo, rules, welcome): a plain ``bytes`` that the log
    marks as automatic. The mark travels with the object through the send queue to the log,
    so no record changes shape."""

    __slots__ = ()


@dataclass(slots=True)
class Chunk:
    """Bytes that crossed one connection in one direction at one moment.

    ``t`` is ``time.monotonic()``; :func:`wall_time` turns it into a time of day for display.
    Treat it as immutable. It is not a frozen dataclass because a frozen one costs 1.1 µs to
    make against 0.2 µs, and every read and every write makes one (an echo's round trip
    makes two).
    """

    conn_id: int
    direction: Direction
    data: bytes
    t: float


class SummarisedSend(bytes):
    """Bytes to send whose TX log entries are replaced by one summary (a send to several
    connections, a file's chunks): the send worker counts, taps and emits them as chunks as
    usual, but makes no log entry of its own for them."""

    __slots__ = ()


class NoteText(bytes):
    """The bytes of a log entry that are words about traffic (e.g. "file.bin: 1,048,576
    bytes in 0.2 s"), UTF-8: rendered as text in every mode, never as hex."""

    __slots__ = ()


# Captured once so every timestamp of a run maps to wall time the same way, even if the
# system clock is adjusted while the app runs.
_MONO_TO_WALL = time.time() - time.monotonic()


def wall_time(t: float) -> float:
    """Seconds since the epoch for a ``time.monotonic()`` value of this process."""
    return t + _MONO_TO_WALL
