"""The log view's memory under long unbroken entries (trial 2, item 1): RSS stays flat.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/view_memory.py [--seconds 60]

A :class:`LogView` of its own store is fed a 60,000-byte entry without a line break every 1 ms
(a UDP flood of 60 KB datagrams with "Show sent data" on); every 5 s the process's RSS and the
view's lines and characters are printed. Before the view had a character cap, RSS grew about
5 MB/s for minutes; now it stops growing once the view holds ``VIEW_CHARS`` characters.
"""

from __future__ import annotations

import argparse
import os
import time


def rss_mb() -> float:
    """This process's resident set size in MB (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--entry-bytes", type=int, default=60_000)
    parser.add_argument("--view-chars", type=int, default=0,
                        help="the view's character cap instead of VIEW_CHARS (a huge one shows "
                             "the growth without a cap)")
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import ui.log_view
    from app.traffic.chunk import Direction
    from app.traffic.log_store import LogStore
    from ui.log_view import LogView

    if args.view_chars:
        ui.log_view.VIEW_CHARS = args.view_chars
    cap = ui.log_view.VIEW_CHARS

    app = QApplication([])
    store = LogStore()
    view = LogView(store, lambda conn_id: f"peer{conn_id}")
    view.resize(900, 600)
    view.show()
    data = b"A" * args.entry_bytes
    start = time.monotonic()

    def feed() -> None:
        # A copy each time, as received or sent data is: the store then holds its budget.
        store.append(1, Direction.TX, time.time(), bytes(bytearray(data)))
        view.schedule()

    def sample() -> None:
        elapsed = time.monotonic() - start
        doc = view.document()
        print(f"t={elapsed:5.1f} s  RSS {rss_mb():6.1f} MB  view {doc.blockCount():,} lines, "
              f"{doc.characterCount():,} characters (cap {cap:,})", flush=True)
        if elapsed >= args.seconds:
            app.quit()

    feeder = QTimer()
    feeder.setInterval(1)
    feeder.timeout.connect(feed)
    feeder.start()
    sampler = QTimer()
    sampler.setInterval(5000)
    sampler.timeout.connect(sample)
    sampler.start()
    sample()
    app.exec()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
