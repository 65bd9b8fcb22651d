"""Where the settings live (the user's store, or an INI beside a portable bundle) and copying
them to and from a file.

Portable mode: a bundle (``sys.frozen``) whose folder holds ``portable.txt`` or
``SocketScope.ini`` keeps its settings in ``SocketScope.ini`` and its log in ``logs/`` in that
folder, so it can run from a USB stick and leave nothing behind on the machine.
"""

from __future__ import annotations

import pathlib
import sys

from PySide6.QtCore import QSettings, QStandardPaths

#: A file beside the executable that turns portable mode on (an empty file will do).
PORTABLE_MARKER = "portable.txt"
#: The settings file of portable mode, beside the executable; its presence also turns it on.
PORTABLE_INI = "SocketScope.ini"
#: Keys an export leaves out: the window's geometry belongs to the screen it was taken on.
NOT_EXPORTED = frozenset({"ui/geometry"})


def portable_folder() -> pathlib.Path | None:
    """The bundle's folder when it runs in portable mode, else None (also when not frozen)."""
    if not getattr(sys, "frozen", False):
        return None
    folder = pathlib.Path(sys.executable).resolve().parent
    if (folder / PORTABLE_MARKER).exists() or (folder / PORTABLE_INI).exists():
        return folder
    return None


def open_settings() -> QSettings:
    """The settings store: the portable INI, else Qt's default one for the application."""
    folder = portable_folder()
    if folder is not None:
        return QSettings(str(folder / PORTABLE_INI), QSettings.Format.IniFormat)
    return QSettings()


def data_folder() -> pathlib.Path:
    """Where the app writes its own files (the log): the portable folder or AppDataLocation."""
    folder = portable_folder()
    if folder is not None:
        return folder
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return pathlib.Path(location or pathlib.Path.home() / ".socketscope")


def settings_location(settings: QSettings) -> str:
    """Where ``settings`` are kept, in words a user can find (a file path or registry key)."""
    return settings.fileName()


def export_settings(settings: QSettings, path: pathlib.Path) -> int:
    """Write every setting of ``settings`` to the INI file ``path`` (replacing it).

    Returns how many keys were written; raises ``OSError`` when the file cannot be written.
    """
    settings.sync()
    target = QSettings(str(path), QSettings.Format.IniFormat)
    target.clear()
    keys = [key for key in settings.allKeys() if key not in NOT_EXPORTED]
    for key in keys:
        target.setValue(key, settings.value(key))
    target.sync()
    if target.status() != QSettings.Status.NoError:
        raise OSError(f"cannot write {path}")
    return len(keys)


def read_settings_file(path: pathlib.Path) -> dict[str, object]:
    """Every key of the INI file ``path``; raises ``ValueError`` when it is not one.

    Values are returned as stored (strings, mostly); the window's and the pages' tolerant
    readers turn them into settings, so a bad value falls back to its default there.
    """
    if not path.is_file():
        raise ValueError(f"no such file: {path}")
    source = QSettings(str(path), QSettings.Format.IniFormat)
    if source.status() != QSettings.Status.NoError:
        raise ValueError(f"not a settings file: {path}")
    return {key: source.value(key) for key in source.allKeys() if key not in NOT_EXPORTED}
