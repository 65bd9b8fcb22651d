"""Qt's font-fallback warnings (``qt.text.font.db``) are kept off the user's terminal; other
Qt warnings are not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLoggingCategory

import ui.launch as launch

ROOT = Path(__file__).resolve().parent.parent

# Text of many scripts laid out in a text view: fonts without OpenType tables for a script
# make Qt warn "OpenType support missing for …" (as binary shown as text did in the trial).
_SHOW_SCRIPTS = """
import sys
from PySide6.QtWidgets import QApplication, QPlainTextEdit
if sys.argv[1] == "quiet":
    from ui.launch import quiet_qt_noise
    quiet_qt_noise()
app = QApplication([])
view = QPlainTextEdit()
view.resize(800, 600)
view.show()
view.setPlainText("".join(chr(c) for c in range(0x0900, 0x1200)))
view.grab()
app.processEvents()
from PySide6.QtCore import qWarning
qWarning("another warning")
"""


@pytest.fixture
def restore_rules():
    yield
    QLoggingCategory.setFilterRules("")


def _info_on(name: str) -> bool:
    return QLoggingCategory(name).isInfoEnabled()


def test_the_rule_silences_font_db_info_messages_only(restore_rules):
    # "OpenType support missing for …" is an info message of qt.text.font.db, on by default.
    assert _info_on("qt.text.font.db")
    launch.quiet_qt_noise()
    assert not _info_on("qt.text.font.db")
    assert QLoggingCategory("qt.text.font.db").isWarningEnabled()
    for other in ("default", "qt.text.font.match", "qt.qpa.fonts", "qt.core"):
        category = QLoggingCategory(other)
        assert category.isInfoEnabled() and category.isWarningEnabled(), other


def test_main_sets_the_rule_before_making_the_application(monkeypatch, restore_rules):
    class Made(Exception):
        pass

    def fake_application(_arguments):
        # What the QApplication would start with.
        assert not _info_on("qt.text.font.db")
        raise Made

    names = (QCoreApplication.organizationName(), QCoreApplication.applicationName(),
             QCoreApplication.applicationVersion())
    monkeypatch.setattr(launch, "raise_descriptor_limit", lambda: None)
    monkeypatch.setattr(launch, "QApplication", fake_application)
    try:
        with pytest.raises(Made):
            launch.main(["socketscope"])
    finally:
        QCoreApplication.setOrganizationName(names[0])
        QCoreApplication.setApplicationName(names[1])
        QCoreApplication.setApplicationVersion(names[2])


def _show_scripts(mode: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "QT_LOGGING_RULES"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([sys.executable, "-c", _SHOW_SCRIPTS, mode], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_scripts_without_opentype_support_print_no_warning():
    loud = _show_scripts("loud")
    assert "another warning" in loud
    if "OpenType support missing" not in loud:
        pytest.skip("no font here lacks OpenType support for these scripts")
    quiet = _show_scripts("quiet")
    assert "OpenType support missing" not in quiet
    assert "qt.text.font.db" not in quiet
    assert "another warning" in quiet  # other warnings still reach the terminal
