"""Uncaught exceptions are logged to a rotating file and shown in one box, never lost."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from ui import crash


@pytest.fixture
def reporter(qtbot, tmp_path):
    installed = crash.install(tmp_path / "data")
    yield installed
    if installed.box is not None:
        installed.box.close()
    installed.uninstall()


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "crashMessageBox"
            and w.isVisible()]


def raise_and_hook(message: str) -> None:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]


def test_hook_logs_the_traceback_and_shows_one_box_for_a_storm(qtbot, reporter) -> None:
    assert sys.excepthook == reporter.excepthook
    raise_and_hook("first fault")
    qtbot.waitUntil(lambda: len(boxes()) == 1)
    for n in range(5):
        raise_and_hook(f"fault {n}")
    qtbot.waitUntil(lambda: reporter.unshown == 5)
    assert len(boxes()) == 1
    assert "first fault" in boxes()[0].text()
    assert str(reporter.log_path) in boxes()[0].text()
    text = reporter.log_path.read_text(encoding="utf-8")
    assert "RuntimeError: first fault" in text and "Traceback" in text
    assert "fault 4" in text


def test_a_thread_exception_and_worker_logging_reach_the_file(qtbot, reporter) -> None:
    def fail() -> None:
        raise ValueError("in a thread")

    thread = threading.Thread(target=fail, name="failing-thread")
    thread.start()
    thread.join(5)
    logging.getLogger("app.workers").error("worker crashed: %s", "reason")
    qtbot.waitUntil(lambda: len(boxes()) == 1)
    text = reporter.log_path.read_text(encoding="utf-8")
    assert "failing-thread" in text and "ValueError: in a thread" in text
    assert "app.workers" in text and "worker crashed: reason" in text


def test_uninstall_restores_the_hooks(tmp_path) -> None:
    before, before_thread = sys.excepthook, threading.excepthook
    installed = crash.install(tmp_path)
    installed.uninstall()
    installed.uninstall()
    assert sys.excepthook is before and threading.excepthook is before_thread
    assert all(not isinstance(h, logging.handlers.RotatingFileHandler)
               for h in logging.getLogger().handlers)
