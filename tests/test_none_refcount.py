"""Guard against the PySide6 6.12.0 bug that drops a reference to None per void Qt call.

On Python 3.11 that ends in "Fatal Python error: none_dealloc"; pyproject keeps 3.11 on a
PySide6 below 6.12. This test fails fast if a release with the bug gets installed anyway.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPlainTextEdit


def test_void_qt_calls_keep_none_alive(qtbot):
    obj = QObject()
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for i in range(20000):
        obj.setObjectName("x")
        if i % 10 == 0:
            edit.appendPlainText("line")
    after = sys.getrefcount(None)
    # Other code may take or drop a handful of references meanwhile; the bug drops 20k+.
    assert after >= before - 100, f"refcount of None fell by {before - after}"
