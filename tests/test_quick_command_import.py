"""Importing quick-command files that are hostile or huge: a message in words, never a traceback,
and the window stays responsive because the file is read and checked in a worker."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from app.send import quick_command_loader
from app.send.payload import SendSpec
from app.send.quick_commands import (
    FILE_FORMAT,
    FILE_VERSION,
    MAX_FILE_BYTES,
    QuickCommand,
    QuickCommandFileError,
    commands_to_document,
    import_commands,
)
from tests.ui_helpers import status

AT = QuickCommand("AT", SendSpec("AT", line_ending="crlf"))


def _doc_text(commands_json: str) -> str:
    return (f'{{"format": "{FILE_FORMAT}", "version": {FILE_VERSION}, '
            f'"commands": {commands_json}}}')


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_5000_digit_number_is_a_message_not_a_traceback(tmp_path):
    for text in ('{"format": ' + "9" * 5000 + "}",
                 _doc_text('[{"name": "x", "text": ' + "1" * 5000 + "}]")):
        with pytest.raises(QuickCommandFileError) as info:
            import_commands(_write(tmp_path / "big-number.json", text))
        assert "big-number.json" in info.value.message
        assert "number" in info.value.message


def test_nesting_100000_deep_is_a_message_not_a_traceback(tmp_path):
    for text in ("[" * 100_000 + "]" * 100_000, _doc_text("[" * 100_000)):
        with pytest.raises(QuickCommandFileError) as info:
            import_commands(_write(tmp_path / "deep.json", text))
        assert "deep.json" in info.value.message
        assert "nested too deeply" in info.value.message or "not valid JSON" in info.value.message


def test_a_file_over_the_limit_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "huge.json"
    # Valid JSON, so only its size can be the reason.
    with path.open("w", encoding="utf-8") as f:
        f.write(_doc_text("[]")[:-1] + ', "padding": "')
        f.write("x" * MAX_FILE_BYTES)
        f.write('"}')
    with pytest.raises(QuickCommandFileError) as info:
        import_commands(path)
    assert "4 MiB" in info.value.message
    assert "huge.json" in info.value.message


def test_a_file_just_under_the_limit_is_read(tmp_path):
    path = tmp_path / "padded.json"
    head = _doc_text(json.dumps([AT.to_dict()]))[:-1] + ', "padding": "'
    path.write_text(head + "x" * (MAX_FILE_BYTES - len(head) - 2) + '"}', encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert import_commands(path) == [AT]


def test_the_page_reads_the_file_in_a_worker_while_the_window_runs(
        qtbot, window, tmp_path, monkeypatch):
    page = window.findChild(QWidget, "tcpClientSession")
    group = page.quick_commands
    path = tmp_path / "class.json"
    path.write_text(json.dumps(commands_to_document([AT] * 3)), encoding="utf-8")
    release = threading.Event()
    threads: list[threading.Thread] = []
    real_import = quick_command_loader.import_commands

    def slow_import(p: Path) -> list[QuickCommand]:
        threads.append(threading.current_thread())
        # Held until the GUI thread has run a timer: proof the event loop is not blocked.
        assert release.wait(10)
        return real_import(p)

    monkeypatch.setattr(quick_command_loader, "import_commands", slow_import)
    ticks: list[int] = []
    timer = QTimer(group)
    timer.setInterval(10)
    timer.timeout.connect(lambda: (ticks.append(1), len(ticks) >= 3 and release.set()))
    timer.start()
    with qtbot.waitSignal(group.importFinished, timeout=10_000) as done:
        assert group.import_file(path)
        assert not group.import_button.isEnabled()
        # A second import while one runs is refused in words.
        assert not group.import_file(path)
        assert "already" in status(page)
    timer.stop()
    assert done.args == [True]
    assert threads and threads[0] is not threading.main_thread()
    assert len(ticks) >= 3
    assert group.import_button.isEnabled()
    assert page.quick_command_model.commands() == [AT] * 3
    assert "3" in status(page)


def test_a_bad_file_in_the_page_ends_in_a_message(qtbot, window, tmp_path):
    page = window.findChild(QWidget, "tcpServerSession")
    group = page.quick_commands
    path = _write(tmp_path / "deep.json", "[" * 100_000)
    with qtbot.waitSignal(group.importFinished, timeout=10_000) as done:
        group.import_file(path)
    assert done.args == [False]
    assert "deep.json" in status(page)
    assert page.quick_command_model.rowCount() == 0
    assert group.import_button.isEnabled()


def test_closing_the_window_during_an_import_waits_for_it(qtbot, window, tmp_path):
    page = window.findChild(QWidget, "tcpServerSession")
    path = tmp_path / "q.json"
    path.write_text(json.dumps(commands_to_document([AT] * 2000)), encoding="utf-8")
    assert page.quick_commands.import_file(path)
    window.close()  # must not leave the worker running (conftest checks) nor crash
    assert page.quick_commands._loader is None
