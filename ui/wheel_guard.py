"""Keep the mouse wheel from changing a combo or spin box it merely passes over.

While the settings column scrolls, the pointer crosses combo and spin boxes; Qt would hand
them the wheel and silently change a checksum or a port. Guarded widgets take the wheel only
when they have keyboard focus; otherwise it scrolls the nearest scroll area around them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QWidget,
)


class WheelGuard(QObject):
    """An event filter for combo and spin boxes; install it with :func:`guard_wheel`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return super().eventFilter(watched, event)
        if watched.hasFocus():
            return False  # the user chose this box: the wheel is theirs
        area = _scroll_area_around(watched)
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)
        event.accept()
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def guard_wheel(root: QWidget, guard: WheelGuard) -> int:
    """Install ``guard`` on every combo and spin box under ``root`` and give them strong
    focus (click or Tab, not the wheel). Returns how many widgets were guarded."""
    boxes: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    for box in boxes:
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        box.installEventFilter(guard)
    return len(boxes)
