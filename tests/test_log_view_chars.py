"""The log view's character cap: long lines without breaks cannot grow it without bound."""

from __future__ import annotations

from app.traffic.chunk import Direction
from app.traffic.log_store import LogStore
from ui.log_view import ENTRY_BYTES_SHOWN, FLOOD_FRAME_BYTES, VIEW_CHARS, VIEW_LINES, LogView


def make_view(qtbot) -> tuple[LogView, LogStore]:
    store = LogStore()
    view = LogView(store, lambda conn_id: f"peer{conn_id}")
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.show()
    return view, store


def _first_line_entry_seq(view: LogView) -> int:
    cursor = view.textCursor()
    cursor.setPosition(view.document().firstBlock().position())
    view.setTextCursor(cursor)
    entry = view.entry_at(view.cursorRect().center())
    assert entry is not None
    return entry.seq


def test_long_unbroken_entries_stay_under_the_character_budget(qtbot):
    view, store = make_view(qtbot)
    doc = view.document()
    size = ENTRY_BYTES_SHOWN - 1000  # shown whole, one line each
    count = VIEW_CHARS // size + 10
    last = None
    for i in range(count):
        last = store.append(1, Direction.RX, float(i), b"%06d" % i + b"A" * (size - 6))
        view._render_new()  # one entry a frame: each is a burst, shown whole
        assert doc.characterCount() <= VIEW_CHARS
    assert last is not None
    text = view.toPlainText()
    assert doc.blockCount() < count  # the oldest lines went
    assert text.endswith(last.data.decode())  # the newest entry is shown whole
    # Only whole lines go: the first line left is an entry's head, found under the mouse.
    first = _first_line_entry_seq(view)
    assert doc.firstBlock().text().endswith(store.get(first).data.decode())
    assert first > 1
    # Well below the line cap: it was the characters that bounded the view.
    assert doc.blockCount() < VIEW_LINES // 100


def test_a_flood_of_cut_entries_stays_under_the_character_budget(qtbot):
    view, store = make_view(qtbot)
    doc = view.document()
    big = b"B" * 60_000
    frames = VIEW_CHARS // FLOOD_FRAME_BYTES + 50
    for i in range(frames):
        # Three entries a frame: more than a burst, so a flood: the newest is cut at the
        # flood budget, in the view's "… more bytes not shown" form, the others skipped.
        for _ in range(3):
            store.append(1, Direction.TX, float(i), big)
        view._render_new()
    assert doc.characterCount() <= VIEW_CHARS
    assert doc.characterCount() > VIEW_CHARS - 2 * (FLOOD_FRAME_BYTES + 200)
    last_line = doc.lastBlock().text()
    assert f"{len(big) - FLOOD_FRAME_BYTES} more bytes not shown" in last_line
    assert "B" * FLOOD_FRAME_BYTES in last_line


def test_short_lines_are_still_capped_by_lines_only(qtbot):
    view, store = make_view(qtbot)
    frames = VIEW_LINES // 250 + 4
    for frame in range(frames):
        for i in range(250):  # within a frame's budget: every line is shown
            store.append(1, Direction.RX, float(i), b"line %d.%d" % (frame, i))
        view._render_new()
    assert view.skipped_entries == 0
    doc = view.document()
    assert doc.characterCount() < VIEW_CHARS
    assert doc.blockCount() == VIEW_LINES
    assert doc.lastBlock().text().endswith(f"line {frames - 1}.249")


def test_dropping_lines_keeps_a_scrolled_up_reader_on_the_same_text(qtbot):
    view, store = make_view(qtbot)
    size = ENTRY_BYTES_SHOWN - 1000
    count = VIEW_CHARS // size - 2
    for i in range(count):
        store.append(1, Direction.RX, float(i), b"%06d" % i + b"A" * (size - 6))
        view._render_new()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    assert not view.following
    seq_before = view.entry_at(view.viewport().rect().center())
    assert seq_before is not None
    for i in range(6):
        store.append(1, Direction.RX, float(i), b"new%03d" % i + b"C" * (size - 6))
        view._render_new()
    assert view.document().characterCount() <= VIEW_CHARS
    assert not view.following
    seq_after = view.entry_at(view.viewport().rect().center())
    assert seq_after is not None and seq_after.seq == seq_before.seq
