"""Installing the translations: ours and Qt's own for standard dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from ui.resources import translations_dir

#: Languages the UI ships in, as offered in the Language menu: (code, native name).
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))
SETTINGS_KEY = "ui/language"


def chosen_language(settings: QSettings) -> str:
    """The language to use: the user's choice, else the system's (Chinese or English)."""
    value = settings.value(SETTINGS_KEY, "")
    if isinstance(value, str) and value in {code for code, _ in LANGUAGES}:
        return value
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load and install the translators for ``language``; returns them (keep them alive)."""
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(f"socketscope_{language}", str(translations_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        qt = QTranslator(app)
        if qt.load(f"{name}_{language}", qt_dir):
            app.installTranslator(qt)
            installed.append(qt)
            break
    return installed
