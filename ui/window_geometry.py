"""Where the main window opens: the first time at a size that fits the screen, centred; later
where it was, kept on the screen.

A fixed first size of 1180×760 put *Send*, the client list and the counters off a 1024×768
screen (trial report item 4). The sizes here are of the window's frame (title bar and borders
included), which Qt knows only once a window manager has framed the window: before that it is
estimated from the style.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle, QWidget

from ui.widgets import restore_geometry

#: The first window's size (without its frame) when the screen has room for it.
PREFERRED_SIZE = QSize(1180, 760)


def available_geometry(window: QWidget) -> QRect:
    """The part of the screen ``window`` is on (or opens on) that windows may use: the
    screen without its panels and task bars, in desktop coordinates."""
    screen = (QGuiApplication.screenAt(window.frameGeometry().center()) or window.screen()
              or QGuiApplication.primaryScreen())
    return screen.availableGeometry()


def frame_margins(window: QWidget) -> QMargins:
    """What the frame adds around ``window``'s contents: measured once the window is framed,
    else a title bar and borders as the style draws them."""
    frame, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and frame != inner:
        return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                        frame.right() - inner.right(), frame.bottom() - inner.bottom())
    style = window.style()
    border = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    title = style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    return QMargins(border, title + border, border, border)


def centred(size: QSize, area: QRect) -> QRect:
    """A rectangle of ``size`` centred in ``area``."""
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(area.center())
    return rect


def fit_inside(frame: QRect, area: QRect, minimum: QSize) -> QRect:
    """``frame`` made no larger than ``area`` (but not below ``minimum``) and moved into it;
    the same rectangle when it fits already. A frame larger than ``area`` even at
    ``minimum`` keeps its top-left corner in ``area``, so the title bar stays reachable."""
    width = max(min(frame.width(), area.width()), minimum.width())
    height = max(min(frame.height(), area.height()), minimum.height())
    x = max(min(frame.x(), area.x() + area.width() - width), area.x())
    y = max(min(frame.y(), area.y() + area.height() - height), area.y())
    return QRect(x, y, width, height)


def place_window(window: QWidget, stored: object,
                 preferred: QSize = PREFERRED_SIZE) -> None:
    """Give ``window`` its stored geometry (a ``saveGeometry()`` value, or anything else for
    none), kept inside the available screen area; without one, ``preferred`` or as much of
    the screen as there is, centred. Call before the window is shown, and
    :func:`keep_on_screen` once it is (its real frame is known then)."""
    if restore_geometry(window, stored):
        keep_on_screen(window)
        return
    area = available_geometry(window)
    extra = _extra(frame_margins(window))
    frame = centred((preferred + extra).boundedTo(area.size()), area)
    _set_frame(window, fit_inside(frame, area, _minimum(window) + extra), extra)


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move ``window`` as little as needed for its frame to lie inside the
    available screen area; nothing when it does (or when it is maximized or full screen,
    which the window system fits itself)."""
    states = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
    if window.windowState() & states:
        return
    area = available_geometry(window)
    extra = _extra(frame_margins(window))
    frame = QRect(window.pos(), window.size() + extra)  # a window's pos() is its frame's
    fitted = fit_inside(frame, area, _minimum(window) + extra)
    if fitted != frame:
        _set_frame(window, fitted, extra)


def _extra(margins: QMargins) -> QSize:
    return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())


def _minimum(window: QWidget) -> QSize:
    return window.minimumSizeHint().expandedTo(window.minimumSize())


def _set_frame(window: QWidget, frame: QRect, extra: QSize) -> None:
    window.resize(frame.size() - extra)
    window.move(frame.topLeft())
