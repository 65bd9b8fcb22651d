"""Change "Show as" / "Encoding" with a log full of random binary: the event loop's longest stall
(target: no user action stalls it over 100 ms, DESIGN §4).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/rerender.py [--mib 64] [--entry-kib 256]

The log of the TCP Client page is filled with random bytes in entries of ``--entry-kib`` KiB (a
flood of random bytes leaves 256 KiB reads); then each combo change below is made as the user
makes it (``setCurrentIndex``) while a 10 ms timer measures the GUI thread's lateness, until the
view has filled in the re-rendered history. The call itself is timed too.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

from common import StallMeter, open_client_page

#: (Show as, Encoding) in the order they are chosen; each differs from the one before.
CHANGES = [("both", "auto"), ("text", "auto"), ("hex", "auto"), ("both", "gbk"),
           ("text", "utf-8"), ("both", "utf-8"), ("text", "auto")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=64)
    parser.add_argument("--entry-kib", type=int, default=256)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer

    from app.traffic.chunk import Direction

    app, window, page = open_client_page("text", "utf-8")
    store = page.session.log
    store.set_budget(args.mib * 1024 * 1024 + 4096 * 1024)
    rng = random.Random(1)
    entry = args.entry_kib * 1024
    for _ in range(args.mib * 1024 * 1024 // entry):
        store.append(1, Direction.RX, time.monotonic(), rng.randbytes(entry))
    view = page.log_view
    settings = page.receive_settings
    while view.filling:
        app.processEvents()
    print(f"{len(store):,} entries of {args.entry_kib} KiB of random bytes ({args.mib} MiB) "
          f"in the log; {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    worst_all = 0.0
    for mode, encoding in CHANGES:
        stalls = StallMeter()
        loop = QEventLoop()
        stalls.start()
        QTimer.singleShot(50, loop.quit)  # some ticks before the change, too
        loop.exec()
        started = time.perf_counter()
        settings.mode_combo.setCurrentIndex(settings.mode_combo.findData(mode))
        settings.encoding_combo.setCurrentIndex(settings.encoding_combo.findData(encoding))
        call_ms = (time.perf_counter() - started) * 1000
        while view.filling:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        filled_ms = (time.perf_counter() - started) * 1000
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        stalls.stop()
        worst = max(stalls.worst, call_ms)
        worst_all = max(worst_all, worst)
        print(f"Show as {mode:4}, {encoding:5}: change {call_ms:5.1f} ms, history filled in "
              f"{filled_ms:6.0f} ms, {view.document().blockCount():,} lines; lateness p50 "
              f"{stalls.p50:.1f} ms, max {stalls.worst:.1f} ms over {len(stalls.lateness)} ticks")
    window.close()
    print(f"longest stall {worst_all:.1f} ms (target < 100 ms)")
    return 0 if worst_all < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
