"""The bytes of recent traffic behind the log view, bounded by a memory budget.

Entries keep raw bytes (never text) so the view can re-render them in another encoding or as hex at
any time. When the stored bytes exceed the budget the oldest entries are dropped and counted, so
the view can say how much was trimmed. Sequence numbers keep increasing across trimming and
:meth:`LogStore.clear`, so "everything after seq N" stays meaningful for an incremental view.

A store belongs to one session and is used from the GUI thread only (the recorder, not the store,
is the exact record written from worker threads), so it has no lock.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from typing import NamedTuple

from app.traffic.chunk import Direction
from app.traffic.events import ConnectionEvent

#: Rough memory cost of one entry beyond its payload (the LogEntry object, the bytes object header,
#: the float, the deque slot). It keeps a flood of tiny entries from exceeding the budget
#: unnoticed; it need not be exact.
ENTRY_OVERHEAD = 160
#: What a connection event costs against the budget: the entry, the event record and its
#: strings. Events are few next to data, but a server with clients coming and going all day
#: makes them without end, so they count.
EVENT_COST = ENTRY_OVERHEAD + 240

DEFAULT_BUDGET = 64 * 1024 * 1024


class LogEntry(NamedTuple):
    """One log entry: a frame of one connection in one direction, stamped with monotonic time;
    or a connection event (``event`` set, ``data`` empty, ``direction`` is
    :attr:`Direction.EVENT`).

    Immutable. A named tuple rather than a frozen dataclass: the GUI thread makes one per
    entry (up to 50,000 a second under a flood), and a frozen dataclass costs 1.2 µs to make
    against 0.35 µs, time the receive workers wait for the interpreter lock.
    """

    seq: int
    conn_id: int
    direction: Direction
    t: float
    data: bytes
    event: ConnectionEvent | None = None


def _cost(entry: LogEntry) -> int:
    """What ``entry`` counts against the budget."""
    return EVENT_COST if entry.event is not None else len(entry.data) + ENTRY_OVERHEAD


class LogStore:
    """Recent log entries within ``budget_bytes`` (payload plus :data:`ENTRY_OVERHEAD` each)."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET) -> None:
        if budget_bytes < 0:
            raise ValueError("budget_bytes must not be negative")
        self._budget = budget_bytes
        self._entries: deque[LogEntry] = deque()
        self._stored = 0  # payload + overhead of the entries held
        self._payload = 0  # payload bytes of the entries held
        self._last_seq = 0
        self.trimmed_entries = 0
        self.trimmed_bytes = 0
        #: Entries held per connection id.
        self._per_conn: dict[int, int] = {}
        #: Called with a connection id when its last entry leaves the store (trimmed or
        #: cleared), so the owner can forget what it kept for it without scanning the log.
        self.on_released: Callable[[int], None] | None = None

    @property
    def budget_bytes(self) -> int:
        """The memory budget in bytes."""
        return self._budget

    @property
    def stored_bytes(self) -> int:
        """Payload bytes of the entries held (what the user would call the log's size)."""
        return self._payload

    @property
    def accounted_bytes(self) -> int:
        """Bytes counted against the budget: payload plus the per-entry overhead estimate."""
        return self._stored

    @property
    def last_seq(self) -> int:
        """Sequence number of the last entry appended (0 before the first); never decreases."""
        return self._last_seq

    @property
    def first_seq(self) -> int | None:
        """Sequence number of the oldest entry held, or ``None`` if the store is empty."""
        return self._entries[0].seq if self._entries else None

    def __len__(self) -> int:
        return len(self._entries)

    def append(self, conn_id: int, direction: Direction, t: float, data: bytes) -> LogEntry:
        """Store a new entry (with the next sequence number), trim to the budget, return it.

        An entry larger than the whole budget is returned but not kept.
        """
        self._last_seq += 1
        entry = LogEntry(self._last_seq, conn_id, direction, t, data)
        self._entries.append(entry)
        per_conn = self._per_conn
        per_conn[conn_id] = per_conn.get(conn_id, 0) + 1
        size = len(data)
        self._payload += size
        self._stored += size + ENTRY_OVERHEAD
        if self._stored > self._budget:
            self._trim()
        return entry

    def append_event(self, event: ConnectionEvent) -> LogEntry:
        """Store a connection event as an entry of its own (it costs :data:`EVENT_COST`).

        Events do not count for :meth:`holds`: they name their peer themselves, so they
        keep no peer label alive."""
        self._last_seq += 1
        entry = LogEntry(self._last_seq, event.conn_id, Direction.EVENT, event.t, b"", event)
        self._entries.append(entry)
        self._stored += EVENT_COST
        if self._stored > self._budget:
            self._trim()
        return entry

    def holds(self, conn_id: int) -> bool:
        """True while an entry of ``conn_id`` is held (a dictionary look-up, no scan)."""
        return conn_id in self._per_conn

    def _release(self, conn_id: int) -> None:
        count = self._per_conn[conn_id] - 1
        if count:
            self._per_conn[conn_id] = count
            return
        del self._per_conn[conn_id]
        if self.on_released is not None:
            self.on_released(conn_id)

    def _trim(self) -> None:
        entries = self._entries
        while self._stored > self._budget and entries:
            old = entries.popleft()
            if old.event is None:  # events were not counted per connection
                self._release(old.conn_id)
            size = len(old.data)
            self._payload -= size
            self._stored -= _cost(old)
            self.trimmed_entries += 1
            self.trimmed_bytes += size

    def count_dropped(self, entries: int, nbytes: int) -> None:
        """Count entries that were dropped before reaching the store (a flood's older lines of
        one drain) as trimmed: the store would have trimmed them soon anyway."""
        self.trimmed_entries += entries
        self.trimmed_bytes += nbytes

    def set_budget(self, budget_bytes: int) -> None:
        """Change the budget; a smaller one trims at once."""
        if budget_bytes < 0:
            raise ValueError("budget_bytes must not be negative")
        self._budget = budget_bytes
        self._trim()

    def entries(self) -> list[LogEntry]:
        """All entries held, oldest first (a snapshot)."""
        return list(self._entries)

    def __iter__(self) -> Iterator[LogEntry]:
        return iter(self._entries)

    def __reversed__(self) -> Iterator[LogEntry]:
        """Newest first, without copying (the view walks back only as far as it shows)."""
        return reversed(self._entries)

    def entries_since(self, seq: int) -> list[LogEntry]:
        """Entries with a sequence number greater than ``seq``, oldest first.

        Walks from the newest end, so asking for the recent tail costs only the tail's length.
        """
        newer: list[LogEntry] = []
        for entry in reversed(self._entries):
            if entry.seq <= seq:
                break
            newer.append(entry)
        newer.reverse()
        return newer

    def tail(self, max_entries: int) -> list[LogEntry]:
        """The newest ``max_entries`` entries, oldest first."""
        if max_entries <= 0:
            return []
        newest = list(islice(reversed(self._entries), max_entries))
        newest.reverse()
        return newest

    def get(self, seq: int) -> LogEntry | None:
        """The entry with sequence number ``seq``, or ``None`` if it is not held (any more).

        Sequence numbers of the entries held are consecutive, so this is an index, not a search.
        """
        if not self._entries:
            return None
        index = seq - self._entries[0].seq
        if 0 <= index < len(self._entries):
            return self._entries[index]
        return None

    def traffic(self) -> list[LogEntry]:
        """The data entries held (no connection events), oldest first (a snapshot)."""
        return [entry for entry in self._entries if entry.event is None]

    def entries_for(self, conn_id: int) -> list[LogEntry]:
        """Entries of one connection, oldest first."""
        return [entry for entry in self._entries if entry.conn_id == conn_id]

    def clear(self) -> None:
        """Drop all entries and reset the trimmed counters (the user cleared the log).

        Sequence numbers keep counting from where they were.
        """
        self._entries.clear()
        released, self._per_conn = list(self._per_conn), {}
        if self.on_released is not None:
            for conn_id in released:
                self.on_released(conn_id)
        self._stored = 0
        self._payload = 0
        self.trimmed_entries = 0
        self.trimmed_bytes = 0
