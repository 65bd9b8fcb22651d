"""Changing "Show as" or "Encoding" re-renders the log newest first, in bounded steps: the
window never stalls long, and the text in the end is the same as rendering it in one go."""

from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QElapsedTimer, QTimer

from app.traffic.chunk import Direction
from app.traffic.events import ConnectionEvent, EventKind
from app.traffic.log_store import LogEntry, LogStore
from app.traffic.renderer import LogRenderer, RenderOptions
from app.workers import running_threads
from ui.log_view import ENTRY_BYTES_SHOWN, RERENDER_BYTES, RERENDER_ENTRIES, LogView

ENCODINGS = ["auto", "utf-8", "gbk", "gb18030", "big5", "shift_jis", "latin-1"]
STREAM_TEXT = ("温度=25℃ 湿度\r\n" "中文测试\r" "\n" "ok\xff").encode("utf-8", "surrogateescape")


def _label(conn_id: int) -> str:
    return f"peer{conn_id}"


def _entries(chunks: list[tuple[int, bytes]]) -> list[LogEntry]:
    return [LogEntry(i + 1, conn, Direction.RX if conn % 2 else Direction.TX, float(i), data)
            for i, (conn, data) in enumerate(chunks)]


@settings(max_examples=150, deadline=None)
@given(data=st.lists(st.tuples(st.integers(1, 2), st.binary(max_size=12)), max_size=30),
       cut=st.integers(0, 30), encoding=st.sampled_from(ENCODINGS),
       mode=st.sampled_from(["text", "both"]), show_controls=st.booleans())
def test_rendering_from_the_middle_after_resume_after_is_the_same(data, cut, encoding, mode,
                                                                 show_controls):
    entries = _entries(data)
    cut = min(cut, len(entries))
    options = RenderOptions(mode=mode, encoding=encoding, timestamps=False,
                            show_controls=show_controls)
    whole = LogRenderer(options, _label).render_blocks(entries)
    head = LogRenderer(options, _label).render_blocks(entries[:cut])
    later = LogRenderer(options, _label)
    later.resume_after(entries[:cut])
    assert head + later.render_blocks(entries[cut:]) == whole


def test_resume_after_a_gbk_run_split_between_entries():
    text = "设备状态正常，温度二十五度".encode("gbk")
    entries = _entries([(1, b"A: " + text[:7]), (1, text[7:] + b"\r"), (1, b"\nnext")])
    options = RenderOptions(encoding="gbk", timestamps=False)
    whole = LogRenderer(options, _label).render_blocks(entries)
    for cut in range(1, len(entries)):
        later = LogRenderer(options, _label)
        later.resume_after(entries[:cut])
        assert LogRenderer(options, _label).render_blocks(entries[:cut]) + \
            later.render_blocks(entries[cut:]) == whole


def _fill(view: LogView, qtbot) -> None:
    qtbot.waitUntil(lambda: not view.filling, timeout=20000)


def _store_with_mixed_traffic() -> LogStore:
    rng = random.Random(7)
    store = LogStore()
    for i in range(400):
        conn = 1 + i % 3
        kind = i % 5
        if kind == 0:
            store.append_event(ConnectionEvent(EventKind.CLOSED, conn, f"peer{conn}",
                                               "closed by the peer", float(i), i % 2 == 0))
            continue
        if kind == 1:
            data = rng.randbytes(rng.randrange(1, 3000))
        else:
            start = rng.randrange(len(STREAM_TEXT))
            data = (STREAM_TEXT * 3)[start : start + rng.randrange(1, 40)]
        store.append(conn, Direction.RX if i % 2 else Direction.TX, float(i), data)
    return store


