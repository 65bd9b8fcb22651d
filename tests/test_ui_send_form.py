"""One send-settings form: the page's group and the quick-command dialog offer the same choices,
with their own object names, in English and in Chinese; the preview uses the one hex formatter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from app.send.checksums import CHECKSUM_IDS
from app.send.payload import SendSpec, build_payload
from app.send.quick_commands import QuickCommand
from app.traffic.hex_format import hex_text
from tests.ui_helpers import child, choose, type_send
from ui.quick_commands_panel import QuickCommandDialog
from ui.send_settings import DIALOG_NAMES, PAGE_NAMES, SendSettings, SendSettingsForm

QM_FILE = Path(__file__).resolve().parent.parent / "ui/translations/socketscope_zh_CN.qm"
FIELDS = ("mode", "encoding", "escapes", "checksum", "line_ending")


def _items(combo: QComboBox) -> list[tuple[str, str]]:
    return [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]


def _describe(root: QWidget, names) -> dict[str, object]:
    """What each control of a form offers: combo (data, label) items, the check box's text."""
    offered: dict[str, object] = {}
    for field in FIELDS:
        name = getattr(names, field)
        widget = root.findChild(QWidget, name)
        assert widget is not None, f"{name} not found"
        if isinstance(widget, QComboBox):
            offered[field] = _items(widget)
        else:
            assert isinstance(widget, QCheckBox)
            offered[field] = widget.text()
    return offered


@pytest.fixture
def dialog(qtbot) -> QuickCommandDialog:
    d = QuickCommandDialog(QuickCommand("", SendSpec("")))
    qtbot.addWidget(d)
    return d


def test_the_dialog_offers_exactly_the_send_panels_choices(window, dialog):
    page = window.findChild(QWidget, "tcpServerSession")
    on_page = _describe(page, PAGE_NAMES)
    in_dialog = _describe(dialog, DIALOG_NAMES)
    assert in_dialog == on_page
    assert [data for data, _label in on_page["line_ending"]] == ["none", "cr", "lf", "crlf"]
    assert [data for data, _label in on_page["checksum"]] == list(CHECKSUM_IDS)
    assert [data for data, _label in on_page["mode"]] == ["text", "hex"]


def test_the_two_forms_keep_their_own_names(window, dialog):
    page = window.findChild(QWidget, "tcpServerSession")
    for field in FIELDS:
        assert page.findChild(QWidget, getattr(DIALOG_NAMES, field)) is None
        assert dialog.findChild(QWidget, getattr(PAGE_NAMES, field)) is None
    assert set(PAGE_NAMES) == {"sendModeCombo", "sendEncodingCombo", "escapeCheck",
                               "checksumCombo", "lineEndingCombo"}


@pytest.mark.parametrize("spec", [
    SendSpec("01 03 00 00 00 0A", mode="hex", checksum="crc16-modbus", line_ending="none"),
    SendSpec("你好\\r", encoding="gbk", escapes=True, checksum="crc32", line_ending="crlf"),
    SendSpec("AT", line_ending="cr", checksum="xor"),
])
def test_the_dialog_shows_and_returns_the_command_unchanged(qtbot, spec):
    command = QuickCommand("cmd", spec)
    dialog = QuickCommandDialog(command)
    qtbot.addWidget(dialog)
    assert dialog.command() == command


def test_the_form_disables_text_settings_in_hex_mode_also_in_the_dialog(dialog):
    form = dialog.settings_form
    form.apply(SendSpec("", mode="hex"))
    assert not form.encoding_combo.isEnabled() and not form.escape_check.isEnabled()
    form.apply(SendSpec("", mode="text"))
    assert form.encoding_combo.isEnabled() and form.escape_check.isEnabled()


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(QM_FILE)), f"cannot load {QM_FILE}"
    assert QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_both_forms_are_translated_alike(qtbot, chinese):
    page_form = SendSettings()
    dialog_form = SendSettingsForm(DIALOG_NAMES)
    for widget in (page_form, dialog_form):
        qtbot.addWidget(widget)
    assert page_form.title() == "发送"
    assert _describe(page_form, PAGE_NAMES) == _describe(dialog_form, DIALOG_NAMES)
    assert _items(page_form.mode_combo) == [("text", "文本"), ("hex", "十六进制")]
    assert _items(page_form.line_ending_combo)[0] == ("none", "无")
    assert _items(page_form.line_ending_combo)[1:] == [
        ("cr", "CR (\\r)"), ("lf", "LF (\\n)"), ("crlf", "CRLF (\\r\\n)")]


def test_the_preview_uses_the_log_hex_formatter(qtbot, window):
    page = window.findChild(QWidget, "tcpServerSession")
    choose(page, "checksumCombo", "crc16-modbus")
    choose(page, "lineEndingCombo", "crlf")
    type_send(page, "AT+\\x01", "text")
    child(page, "escapeCheck").setChecked(True)
    expected = hex_text(build_payload(SendSpec(
        "AT+\\x01", escapes=True, checksum="crc16-modbus", line_ending="crlf")))
    assert expected.startswith("41 54 2B 01 ") and expected.endswith(" 0D 0A")
    preview = child(page, "sendPreviewLabel")
    qtbot.waitUntil(lambda: expected in preview.text(), timeout=3000)
