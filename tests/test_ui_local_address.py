"""The local address and port fields the server, UDP and relay pages share
(``ui/pages/local_address.py``): what they show, what the page reads from them, that they
lock while the session is open, and their words in Chinese."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from tests.ui_helpers import child, click, listen_on_loopback, state
from ui.i18n import switch_language
from ui.pages.local_address import LocalAddressPage

KINDS = ["tcp-server", "udp", "tcp-relay"]


@pytest.fixture(params=KINDS)
def page(request, window) -> LocalAddressPage:
    made = window.add_page(request.param)
    assert isinstance(made, LocalAddressPage)
    return made


@pytest.fixture
def chinese() -> Iterator[None]:
    switch_language("zh_CN")
    yield
    switch_language("en")


def _fields(page: QWidget) -> tuple[QComboBox, QSpinBox]:
    return child(page, "localAddressCombo"), child(page, "localPortSpin")


def test_the_named_fields_are_the_pages_own(page):
    combo, spin = _fields(page)
    assert combo is page.address_combo and spin is page.port_spin
    assert combo.isEditable()
    data = [combo.itemData(i) for i in range(combo.count())]
    assert {"0.0.0.0", "::", "127.0.0.1", "::1"} <= set(data)
    assert all(combo.itemText(i) == data[i] for i in range(combo.count()))
    tips = [combo.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(combo.count())]
    assert all(isinstance(tip, str) and tip for tip in tips)  # what each address is
    assert (spin.minimum(), spin.maximum()) == (0, 65535)
    assert spin.specialValueText() == "0 (any free port)"


def test_a_config_shows_in_the_fields_and_reads_back(page):
    config = page.config()
    listed = _with(config, "::1", 4321)
    page.apply_config(listed)
    combo, spin = _fields(page)
    assert combo.currentIndex() == combo.findData("::1")
    assert combo.currentText() == "::1" and spin.value() == 4321
    assert page.bind_address() == "::1"
    assert page.config() == listed
    typed = _with(config, "192.0.2.7", 0)  # not an address of this machine: as typed
    page.apply_config(typed)
    assert combo.currentText() == "192.0.2.7" and spin.value() == 0
    assert page.config() == typed
    assert page.held_ports() == set()  # closed, port 0: holds nothing


def _with(config, host: str, port: int):
    return dataclasses.replace(config, host=host, port=port)


def test_typed_text_wins_and_brackets_are_dropped(page):
    combo, _spin = _fields(page)
    combo.setEditText(" [::1] ")
    assert page.bind_address() == "::1"
    combo.setEditText("")
    assert page.bind_address() == ""


def test_fields_lock_while_open_and_the_page_holds_its_port(qtbot, page):
    port = listen_on_loopback(qtbot, page)
    combo, spin = _fields(page)
    assert not combo.isEnabled() and not spin.isEnabled()
    assert port in page.held_ports()
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "closed", timeout=5000)
    assert combo.isEnabled() and spin.isEnabled()
    assert page.held_ports() == ({spin.value()} - {0})  # closed: only the port it shows


def test_the_rows_say_address_and_port_in_chinese(page, chinese):
    combo, spin = _fields(page)
    form = combo.parentWidget().layout()
    assert isinstance(form, QFormLayout)
    labels = [form.labelForField(w) for w in (combo, spin)]
    assert all(isinstance(label, QLabel) for label in labels)
    assert [label.text() for label in labels] == ["地址", "端口"]
    assert spin.specialValueText() == "0（任意空闲端口）"
    assert spin.accessibleName() == "本地端口"


def test_port_0_shows_the_port_it_got_in_the_box_and_the_tab(qtbot, window, page):
    port = listen_on_loopback(qtbot, page)
    assert port > 0
    assert page.port_spin.value() == port
    title = window.tabs.tabText(window.tabs.indexOf(page))
    assert title.endswith(f":{port} ●"), title


def test_a_port_typed_in_the_address_box_is_pointed_to_the_port_box(qtbot, page):
    combo, _spin = _fields(page)
    combo.setEditText("127.0.0.1:99")
    click(qtbot, page, "openButton")
    text = child(page, "sessionStatus").text()
    assert state(page) == "closed"
    assert "Port box" in text and "(127.0.0.1)" in text and "(99)" in text, text
    assert "[127.0.0.1:99]" not in text


def test_an_unscoped_link_local_address_is_explained(qtbot, page):
    combo, spin = _fields(page)
    combo.setEditText("fe80::1")
    spin.setValue(0)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "closed" and "fe80::1" in
                    child(page, "sessionStatus").text(), timeout=5000)
    text = child(page, "sessionStatus").text()
    assert "link-local" in text and "%" in text, text
    assert "Invalid argument" not in text
