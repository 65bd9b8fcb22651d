"""Error and note colours stay readable on light and dark palettes, and follow a change."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory

from ui import style

#: (window, base, text) of dark themes people use: Fusion's usual dark palette, Windows 11
#: dark, GNOME's Adwaita dark, a JetBrains-like grey, and pure black.
DARK_THEMES = [("#353535", "#2a2a2a", "#ffffff"), ("#202020", "#191919", "#ffffff"),
               ("#242424", "#1e1e1e", "#ffffff"), ("#3c3f41", "#2b2b2b", "#bbbbbb"),
               ("#000000", "#000000", "#ffffff")]
#: Light ones: Fusion's, Windows', GNOME Adwaita's, and a greyish one.
LIGHT_THEMES = [("#efefef", "#ffffff", "#000000"), ("#f0f0f0", "#ffffff", "#000000"),
                ("#f6f5f4", "#ffffff", "#2e3436"), ("#e0e0e0", "#fafafa", "#000000")]


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def palette(window: str, base: str, text: str) -> QPalette:
    result = QPalette()
    result.setColor(QPalette.ColorRole.Window, QColor(window))
    result.setColor(QPalette.ColorRole.Base, QColor(base))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        result.setColor(role, QColor(text))
    return result


def test_contrast_formula_gives_wcag_reference_values() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("window", "base", "text"), LIGHT_THEMES + DARK_THEMES)
def test_every_colour_keeps_4_5_to_1_on_window_and_base(window, base, text) -> None:
    pal = palette(window, base, text)
    colours = style.colors(pal)
    assert colours is (style.DARK if QColor(window).lightnessF() < 0.5 else style.LIGHT)
    for background in (QColor(window), QColor(base)):
        for foreground in (colours.error, colours.note, colours.event):
            assert contrast(QColor(foreground), background) >= 4.5, (foreground, background)
    for line in (colours.rate_rx, colours.rate_tx):  # graphics: WCAG asks for 3:1
        for background in (QColor(window), QColor(base)):
            assert contrast(QColor(line), background) >= 3.0, (line, background)
    # The editor's own text stays readable on the bad-input highlight.
    assert contrast(QColor(text), QColor(colours.error_background)) >= 4.5


def test_the_styles_own_palettes_are_covered(qapp) -> None:
    fusion = QStyleFactory.create("Fusion")
    light = fusion.standardPalette()
    assert style.colors(light) is style.LIGHT
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert contrast(QColor(style.LIGHT.error), light.color(role)) >= 4.5
        assert contrast(QColor(style.LIGHT.note), light.color(role)) >= 4.5


def test_a_toned_label_takes_the_dark_colour_when_the_palette_turns_dark(qtbot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    label = QLabel("port in use")
    qtbot.addWidget(label)
    style.set_tone(label, "error", bold=True)
    assert style.LIGHT.error in label.styleSheet()
    try:
        app.setPalette(palette(*DARK_THEMES[0]))
        style.restyle(label)
        assert style.DARK.error in label.styleSheet()
        assert "bold" in label.styleSheet()
        style.set_tone(label, None)
        assert label.styleSheet() == ""
    finally:
        app.setPalette(before)


def test_log_events_shown_before_a_palette_change_take_the_new_colour(
        qtbot, window, connect_peer) -> None:
    from PySide6.QtWidgets import QWidget

    from tests.ui_helpers import listen_on_loopback

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    page = window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    view = page.findChild(QWidget, "logView")
    qtbot.waitUntil(lambda: "127.0.0.1" in view.toPlainText(), timeout=5000)

    def event_colours() -> set[str]:
        block = view.document().firstBlock()
        colours = set()
        while block.isValid():
            for fragment_format in (r.format for r in block.layout().formats()):
                colours.add(fragment_format.foreground().color().name())
            it = block.begin()
            while not it.atEnd():
                colours.add(it.fragment().charFormat().foreground().color().name())
                it += 1
            block = block.next()
        return colours

    assert style.LIGHT.event in event_colours()
    try:
        app.setPalette(palette(*DARK_THEMES[0]))
        qtbot.waitUntil(lambda: style.DARK.event in event_colours())
        assert style.LIGHT.event not in event_colours()
    finally:
        app.setPalette(before)
    peer.close()


def test_the_window_follows_a_palette_change(qtbot, window) -> None:
    from PySide6.QtWidgets import QWidget

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    page = window.findChild(QWidget, "tcpServerSession")
    page.show_error("Port 1 is in use.")
    label = page.findChild(QLabel, "sessionStatus")
    assert style.LIGHT.error in label.styleSheet()
    try:
        app.setPalette(palette(*DARK_THEMES[1]))
        qtbot.waitUntil(lambda: style.DARK.error in label.styleSheet())
    finally:
        app.setPalette(before)
    qtbot.waitUntil(lambda: style.LIGHT.error in label.styleSheet())
