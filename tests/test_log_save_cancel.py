"""A long Save… of the log: it shows its progress, can be cancelled, and never holds up closing
the page or the window (the partial file is removed)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

import app.traffic.log_saver as log_saver
from app.traffic.chunk import Direction
from app.workers import running_threads
from tests.ui_helpers import child, status

ENTRY = bytes(range(256)) * 16  # 4 KiB of binary
ENTRIES = 256  # 1 MiB


@pytest.fixture
def slow_save(monkeypatch):
    """Saves of 4 KiB batches with a 20 ms pause each: 1 MiB takes ~5 s."""
    monkeypatch.setattr(log_saver, "BATCH_BYTES", 4096)
    monkeypatch.setattr(log_saver, "PAUSE_S", 0.02)


@pytest.fixture
def page(window):
    page = window.findChild(QWidget, "tcpClientSession")
    for i in range(ENTRIES):
        page.session.log.append(1, Direction.RX, float(i), ENTRY)
    return page


def _saver_threads() -> list:
    return [t for t in running_threads() if t.objectName() == "log-save"]


def _start_save(qtbot, page, target: Path) -> None:
    assert page.log_panel.save_log(target)
    # Running, and it said how far it got at least once after the start.
    qtbot.waitUntil(lambda: re.search(r"Saving the log… [1-9]\d* %", status(page)) is not None,
                    timeout=5000)
    assert page.log_panel.saving
    assert target.exists()


def test_closing_the_window_while_saving_returns_at_once_and_removes_the_file(
        qtbot, window, page, slow_save, tmp_path: Path):
    target = tmp_path / "log.txt"
    _start_save(qtbot, page, target)
    started = time.perf_counter()
    window.close()
    took = time.perf_counter() - started
    assert took < 1.0, f"closing took {took:.2f} s"
    qtbot.waitUntil(lambda: not _saver_threads(), timeout=1000)
    qtbot.waitUntil(lambda: not target.exists(), timeout=1000)


def test_closing_the_tab_while_saving_returns_at_once_and_removes_the_file(
        qtbot, window, page, slow_save, tmp_path: Path):
    target = tmp_path / "log.txt"
    _start_save(qtbot, page, target)
    started = time.perf_counter()
    window.close_tab(window.tabs.indexOf(page))
    took = time.perf_counter() - started
    assert took < 1.0, f"closing the tab took {took:.2f} s"
    assert window.tabs.indexOf(page) == -1
    qtbot.waitUntil(lambda: not _saver_threads(), timeout=1000)
    qtbot.waitUntil(lambda: not target.exists(), timeout=1000)


def test_save_shows_progress_and_the_button_cancels_it(qtbot, window, page, slow_save,
                                                       tmp_path: Path):
    panel = page.log_panel
    button = child(page, "saveLogButton")
    # An older failure is in the status line; a new save replaces it.
    assert not panel.save_log(tmp_path / "missing-dir" / "log.txt")
    assert "Cannot save the log" in status(page)
    target = tmp_path / "log.txt"
    assert panel.save_log(target)
    assert "Cannot save" not in status(page)
    assert status(page) == "Saving the log… 0 %"
    assert button.text() == "Cancel saving" and button.isEnabled()
    qtbot.waitUntil(lambda: re.search(r"Saving the log… [1-9]\d* %", status(page)) is not None,
                    timeout=5000)
    with qtbot.waitSignal(panel.logSaved, timeout=2000) as saved:
        button.click()
    assert saved.args == [False]
    assert "Saving cancelled" in status(page) and str(target) in status(page)
    assert not target.exists()
    assert button.text() == "Save…" and button.isEnabled()
    assert not panel.saving and not _saver_threads()


def test_a_whole_save_reports_its_progress_up_to_100(qtbot, window, page, monkeypatch,
                                                     tmp_path: Path):
    monkeypatch.setattr(log_saver, "BATCH_BYTES", 64 * 1024)
    monkeypatch.setattr(log_saver, "PROGRESS_INTERVAL_S", 0)
    seen: list[str] = []
    page.log_panel.message.connect(lambda text, _error: seen.append(text))
    target = tmp_path / "log.txt"
    with qtbot.waitSignal(page.log_panel.logSaved, timeout=10000) as saved:
        assert page.log_panel.save_log(target)
    assert saved.args == [True]
    percents = [int(m.group(1)) for text in seen
                if (m := re.fullmatch(r"Saving the log… (\d+) %", text))]
    assert percents[0] == 0 and percents == sorted(percents) and 100 in percents
    assert len(percents) == len(set(percents)) <= 101  # once per percent at most
    assert seen[-1].startswith("Log saved to")
    # Every entry whole: 4 KiB of binary is 8 hex-escape lines… count the entry heads.
    assert target.read_text(encoding="utf-8").count(" RX ") == ENTRIES
    assert child(page, "saveLogButton").text() == "Save…"


def test_a_save_is_not_over_until_its_result_is_reported(qtbot, window, page, tmp_path: Path):
    """The worker has ended but its result is still queued: a new save is refused until the
    result is reported (it used to start, and the old result then waited for it)."""
    panel = page.log_panel
    first = tmp_path / "first.txt"
    assert panel.save_log(first)
    saver = panel._saver
    assert saver is not None
    assert saver.wait(10000)  # ended; its saved signal waits in the event queue
    assert not saver.isRunning()
    assert panel.saving
    assert child(page, "saveLogButton").text() == "Cancel saving"
    assert not panel.save_log(tmp_path / "second.txt")
    assert status(page) == "The log is still being saved."
    assert not (tmp_path / "second.txt").exists()
    with qtbot.waitSignal(panel.logSaved, timeout=5000) as saved:
        pass
    assert saved.args == [True]
    assert not panel.saving
    assert status(page) == f"Log saved to {first}."
    assert first.read_text(encoding="utf-8").count(" RX ") == ENTRIES
    # Now a new save starts and reports its own result.
    second = tmp_path / "second.txt"
    with qtbot.waitSignal(panel.logSaved, timeout=10000) as saved:
        assert panel.save_log(second)
    assert saved.args == [True]
    assert second.read_text(encoding="utf-8").count(" RX ") == ENTRIES
    assert not panel.saving and not _saver_threads()
