"""Small widget helpers shared by the session pages."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget


def named(widget: QWidget, name: str, accessible: str) -> QWidget:
    """Give ``widget`` its automation name and a spoken name (see UI-CONTRACT.md)."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def data_combo(name: str, accessible: str, items: Iterable[tuple[str, str]],
               parent: QWidget | None = None) -> QComboBox:
    """A combo whose items are ``(data, label)`` pairs."""
    combo = QComboBox(parent)
    for data, label in items:
        combo.addItem(label, data)
    named(combo, name, accessible)
    return combo


def select_data(combo: QComboBox, data: object) -> None:
    """Select the item whose data is ``data`` (no change when there is none)."""
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


def port_spin(name: str, accessible: str, minimum: int = 1, value: int = 8080,
              parent: QWidget | None = None) -> QSpinBox:
    """A spin box for a port number; the range itself keeps bad ports out."""
    spin = QSpinBox(parent)
    spin.setRange(minimum, 65535)
    spin.setValue(value)
    spin.setAccelerated(True)
    named(spin, name, accessible)
    return spin
