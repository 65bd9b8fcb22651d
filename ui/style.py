"""The colours the widgets use to mark problems and notes, in one place, light or dark.

Every widget takes them from here (no hex colour literals elsewhere in ``ui/``). Each colour is
a light/dark pair; the pair member is chosen by the lightness of the palette in force, so
error and note text keep a WCAG contrast of at least 4.5:1 on a light and on a dark window
(``tests/test_style.py`` computes it). A widget marked with :func:`set_tone` is restyled by
:func:`restyle` when the palette or the system's colour scheme changes (the main window calls
it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

Tone = Literal["error", "note"]
#: The dynamic property holding a widget's tone (``"error"``, ``"error-bold"``, ``"note"``).
TONE_PROPERTY = "socketscopeTone"


@dataclass(frozen=True)
class Colors:
    """The marking colours for one kind of palette, as ``#rrggbb`` strings."""

    #: Text of an error: the status line, the send preview, a dialog's complaint.
    error: str
    #: Background behind the bad part of the user's input (the palette's text stays on it).
    error_background: str
    #: Text of a note that is not an error (what the log did not show).
    note: str
    #: A connection event in the log (connected, half-closed, closed); errors among them
    #: (a reset, a refusal) take ``error``.
    event: str
    #: Lines of the live rate chart: received, sent (graphics: at least 3:1).
    rate_rx: str
    rate_tx: str


LIGHT = Colors(error="#b71c1c", error_background="#ffcdd2", note="#6d5500", event="#0d47a1",
               rate_rx="#2e7d32", rate_tx="#1565c0")
DARK = Colors(error="#ff9e96", error_background="#6d1f1f", note="#ffd54f", event="#90caf9",
              rate_rx="#81c784", rate_tx="#90caf9")


def is_dark(palette: QPalette) -> bool:
    """True when ``palette``'s window is dark (light text on a dark background)."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def colors(palette: QPalette | None = None) -> Colors:
    """The colours for ``palette`` (default: the application's palette now)."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return DARK if is_dark(palette) else LIGHT


def error_color() -> QColor:
    """The error text colour for the application's palette now."""
    return QColor(colors().error)


def event_color() -> QColor:
    """The colour of a connection event in the log for the application's palette now."""
    return QColor(colors().event)


def error_background() -> QColor:
    """The background behind bad input for the application's palette now."""
    return QColor(colors().error_background)


def error_style(bold: bool = False) -> str:
    """A style sheet for a label showing an error (``bold`` for the status line)."""
    return f"color: {colors().error};" + (" font-weight: bold;" if bold else "")


def note_style() -> str:
    """A style sheet for a label showing a note."""
    return f"color: {colors().note};"


def set_tone(widget: QWidget, tone: Tone | None, bold: bool = False) -> None:
    """Colour ``widget``'s text as an error or a note, or back to plain (``None``).

    Unlike a bare ``setStyleSheet``, the tone is remembered, so :func:`restyle` can give the
    widget the other colour of the pair when the palette turns dark or light.
    """
    name = "" if tone is None else tone + ("-bold" if bold else "")
    widget.setProperty(TONE_PROPERTY, name)
    widget.setStyleSheet(_sheet(name))


def restyle(root: QWidget) -> None:
    """Re-apply the tone of ``root`` and every widget under it for the palette now."""
    for widget in [root, *root.findChildren(QWidget)]:
        name = widget.property(TONE_PROPERTY)
        if isinstance(name, str) and name:
            widget.setStyleSheet(_sheet(name))


def _sheet(name: str) -> str:
    if name.startswith("error"):
        return error_style(bold=name.endswith("-bold"))
    return note_style() if name == "note" else ""


#: Where a character missing from the fixed-pitch font is looked for first, in order. Qt's own
#: fallback takes the first font that claims a character, and a common Chinese font on Linux
#: (WenQuanYi Micro Hei) claims ℃ (U+2103) but draws nothing for it: device data such as
#: "温度=23.5℃" then showed a blank. DejaVu draws ℃, °, ± and arrows; the CJK fonts follow
#: for Chinese text (Linux, Windows, macOS); names a system lacks are skipped.
FIXED_FALLBACKS = ("DejaVu Sans Mono", "DejaVu Sans", "Noto Sans Mono CJK SC",
                   "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", "PingFang SC")


def fixed_font() -> QFont:
    """The fixed-pitch font for traffic and payloads, with fallbacks that draw ℃ and Chinese."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFamilies([font.family(), *FIXED_FALLBACKS])
    return font
