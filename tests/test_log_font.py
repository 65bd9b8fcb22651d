"""The log's fixed-pitch font draws what devices send: ℃ beside Chinese text (a common Chinese
font on Linux claims ℃ and draws nothing, so "温度=23.5℃" showed a blank)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter

from ui.style import FIXED_FALLBACKS, fixed_font


def _ink(text: str, font: QFont) -> int:
    """How many pixels ``text`` darkens when drawn in ``font``."""
    image = QImage(80, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if QColor(image.pixel(x, y)).lightness() < 128)


def test_the_fixed_font_lists_fallbacks_that_draw_symbols_first(qapp):
    font = fixed_font()
    assert font.families()[1:] == list(FIXED_FALLBACKS)
    assert font.styleHint() == QFont.StyleHint.Monospace


@pytest.mark.parametrize("char", ["℃", "°", "温"])
def test_the_log_font_draws_what_devices_send(qapp, char):
    if not any(f in QFontDatabase.families() for f in FIXED_FALLBACKS):
        pytest.skip("none of the fallback fonts is installed here")
    assert _ink(char, fixed_font()) > 0, f"{char!r} draws nothing in the log font"


def test_the_log_view_uses_it(qtbot):
    from app.traffic.log_store import LogStore
    from ui.log_view import LogView

    view = LogView(LogStore(), lambda _conn: "?")
    qtbot.addWidget(view)
    assert view.font().families()[1:] == list(FIXED_FALLBACKS)
