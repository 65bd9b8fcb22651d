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
