"""Tests for app.send.quick_commands and ui.quick_command_model: model, persistence, JSON files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt

from app.send.payload import SendSpec
from app.send.quick_commands import (
    FILE_FORMAT,
    QuickCommand,
    QuickCommandFileError,
)
from ui.quick_command_model import QuickCommandModel

READ_REGS = QuickCommand(
    "Read registers", SendSpec("01 03 00 00 00 0A", mode="hex", checksum="crc16-modbus")
)
AT = QuickCommand("AT", SendSpec("AT", line_ending="crlf"))
HELLO = QuickCommand("你好", SendSpec("你好\\r\\n", encoding="gbk", escapes=True))


def _settings(path: Path) -> QSettings:
    return QSettings(str(path / "s.ini"), QSettings.Format.IniFormat)


def _names(model: QuickCommandModel) -> list[str]:
    return [model.data(model.index(r)) for r in range(model.rowCount())]


def _model(*cmds: QuickCommand, settings: QSettings | None = None) -> QuickCommandModel:
    model = QuickCommandModel(settings)
    for cmd in cmds:
        model.add(cmd)
    return model


def _command_dict(**overrides: Any) -> dict[str, Any]:
    d = {
        "name": "n",
        "text": "01 02",
        "mode": "hex",
        "encoding": "utf-8",
        "escapes": False,
        "line_ending": "none",
        "checksum": "none",
    }
    d.update(overrides)
    return d


def _write_doc(path: Path, commands: list[Any], **top: Any) -> Path:
    doc = {"format": FILE_FORMAT, "version": 1, "commands": commands}
    doc.update(top)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_roles() -> None:
    model = _model(READ_REGS, HELLO)
    assert model.rowCount() == 2
    assert model.rowCount(model.index(0)) == 0
    index = model.index(0)
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "Read registers"
    assert model.data(index, Qt.ItemDataRole.UserRole) == READ_REGS
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "01 03 00 00 00 0A" in tip and "CRC-16/MODBUS" in tip and "Hex" in tip
    tip = model.data(model.index(1), Qt.ItemDataRole.ToolTipRole)
    assert "gbk" in tip and "你好\\r\\n" in tip
    assert model.data(model.index(5)) is None


def test_model_passes_qt_model_tester(qtmodeltester: Any) -> None:
    qtmodeltester.check(_model(READ_REGS, AT, HELLO))


def test_add_replace_remove() -> None:
    model = _model()
    inserted: list[tuple[int, int]] = []
    changed: list[int] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda tl, _br, _roles=None: changed.append(tl.row()))
    assert model.add(AT) == 0
    assert model.add(READ_REGS) == 1
    assert inserted == [(0, 0), (1, 1)]
    model.replace(0, HELLO)
    assert changed == [0]
    assert model.commands() == [HELLO, READ_REGS]
    model.remove(0)
    assert model.commands() == [READ_REGS]
    with pytest.raises(IndexError):
        model.remove(3)
    with pytest.raises(IndexError):
        model.replace(-1, AT)


@pytest.mark.parametrize(
    ("row", "new_row", "expected"),
    [
        (0, 2, ["Read registers", "你好", "AT"]),
        (2, 0, ["你好", "AT", "Read registers"]),
        (0, 1, ["Read registers", "AT", "你好"]),
        (1, 0, ["Read registers", "AT", "你好"]),
        (1, 2, ["AT", "你好", "Read registers"]),
    ],
)
def test_move(row: int, new_row: int, expected: list[str]) -> None:
    model = _model(AT, READ_REGS, HELLO)
    moved: list[tuple[int, int]] = []
    model.rowsMoved.connect(lambda _p, start, _end, _d, dest: moved.append((start, dest)))
    assert model.move(row, new_row) is True
    assert _names(model) == expected
    assert moved and moved[0][0] == row


def test_move_to_same_row_is_noop() -> None:
    model = _model(AT, READ_REGS)
    assert model.move(1, 1) is False
    assert model.commands() == [AT, READ_REGS]
    with pytest.raises(IndexError):
        model.move(0, 2)


def test_persistent_index_follows_move() -> None:
    from PySide6.QtCore import QPersistentModelIndex

    model = _model(AT, READ_REGS, HELLO)
    keep = QPersistentModelIndex(model.index(0))
    model.move(0, 2)
    assert keep.row() == 2
    assert model.data(model.index(keep.row())) == "AT"


def test_set_commands_resets() -> None:
    model = _model(AT)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_commands([HELLO, READ_REGS])
    assert resets == [True]
    assert model.commands() == [HELLO, READ_REGS]


def test_persistence(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    model = _model(AT, READ_REGS, HELLO, settings=settings)
    model.move(2, 0)
    model.remove(1)
    settings.sync()
    reopened = QuickCommandModel(_settings(tmp_path))
    assert reopened.commands() == [HELLO, READ_REGS]
    model.set_commands([])
    settings.sync()
    assert QuickCommandModel(_settings(tmp_path)).commands() == []


def test_without_settings_nothing_is_stored(tmp_path: Path) -> None:
    _model(AT)
    assert QuickCommandModel(_settings(tmp_path)).commands() == []


@pytest.mark.parametrize("bad", ["{oops", "[]", "5", json.dumps({"commands": 3}), ""])
def test_corrupt_settings_value_is_ignored(tmp_path: Path, bad: str) -> None:
    settings = _settings(tmp_path)
    settings.setValue("send/quickCommands", bad)
    model = QuickCommandModel(settings)
    assert model.commands() == []
    model.add(AT)  # and the model still works and saves over it
    assert QuickCommandModel(settings).commands() == [AT]


def test_settings_value_with_one_bad_command_keeps_the_good(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    settings.setValue(
        "send/quickCommands",
        json.dumps({"commands": [AT.to_dict(), {"name": "x"}, _command_dict(text="0G")]}),
    )
    assert QuickCommandModel(settings).commands() == [AT]


def test_export_format(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    _model(HELLO, READ_REGS).export_json(path)
    raw = path.read_bytes()
    assert "你好".encode() in raw  # ensure_ascii=False, UTF-8
    assert b'\n  "format"' in raw  # indent 2
    doc = json.loads(raw.decode("utf-8"))
    assert doc["format"] == "socketscope-quick-commands"
    assert doc["version"] == 1
    assert doc["commands"][1] == {
        "name": "Read registers",
        "text": "01 03 00 00 00 0A",
        "mode": "hex",
        "encoding": "utf-8",
        "escapes": False,
        "line_ending": "none",
        "checksum": "crc16-modbus",
    }
    assert [p.name for p in tmp_path.iterdir()] == ["q.json"]  # no temp file left behind


def test_export_import_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    source = _model(AT, READ_REGS, HELLO)
    source.export_json(path)
    target = QuickCommandModel()
    assert target.import_json(path) == 3
    assert target.commands() == source.commands()


def test_import_appends_or_replaces(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    _model(READ_REGS, HELLO).export_json(path)
    model = _model(AT)
    assert model.import_json(path) == 2
    assert model.commands() == [AT, READ_REGS, HELLO]
    assert model.import_json(path, replace=True) == 2
    assert model.commands() == [READ_REGS, HELLO]


def test_import_saves_to_settings(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    _model(READ_REGS).export_json(path)
    settings = _settings(tmp_path)
    QuickCommandModel(settings).import_json(path)
    settings.sync()
    assert QuickCommandModel(_settings(tmp_path)).commands() == [READ_REGS]


def test_import_accepts_bom_and_extra_keys(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    doc = {"format": FILE_FORMAT, "version": 1, "commands": [_command_dict(note="x")], "by": "me"}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc).encode())
    model = QuickCommandModel()
    assert model.import_json(path) == 1
    assert model.commands() == [QuickCommand("n", SendSpec("01 02", mode="hex"))]


def _bad_files(tmp_path: Path) -> list[tuple[str, Path, str]]:
    """(case id, file, a fragment the message must contain)."""
    cases: list[tuple[str, Path, str]] = []

    def add(case: str, content: str | bytes, fragment: str) -> None:
        path = tmp_path / f"{case}.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        cases.append((case, path, fragment))

    def doc(commands: list[Any], **top: Any) -> str:
        d: dict[str, Any] = {"format": FILE_FORMAT, "version": 1, "commands": commands}
        d.update(top)
        return json.dumps(d)

    add("not_json", "{format: 1", "JSON")
    add("not_utf8", b'{"format": "\xff"}', "UTF-8")
    add("list", "[]", "quick-command file")
    add("wrong_format", doc([], format="other"), "format")
    add("no_format", json.dumps({"version": 1, "commands": []}), "format")
    add("version_2", doc([], version=2), "version")
    add("version_str", doc([], version="1"), "version")
    add("version_bool", doc([], version=True), "version")
    add("no_commands", json.dumps({"format": FILE_FORMAT, "version": 1}), "commands")
    add("commands_dict", doc({}), "commands")  # type: ignore[arg-type]
    add("command_not_object", doc([_command_dict(), "x"]), "Command 2")
    add(
        "missing_name",
        doc([{k: v for k, v in _command_dict().items() if k != "name"}]),
        "Command 1",
    )
    add("empty_name", doc([_command_dict(name=" ")]), "name")
    add("missing_mode", doc([{k: v for k, v in _command_dict().items() if k != "mode"}]), "mode")
    add("bad_mode", doc([_command_dict(), _command_dict(name="m", mode="bin")]), "Command 2")
    add("bad_escapes_type", doc([_command_dict(escapes="no")]), "escapes")
    add("bad_line_ending", doc([_command_dict(line_ending="CRLF")]), "line_ending")
    add("bad_checksum", doc([_command_dict(checksum="crc64")]), "checksum")
    add("bad_encoding", doc([_command_dict(mode="text", encoding="klingon")]), "klingon")
    add("bad_hex", doc([_command_dict(), _command_dict(name="frame", text="01 0G")]), "frame")
    add("bad_escape", doc([_command_dict(mode="text", text="\\q", escapes=True)]), "\\q")
    return cases


def test_malformed_files_are_rejected_and_change_nothing(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    model = _model(AT, READ_REGS, settings=settings)
    signals: list[str] = []
    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
        signal.connect(lambda *_a, s=signal: signals.append(str(s)))
    stored = settings.value("send/quickCommands")
    for case, path, fragment in _bad_files(tmp_path):
        for replace in (False, True):
            with pytest.raises(QuickCommandFileError) as info:
                model.import_json(path, replace=replace)
            assert fragment in info.value.message, (case, info.value.message)
            assert str(info.value) == info.value.message
            assert model.commands() == [AT, READ_REGS], case
    assert signals == []
    assert settings.value("send/quickCommands") == stored


def test_bad_hex_message_names_command_number(tmp_path: Path) -> None:
    path = _write_doc(tmp_path / "q.json", [_command_dict(), _command_dict(text="01 0G")])
    with pytest.raises(QuickCommandFileError) as info:
        QuickCommandModel().import_json(path)
    assert "Command 2" in info.value.message
    assert "G" in info.value.message


def test_unreadable_file(tmp_path: Path) -> None:
    model = _model(AT)
    with pytest.raises(QuickCommandFileError) as info:
        model.import_json(tmp_path / "missing.json")
    assert "missing.json" in info.value.message
    with pytest.raises(QuickCommandFileError):
        model.import_json(tmp_path)  # a directory
    assert model.commands() == [AT]


def test_export_to_unwritable_place(tmp_path: Path) -> None:
    with pytest.raises(QuickCommandFileError) as info:
        _model(AT).export_json(tmp_path / "no" / "such" / "dir" / "q.json")
    assert "q.json" in info.value.message


def test_import_empty_command_list(tmp_path: Path) -> None:
    path = _write_doc(tmp_path / "q.json", [])
    model = _model(AT)
    assert model.import_json(path) == 0
    assert model.commands() == [AT]
    assert model.import_json(path, replace=True) == 0
    assert model.commands() == []


def test_flags() -> None:
    model = _model(AT)
    flags = model.flags(model.index(0))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
