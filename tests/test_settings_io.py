"""Portable mode, settings export/import through the window, and what About says."""

from __future__ import annotations

import sys

import PySide6
import pytest
from PySide6.QtCore import QSettings, qVersion
from PySide6.QtWidgets import QWidget

from app.send.payload import SendSpec
from app.send.quick_commands import QuickCommand
from tests.ui_helpers import child
from ui import settings_io


def test_portable_mode_needs_a_bundle_and_a_marker(tmp_path, monkeypatch) -> None:
    executable = tmp_path / "SocketScope.exe"
    executable.write_bytes(b"")
    monkeypatch.setattr(sys, "executable", str(executable))
    monkeypatch.delattr(sys, "frozen", raising=False)
    (tmp_path / "portable.txt").write_text("")
    assert settings_io.portable_folder() is None  # run from source: never portable
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert settings_io.portable_folder() == tmp_path.resolve()
    settings = settings_io.open_settings()
    assert settings.format() == QSettings.Format.IniFormat
    assert settings.fileName() == str(tmp_path.resolve() / "SocketScope.ini")
    assert settings_io.data_folder() == tmp_path.resolve()
    (tmp_path / "portable.txt").unlink()
    assert settings_io.portable_folder() is None
    (tmp_path / "SocketScope.ini").write_text("[ui]\nlanguage=en\n")
    assert settings_io.portable_folder() == tmp_path.resolve()


def test_export_then_import_restores_pages_and_settings(qtbot, window, tmp_path) -> None:
    server = window.findChild(QWidget, "tcpServerSession")
    child(server, "localPortSpin").setValue(40123)
    window.add_page("tcp-client")  # tcpClientSession_2
    window.quick_commands.add(QuickCommand("ping", SendSpec("PING")))
    exported = tmp_path / "export.ini"
    window.save_settings()
    assert settings_io.export_settings(window.settings, exported) > 5
    assert "ui/geometry" not in QSettings(str(exported), QSettings.Format.IniFormat).allKeys()

    # Change everything, then import: the exported state comes back, pages reopened.
    window.close_tab(window.tabs.indexOf(window.findChild(QWidget, "tcpClientSession_2")))
    child(server, "localPortSpin").setValue(40999)
    window.quick_commands.set_commands([])
    window.import_settings(exported)
    names = [page.objectName() for page in window.pages()]
    assert "tcpClientSession_2" in names and "tcpServerSession" in names
    server = window.findChild(QWidget, "tcpServerSession")
    assert child(server, "localPortSpin").value() == 40123
    assert [c.name for c in window.quick_commands.commands()] == ["ping"]


def test_import_of_a_file_without_pages_changes_nothing(qtbot, window, tmp_path) -> None:
    before = [page.objectName() for page in window.pages()]
    junk = tmp_path / "junk.ini"
    junk.write_text("[other]\nkey=value\n")
    for path in (junk, tmp_path / "missing.ini"):
        with pytest.raises(ValueError, match="SocketScope"):
            window.import_settings(path)
    assert [page.objectName() for page in window.pages()] == before
    assert all(page.parent() is not None for page in window.pages())


def test_damaged_values_in_an_import_fall_back_to_defaults(qtbot, window, tmp_path) -> None:
    damaged = tmp_path / "damaged.ini"
    damaged.write_text('[ui]\npages="[{\\"kind\\": \\"tcp-server\\", \\"name\\": '
                       '\\"tcpServerSession\\"}, 7]"\n'
                       "[tcpServerSession]\nport=not a port\nreceiveMode=klingon\n")
    window.import_settings(damaged)
    assert [page.objectName() for page in window.pages()] == ["tcpServerSession"]
    page = window.pages()[0]
    assert 1 <= child(page, "localPortSpin").value() <= 65535
    assert child(page, "receiveModeCombo").currentData() in {"text", "hex", "both"}


def test_about_names_versions_and_where_things_live(qtbot, window, tmp_path) -> None:
    window.log_path = tmp_path / "socketscope.log"
    text = window.about_text()
    for part in (qVersion(), PySide6.__version__, "{}.{}".format(*sys.version_info[:2]),
                 window.settings.fileName(), str(window.log_path)):
        assert part in text
