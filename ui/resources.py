"""Where the shipped data files are: inside the ``ui`` package, installed or bundled alike.

The translations (``ui/translations/*.qm``) and the icons (``ui/icons/*.png``) live inside the
package, so a wheel, an editable install and a PyInstaller bundle (which keeps the package's
folder layout under ``sys._MEIPASS``) all find them beside this module. Their sources are
elsewhere: the ``.ts`` in ``resources/translations/`` and the SVG in ``resources/icons/``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

_PACKAGE_DIR = Path(__file__).resolve().parent

#: Sizes of the window-icon PNGs in ``ui/icons/`` (made by ``resources/icons/make_icons.py``).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def translations_dir() -> Path:
    """The folder holding ``socketscope_<language>.qm``."""
    return _PACKAGE_DIR / "translations"


def icons_dir() -> Path:
    """The folder holding ``socketscope-<size>.png``."""
    return _PACKAGE_DIR / "icons"


def app_icon() -> QIcon:
    """SocketScope's icon at every shipped size (null when the PNGs are missing)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = icons_dir() / f"socketscope-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon
