"""Tests for app.traffic.log_store: sequence numbers, tail queries, budget trimming and clearing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.traffic.chunk import Direction
from app.traffic.log_store import ENTRY_OVERHEAD, LogEntry, LogStore


def fill(store: LogStore, count: int, size: int = 10) -> list[LogEntry]:
    return [
        store.append(i % 3, (Direction.TX, Direction.RX)[i % 2], float(i), bytes([i % 256]) * size)
        for i in range(count)
    ]


def test_append_assigns_increasing_seq_and_keeps_fields() -> None:
    store = LogStore()
    assert store.last_seq == 0
    assert store.first_seq is None
    first = store.append(7, Direction.RX, 1.5, b"abc")
    second = store.append(8, Direction.TX, 2.5, b"de")
    assert (first.seq, second.seq) == (1, 2)
    assert first == LogEntry(1, 7, Direction.RX, 1.5, b"abc")
    assert len(store) == 2
    assert store.stored_bytes == 5
    assert store.accounted_bytes == 5 + 2 * ENTRY_OVERHEAD
    assert store.last_seq == 2
    assert store.first_seq == 1
    with pytest.raises(AttributeError):  # immutable (a named tuple)
        first.data = b"x"  # type: ignore[misc]


def test_entries_since_and_tail() -> None:
    store = LogStore()
    entries = fill(store, 10)
    assert store.entries() == entries
    assert list(store) == entries
    assert store.entries_since(7) == entries[7:]
    assert store.entries_since(0) == entries
    assert store.entries_since(10) == []
    assert store.entries_since(-5) == entries
    assert store.tail(3) == entries[-3:]
    assert store.tail(100) == entries
    assert store.tail(0) == []
    assert store.entries_for(1) == [e for e in entries if e.conn_id == 1]


def test_budget_trims_oldest_and_counts_it() -> None:
    per_entry = 100 + ENTRY_OVERHEAD
    store = LogStore(budget_bytes=per_entry * 5)
    entries = fill(store, 8, size=100)
    assert store.entries() == entries[3:]
    assert store.trimmed_entries == 3
    assert store.trimmed_bytes == 300
    assert store.stored_bytes == 500
    assert store.first_seq == 4
    # Trimmed entries are gone from the tail queries too.
    assert store.entries_since(0) == entries[3:]


def test_entry_larger_than_the_budget_is_returned_but_not_kept() -> None:
    store = LogStore(budget_bytes=50)
    entry = store.append(1, Direction.RX, 0.0, b"x" * 100)
    assert entry.seq == 1
    assert len(store) == 0
    assert store.trimmed_entries == 1
    assert store.trimmed_bytes == 100
    assert store.stored_bytes == 0


def test_set_budget_trims_at_once() -> None:
    store = LogStore()
    fill(store, 10, size=100)
    store.set_budget(2 * (100 + ENTRY_OVERHEAD))
    assert len(store) == 2
    assert store.trimmed_entries == 8
    assert store.budget_bytes == 2 * (100 + ENTRY_OVERHEAD)
    with pytest.raises(ValueError):
        store.set_budget(-1)


def test_clear_resets_counters_but_not_seq() -> None:
    store = LogStore(budget_bytes=3 * (10 + ENTRY_OVERHEAD))
    fill(store, 5)
    assert store.trimmed_entries == 2
    store.clear()
    assert len(store) == 0
    assert store.stored_bytes == 0
    assert store.accounted_bytes == 0
    assert (store.trimmed_entries, store.trimmed_bytes) == (0, 0)
    assert store.append(1, Direction.RX, 9.0, b"z").seq == 6
    assert store.entries_since(5)[0].data == b"z"


@settings(max_examples=80, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 300), max_size=60),
    budget=st.integers(0, 3000),
)
def test_accounting_is_exact(sizes: list[int], budget: int) -> None:
    store = LogStore(budget_bytes=budget)
    for i, size in enumerate(sizes):
        store.append(0, Direction.RX, float(i), b"x" * size)
        held = store.entries()
        assert store.stored_bytes == sum(len(e.data) for e in held)
        assert store.accounted_bytes == store.stored_bytes + ENTRY_OVERHEAD * len(held)
        assert store.accounted_bytes <= budget
        assert store.trimmed_entries + len(held) == i + 1
        assert store.trimmed_bytes + store.stored_bytes == sum(sizes[: i + 1])
        # What is held is always the newest entries, in order.
        assert [e.seq for e in held] == list(range(i + 2 - len(held), i + 2))


def test_get_by_sequence_number_across_trimming_and_clear() -> None:
    store = LogStore(budget_bytes=3 * (10 + ENTRY_OVERHEAD))
    entries = [store.append(1, Direction.RX, float(i), bytes(10)) for i in range(5)]
    assert store.get(entries[0].seq) is None  # trimmed
    assert store.get(entries[4].seq) is entries[4]
    assert store.get(entries[2].seq) is entries[2]
    assert store.get(entries[4].seq + 1) is None
    store.clear()
    assert store.get(entries[4].seq) is None
    later = store.append(1, Direction.TX, 9.0, b"x")
    assert store.get(later.seq) is later
