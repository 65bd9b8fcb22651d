"""Driving session pages through their contract names, as a user (or a script) would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QPushButton, QSpinBox, QWidget


def child(page: QWidget, name: str):
    widget = page.findChild(QWidget, name)
    assert widget is not None, name
    return widget


def choose(page: QWidget, combo_name: str, data: str) -> None:
    combo: QComboBox = child(page, combo_name)
    index = combo.findData(data)
    assert index >= 0, (combo_name, data)
    combo.setCurrentIndex(index)


def click(qtbot, page: QWidget, name: str) -> None:
    button: QPushButton = child(page, name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def state(page: QWidget) -> str:
    return page.property("sessionState")


def status(page: QWidget) -> str:
    label: QLabel = child(page, "sessionStatus")
    return label.text()


def log_text(page: QWidget) -> str:
    return child(page, "logView").toPlainText()


def type_send(page: QWidget, text: str, mode: str = "text") -> None:
    choose(page, "sendModeCombo", mode)
    edit: QPlainTextEdit = child(page, "sendEdit")
    edit.setPlainText(text)


def digits(label_text: str) -> list[int]:
    """Numbers in a counter label, grouping separators removed."""
    import re

    return [int(n.replace(",", "").replace(" ", ""))
            for n in re.findall(r"\d[\d, ]*\d|\d", label_text)]


def listen_on_loopback(qtbot, page: QWidget) -> int:
    combo: QComboBox = child(page, "localAddressCombo")
    combo.setCurrentText("127.0.0.1")
    spin: QSpinBox = child(page, "localPortSpin")
    spin.setValue(0)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    return page.session.port
