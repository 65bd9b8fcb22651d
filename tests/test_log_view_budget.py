"""The log view's per-frame budget by bytes: bursts show whole, floods cut and skip, saving
writes every entry whole."""

from __future__ import annotations

import io
import threading

from app.traffic.chunk import Direction
from app.traffic.log_saver import BATCH_BYTES, write_log
from app.traffic.log_store import LogEntry, LogStore
from app.traffic.renderer import LogRenderer, RenderOptions
from ui.log_view import ENTRY_BYTES_SHOWN, FLOOD_FRAME_BYTES, FRAME_MS, LogView


def make_view(qtbot) -> tuple[LogView, LogStore]:
    store = LogStore()
    view = LogView(store, lambda conn_id: f"peer{conn_id}")
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.show()
    return view, store


def test_a_64_kib_entry_shows_whole_and_the_next_frame_waits(qtbot):
    view, store = make_view(qtbot)
    data = b"x" * (ENTRY_BYTES_SHOWN - 3) + b"END"
    store.append(1, Direction.RX, 1.0, data)
    with qtbot.waitSignal(view.rendered, timeout=5000):
        view.schedule()
    text = view.toPlainText()
    assert text.endswith("x" * 1000 + "END")
    assert "not shown" not in text
    assert view.skipped_entries == 0
    assert view._timer.interval() > FRAME_MS  # the frame after a large one waits longer


def test_a_flood_frame_skips_and_cuts_the_newest_large_entry_saying_so(qtbot):
    view, store = make_view(qtbot)
    for i in range(500):
        store.append(1, Direction.RX, float(i), b"%04d" % i + b"." * 1020)
    big = b"B" * 20480
    store.append(1, Direction.RX, 600.0, big)
    with qtbot.waitSignal(view.rendered, timeout=5000):
        view.schedule()
    text = view.toPlainText()
    assert view.skipped_entries == 500
    assert view.skipped_bytes == 500 * 1024
    assert f"{len(big) - FLOOD_FRAME_BYTES} more bytes not shown" in text
    assert "B" * FLOOD_FRAME_BYTES in text and "B" * (FLOOD_FRAME_BYTES + 1) not in text
    # The cut entry is still found whole under the mouse.
    entry = view.entry_at(view.viewport().rect().topLeft())
    assert entry is not None and entry.data == big
    # Saving takes every entry whole, skipped and cut ones included.
    assert [e.data for e in view.entries_to_save()][-1] == big
    assert len(view.entries_to_save()) == 501


def test_entry_at_finds_each_entry_of_a_frame(qtbot):
    view, store = make_view(qtbot)
    for i in range(5):
        store.append(1, Direction.RX, float(i), b"line %d\nsecond\n" % i)
    with qtbot.waitSignal(view.rendered, timeout=5000):
        view.schedule()
    found = set()
    block = view.document().firstBlock()
    while block.isValid():
        cursor = view.textCursor()
        cursor.setPosition(block.position())
        view.setTextCursor(cursor)
        entry = view.entry_at(view.cursorRect().center())
        assert entry is not None
        found.add(entry.seq)
        block = block.next()
    assert found == {e.seq for e in store}


def _entries(sizes: list[int]) -> list[LogEntry]:
    return [LogEntry(i + 1, 1, Direction.RX, 1.0, bytes([0x41 + i % 26]) * n)
            for i, n in enumerate(sizes)]


def test_write_log_writes_every_entry_whole_in_batches():
    entries = _entries([10, BATCH_BYTES + 5, 3, 200_000])
    out = io.StringIO()
    renderer = LogRenderer(RenderOptions(timestamps=False, max_entry_bytes=0), lambda _c: "p")
    assert write_log(out, entries, renderer) == 4
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""
    assert [len(line) - len("RX p \u203a ") for line in lines[:-1]] == [10, BATCH_BYTES + 5, 3,
                                                                        200_000]


def test_write_log_stops_when_asked():
    stop = threading.Event()
    stop.set()
    out = io.StringIO()
    renderer = LogRenderer(RenderOptions(max_entry_bytes=0), lambda _c: "p")
    assert write_log(out, _entries([BATCH_BYTES, 5]), renderer, stop) == 0
    assert out.getvalue() == ""


def test_entry_at_on_a_continuation_line_after_an_earlier_frame(qtbot):
    view, store = make_view(qtbot)
    first = store.append(1, Direction.RX, 1.0, b"one line")
    with qtbot.waitSignal(view.rendered, timeout=5000):
        view.schedule()
    second = store.append(1, Direction.RX, 2.0, b"head\ncontinued\nmore")
    with qtbot.waitSignal(view.rendered, timeout=5000):
        view.schedule()
    doc = view.document()
    assert doc.blockCount() == 4
    seqs = []
    for number in range(4):
        cursor = view.textCursor()
        cursor.setPosition(doc.findBlockByNumber(number).position())
        view.setTextCursor(cursor)
        seqs.append(view.entry_at(view.cursorRect().center()).seq)
    assert seqs == [first.seq, second.seq, second.seq, second.seq]


def test_a_burst_of_short_lines_with_its_echo_is_shown_whole_not_as_a_flood(qtbot):
    view, store = make_view(qtbot)
    for i in range(1000):  # a 1,000-line test, read at once, and its echo in one write
        store.append(1, Direction.RX, 1.0, b"msg%04d\n" % i)
    store.append(1, Direction.TX, 1.1, b"".join(b"msg%04d\n" % i for i in range(1000)))
    with qtbot.waitSignal(view.rendered, timeout=5000):
        view.schedule()
    assert view.skipped_entries == 0
    assert "msg0000" in view.toPlainText() and "msg0999" in view.toPlainText()
    assert view._timer.interval() > FRAME_MS  # the next frame waits in proportion
