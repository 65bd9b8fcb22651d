"""Knowledge declared once: line endings and send modes, the tolerant JSON setting reader, the
quick-command store, and the rules that keep colours in ``ui/style.py`` and item models in ``ui/``.

The widget side (both send forms offer the same choices) is in ``test_ui_send_form.py``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.json_setting import parse_valid, read_json_setting, write_json_setting
from app.send.history import SendHistory
from app.send.payload import (
    LINE_ENDING_CHOICES,
    LINE_ENDINGS,
    SEND_MODES,
    SendSpec,
    build_payload,
    line_ending_choices,
    line_ending_name,
    send_mode_choices,
)
from app.send.quick_commands import (
    QuickCommand,
    QuickCommandStore,
    describe_command,
    export_commands,
    import_commands,
)

ROOT = Path(__file__).resolve().parent.parent

# Written out by hand on purpose: the table in app/send/payload.py must agree with this.
EXPECTED_ENDINGS = {"none": b"", "cr": b"\r", "lf": b"\n", "crlf": b"\r\n"}
EXPECTED_LABELS = {"none": "None", "cr": "CR (\\r)", "lf": "LF (\\n)", "crlf": "CRLF (\\r\\n)"}


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


def test_the_line_ending_table():
    assert [e.id for e in LINE_ENDING_CHOICES] == list(EXPECTED_ENDINGS)
    assert LINE_ENDINGS == EXPECTED_ENDINGS
    assert dict(line_ending_choices()) == EXPECTED_LABELS
    assert [i for i, _label in line_ending_choices()] == list(EXPECTED_ENDINGS)


@pytest.mark.parametrize("ending_id", list(EXPECTED_ENDINGS))
def test_a_line_ending_id_means_the_same_bytes_everywhere(ending_id, tmp_path):
    spec = SendSpec("AT", line_ending=ending_id)
    # The builder appends those bytes (after the checksum).
    assert build_payload(spec) == b"AT" + EXPECTED_ENDINGS[ending_id]
    assert build_payload(SendSpec("AT", line_ending=ending_id, checksum="sum8")) == (
        b"AT\x95" + EXPECTED_ENDINGS[ending_id])
    # History and quick commands validate it and keep it.
    history = SendHistory(_settings(tmp_path))
    history.add(spec)
    assert history.entries() == [spec]
    command = QuickCommand("at", spec)
    assert QuickCommand.from_dict(command.to_dict()) == command
    # The tooltip names it the way the form's label starts.
    description = describe_command(command)
    if ending_id == "none":
        assert line_ending_name(ending_id) == "" and "+" not in description
    else:
        assert description.endswith(" + " + line_ending_name(ending_id))
        assert EXPECTED_LABELS[ending_id].startswith(line_ending_name(ending_id) + " (")


@pytest.mark.parametrize("bad", ["CR", "crcr", "\r", ""])
def test_an_unknown_line_ending_is_refused_by_builder_and_validators(bad, tmp_path):
    with pytest.raises(ValueError, match="line_ending"):
        build_payload(SendSpec("AT", line_ending=bad))
    with pytest.raises(ValueError, match="line_ending"):
        SendSpec.from_dict({"text": "AT", "line_ending": bad})
    with pytest.raises(ValueError, match="line_ending"):
        QuickCommand.from_dict({"name": "x", **SendSpec("AT").to_dict(), "line_ending": bad})
    assert line_ending_name(bad) == ""


def test_send_modes_are_declared_once():
    assert SEND_MODES == ("text", "hex")
    assert [mode for mode, _label in send_mode_choices()] == list(SEND_MODES)
    assert dict(send_mode_choices()) == {"text": "Text", "hex": "Hex"}
    with pytest.raises(ValueError, match="mode"):
        SendSpec.from_dict({"text": "AT", "mode": "binary"})
    with pytest.raises(ValueError, match="mode"):
        build_payload(SendSpec("AT", mode="binary"))


@pytest.mark.parametrize(("stored", "expected"), [
    (None, None),
    ("", None),
    ("{not json", None),
    ("[1, 2", None),
    ('{"a": [1, "二"]}', {"a": [1, "二"]}),
    ("[]", []),
    ("3", 3),
])
def test_read_json_setting_is_tolerant(tmp_path, stored, expected):
    settings = _settings(tmp_path)
    if stored is not None:
        settings.setValue("k", stored)
    assert read_json_setting(settings, "k") == expected


def test_read_json_setting_ignores_a_value_that_is_not_text(tmp_path):
    settings = _settings(tmp_path)
    settings.setValue("k", 42)  # an int in memory; a hand-edited INI would give "42"
    assert read_json_setting(settings, "k") is None


def test_write_then_read_json_setting_round_trips_and_keeps_chinese(tmp_path):
    settings = _settings(tmp_path)
    write_json_setting(settings, "k", {"name": "读寄存器", "n": [1, 2]})
    assert "读寄存器" in settings.value("k")
    settings.sync()
    assert read_json_setting(_settings(tmp_path), "k") == {"name": "读寄存器", "n": [1, 2]}


def test_parse_valid_skips_what_the_parser_refuses():
    def parse(item: object) -> int:
        if not isinstance(item, int):
            raise ValueError("not an int")
        return item * 2

    assert parse_valid([1, "x", 3, None, 4], parse) == [2, 6, 8]
    assert parse_valid([], parse) == []


def test_parse_valid_lets_other_errors_through():
    def parse(item: object) -> object:
        raise KeyError(item)

    with pytest.raises(KeyError):
        parse_valid([1], parse)


def test_quick_command_store_round_trips_and_skips_bad_entries(tmp_path):
    settings = _settings(tmp_path)
    store = QuickCommandStore(settings)
    good = QuickCommand("读", SendSpec("01 03", mode="hex", checksum="crc16-modbus"))
    store.save([good])
    assert QuickCommandStore(settings).load() == [good]
    doc = read_json_setting(settings, "send/quickCommands")
    doc["commands"].insert(0, {"name": "broken"})
    write_json_setting(settings, "send/quickCommands", doc)
    assert QuickCommandStore(settings).load() == [good]
    settings.setValue("send/quickCommands", "{damaged")
    assert QuickCommandStore(settings).load() == []


def test_quick_command_files_need_no_model(tmp_path):
    commands = [QuickCommand("AT", SendSpec("AT", line_ending="crlf")),
                QuickCommand("读", SendSpec("01 03", mode="hex", checksum="crc8"))]
    path = tmp_path / "cmds.json"
    export_commands(path, commands)
    assert import_commands(path) == commands


def _py_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_colours_are_declared_only_in_ui_style():
    colour = re.compile(r"""["'][^"'\n]*#[0-9A-Fa-f]{6}\b""")
    found = [f"{path.relative_to(ROOT)}:{n}" for package in ("app", "ui")
             for path in _py_files(package) if path != ROOT / "ui" / "style.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if colour.search(line)]
    assert not found, f"colour literals outside ui/style.py: {found}"


def test_the_engine_defines_no_qt_item_model():
    found = []
    for path in _py_files("app"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(b) for b in node.bases]
                if any(re.search(r"Q\w*(ItemModel|ListModel|TableModel)", b) for b in bases):
                    found.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert not found, f"Qt item models belong in ui/: {found}"
