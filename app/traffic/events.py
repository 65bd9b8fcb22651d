"""Connection events (connected, half-closed, closed and why, refused) as data.

An event is a small frozen record, made in the GUI thread by the session that saw it. The
session stores it in its log (an entry of its own, between the data entries it came
between) and emits it as ``Session.connectionEvent``, so the log view, Save log and a
command-line printer all read the same record. :meth:`ConnectionEvent.line` is how every
front-end writes it: a marker, the peer ``host:port``, then what happened in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EventKind(StrEnum):
    """What happened to a connection."""

    #: A client connected (server), or we connected (client).
    CONNECTED = "connected"
    #: The peer finished sending (FIN received); we can still send.
    HALF_CLOSED = "half-closed"
    #: The connection ended; the text says why (peer, reset, timeout, you, stop).
    CLOSED = "closed"
    #: The accept loop closed a client at once (out of descriptors, limits).
    REFUSED = "refused"
    #: A connection attempt failed (refused, unreachable, timeout).
    FAILED = "failed"


#: The marker that starts an event's line: never a word, so an event cannot be mistaken for
#: data (data lines carry RX/TX and the "›" arrow instead).
MARKERS: dict[EventKind, str] = {
    EventKind.CONNECTED: "\u25cf",  # ●
    EventKind.HALF_CLOSED: "\u25d0",  # ◐
    EventKind.CLOSED: "\u25cb",  # ○
    EventKind.REFUSED: "\u2298",  # ⊘
    EventKind.FAILED: "\u2298",
}


@dataclass(frozen=True, slots=True)
class ConnectionEvent:
    """One thing that happened to a connection, at monotonic time ``t``.

    ``conn_id`` is the connection's id, 0 when there is none (a refused client, a failed
    connect). ``peer`` is ``host:port``. ``text`` says what happened, in the user's language,
    without the peer (the line puts it first). ``error`` marks what went wrong (a reset, a
    refusal) as opposed to the normal course of a connection.
    """

    kind: EventKind
    conn_id: int
    peer: str
    text: str
    t: float
    error: bool = False

    @property
    def marker(self) -> str:
        return MARKERS[self.kind]

    def line(self) -> str:
        """``● 127.0.0.1:50312 connected``: marker, peer, text (no timestamp)."""
        return f"{self.marker} {self.peer} {self.text}"