def test_a_rerender_in_steps_ends_with_the_text_of_one_render(qtbot):
    store = _store_with_mixed_traffic()
    view = LogView(store, _label)
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.show()
    for mode, encoding in (("text", "auto"), ("both", "gbk"), ("text", "utf-8"),
                           ("hex", "auto")):
        options = RenderOptions(mode=mode, encoding=encoding, max_entry_bytes=ENTRY_BYTES_SHOWN)
        view.set_options(options)
        assert view.filling  # more than one step's worth
        _fill(view, qtbot)
        selected = view._select_tail(reversed(store), RERENDER_ENTRIES, RERENDER_BYTES)
        assert len(selected) == len(store)  # all of it fits: compare everything
        expected = LogRenderer(options, _label, open_hint=True).render(selected)
        # (toPlainText gives a no-break space, which random bytes may decode to, as a space)
        assert view.toPlainText() == expected.replace("\xa0", " ")
        # Every entry's first line is tagged, so a click finds the entry.
        doc = view.document()
        heads = []
        block = doc.firstBlock()
        while block.isValid():
            if block.userState() >= 0:
                heads.append(block.userState())
            block = block.next()
        assert heads == [e.seq for e in selected]


def test_new_traffic_during_a_rerender_goes_below_it(qtbot):
    store = _store_with_mixed_traffic()
    view = LogView(store, _label)
    qtbot.addWidget(view)
    view.show()
    view.set_options(RenderOptions(mode="both", encoding="auto", timestamps=False))
    assert view.filling
    store.append(1, Direction.RX, 1000.0, "最新的一行".encode())
    with qtbot.waitSignal(view.rendered, timeout=5000):
        view.schedule()
    _fill(view, qtbot)
    text = view.toPlainText()
    assert text.endswith("RX peer1 › 最新的一行\n    E6 9C 80 E6 96 B0 E7 9A 84 E4 B8 80 E8 A1 8C")
    assert text.count("最新的一行") == 1


def test_rerendering_a_log_full_of_binary_never_stalls_long(qtbot):
    """64 MB of random binary in 256 KiB reads (as a flood leaves it) is what the tester
    measured (1.2-1.7 s per change); 8 MB here, the re-render is the same size (512 KiB).
    The event loop's lateness is measured as bench/rerender.py does."""
    rng = random.Random(3)
    store = LogStore()
    for i in range(32):
        store.append(1, Direction.RX, float(i), rng.randbytes(256 * 1024))
    view = LogView(store, _label)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    lateness: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer(view)
    ticker.setInterval(10)

    def tick() -> None:
        lateness.append(clock.nsecsElapsed() / 1e9 - 0.010)
        clock.restart()

    ticker.timeout.connect(tick)
    worst = 0.0
    for mode, encoding in (("both", "auto"), ("text", "auto"), ("hex", "auto"),
                           ("both", "gbk"), ("text", "utf-8")):
        clock.start()
        ticker.start()
        started = time.perf_counter()
        view.set_options(RenderOptions(mode=mode, encoding=encoding,
                                       max_entry_bytes=ENTRY_BYTES_SHOWN))
        worst = max(worst, time.perf_counter() - started)
        assert view.filling  # the rest comes from the worker
        _fill(view, qtbot)
        ticker.stop()
        assert "RX peer1 ›" in view.toPlainText()
    worst = max(worst, *lateness)
    # 40-130 ms on the development machine (was 1.2-1.7 s); generous for a loaded machine.
    assert worst < 0.4, f"longest stall {worst * 1000:.0f} ms"


def test_closing_stops_a_rerender_at_once(qtbot):
    rng = random.Random(4)
    store = LogStore()
    for i in range(32):
        store.append(1, Direction.RX, float(i), rng.randbytes(64 * 1024))
    view = LogView(store, _label)
    qtbot.addWidget(view)
    view.set_options(RenderOptions(mode="both", encoding="auto"))
    assert view.filling
    started = time.perf_counter()
    view.shutdown()
    assert time.perf_counter() - started < 1.0
    assert not view.filling
    assert not [t for t in running_threads() if t.objectName() == "log-rerender"]


def test_scrolled_up_during_a_rerender_the_same_lines_stay_in_sight(qtbot):
    store = LogStore()
    for i in range(3000):
        store.append(1, Direction.RX, float(i), b"line %05d " % i + b"x" * 150)
    view = LogView(store, _label)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.set_options(RenderOptions(mode="text", encoding="utf-8", timestamps=False))
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100, timeout=10000)
    assert view.filling
    bar.setValue(bar.maximum() // 2)
    assert not view.following
    seen = view.firstVisibleBlock().text()
    _fill(view, qtbot)
    assert bar.maximum() > 1000  # much was inserted above
    assert view.firstVisibleBlock().text() == seen
