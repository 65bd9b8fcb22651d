"""Small widget helpers shared by the session pages."""

from __future__ import annotations

import pathlib
from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QSpinBox,
    QTableView,
    QToolButton,
    QWidget,
)

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, accessible: str) -> W:
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


def compact_rows(view: QAbstractItemView) -> None:
    """One text line per row plus a little air, whatever the font size."""
    if isinstance(view, QTableView):
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 4)


def tool_button(text: str) -> QToolButton:
    """A compact text button for a tool row (narrower than a push button)."""
    button = QToolButton()
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def human_size(n: int) -> str:
    """A byte count for people: 512 B, 3.4 KB, 12.0 MB, 3.0 GB."""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    if n < 1024 * 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{n / (1024 * 1024 * 1024):.1f} GB"


#: A stored number longer than this is garbage, not a setting (and ``int()`` of a very long
#: digit string costs time, or raises past Python's 4,300-digit limit).
_MAX_NUMBER_CHARS = 40


def as_int(value: object, default: int) -> int:
    """An int from a QSettings value (INI files give strings), else ``default``.

    Never raises: text that is not a whole number, a huge number, ``inf``/``nan`` and values
    of other types all give ``default``.
    """
    if isinstance(value, str) and len(value) > _MAX_NUMBER_CHARS:
        return default
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return default


def load_spin(spin: QSpinBox, value: object) -> None:
    """Set ``spin`` from a stored value, clamped to the spin box's range; never raises.

    A value that is not a whole number leaves the spin box as it is. (``QSpinBox.setValue``
    itself raises ``OverflowError`` beyond 32 bits, so a hand-edited huge number would
    otherwise stop the app.)
    """
    number = as_int(value, spin.value())
    spin.setValue(max(spin.minimum(), min(spin.maximum(), number)))


def restore_geometry(widget: QWidget, value: object) -> bool:
    """``widget.restoreGeometry`` from a stored value; False (and no change) unless it is
    geometry data Qt accepts. INI files give a ``str`` or a list for a damaged entry, which
    ``restoreGeometry`` would refuse with a ``TypeError``."""
    if isinstance(value, bytes | bytearray):
        value = QByteArray(bytes(value))
    if not isinstance(value, QByteArray):
        return False
    return widget.restoreGeometry(value)


def as_bool(value: object) -> bool:
    """A bool from a QSettings value: INI files give "true"/"false" strings."""
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Qt's text positions."""
    return len(text.encode("utf-16-le")) // 2


def default_dir(settings: QSettings) -> str:
    """Where file dialogs start: the last folder used, else the user's documents."""
    saved = settings.value("ui/lastDir")
    # A folder that is gone (USB stick, hand-edited file) would open the dialog nowhere.
    if isinstance(saved, str) and saved and len(saved) < 4096 and "\0" not in saved:
        try:
            if pathlib.Path(saved).is_dir():
                return saved
        except OSError:
            pass
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def remember_dir(settings: QSettings, path: str) -> None:
    """Start the next file dialog in the folder of ``path``."""
    settings.setValue("ui/lastDir", str(pathlib.Path(path).parent))
