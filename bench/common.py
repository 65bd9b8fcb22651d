"""What the benchmarks share: memory figures, a RAM folder, and the app's client page."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (NaN where the OS does not say)."""
    try:
        import resource  # POSIX only
    except ImportError:
        return float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def ram_dir() -> str | None:
    """A RAM-backed folder (tmpfs) where there is one, so figures measure the app, not the
    disk (this machine's disk writes ~400 MB/s; see docs/performance.md)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def open_client_page(view: str, encoding: str | None = None) -> tuple[Any, Any, Any]:
    """(QApplication, MainWindow, TCP Client page) shown offscreen, log in ``view`` mode."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.main_window import MainWindow

    app = QApplication([])
    tmp = Path(tempfile.mkdtemp())
    window = MainWindow(settings=QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window.ask_before_closing = False  # a benchmark closes with its connection open
    window.resize(1200, 800)
    window.show()
    page = window.findChild(QWidget, "tcpClientSession")
    window.tabs.setCurrentWidget(page)
    mode = page.receive_settings.mode_combo
    mode.setCurrentIndex(mode.findData(view))
    if encoding is not None:
        combo = page.receive_settings.encoding_combo
        combo.setCurrentIndex(combo.findData(encoding))
    return app, window, page


class StallMeter:
    """How late a 10 ms timer fires on the GUI thread: the event loop's stalls, in ms.

    ``start()`` when the measured work begins, ``stop()`` at its end; ``p50``, ``p99`` and
    ``worst`` then say how long the window could not react.
    """

    PERIOD_MS = 10

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.lateness: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(self.PERIOD_MS)
        self._timer.timeout.connect(self._on_tick)

    def _on_tick(self) -> None:
        self.lateness.append(max(0.0, self._clock.nsecsElapsed() / 1e6 - self.PERIOD_MS))
        self._clock.restart()

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def p50(self) -> float:
        import statistics

        return statistics.median(self.lateness) if self.lateness else float("nan")

    @property
    def p99(self) -> float:
        import statistics

        if len(self.lateness) >= 100:
            return statistics.quantiles(self.lateness, n=100)[98]
        return max(self.lateness, default=float("nan"))

    @property
    def worst(self) -> float:
        return max(self.lateness, default=float("nan"))


def run_child(script: str, *args: str, timeout: float = 1800) -> dict:
    """Run ``script`` (a benchmark file) in a fresh interpreter with ``args``; the JSON object
    on its last output line is the result. Each measurement gets a process of its own, so
    one cannot warm or slow the next."""
    import json
    import subprocess

    out = subprocess.run([sys.executable, script, *args], capture_output=True, text=True,
                         timeout=timeout)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])
