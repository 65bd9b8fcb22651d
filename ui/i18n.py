"""Installing the translations (ours and Qt's own for standard dialogs) and switching the
language of the open window.

All translation goes through one :class:`LiveTranslator`, installed once. It asks the loaded
``.qm`` files and also remembers, for every text it handed out, which source text and context
it came from. Switching the language loads other files into it and sends ``LanguageChange``;
:func:`retranslate_tree` then sets each label, button, group title, tab, menu, action and combo
item again from its source text. That covers every widget, also one a later page adds, without
a second copy of each string in a ``retranslate()`` per class; item views ask their models for
headers and cells again. Texts built with ``format()`` are not found this way: the pages build
them again in their ``retranslate()`` (counters, addresses, send target, preview); a status
message keeps its language until the next one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from ui.resources import translations_dir

#: Languages the UI ships in, as offered in the Language menu: (code, native name).
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))
SETTINGS_KEY = "ui/language"

_Source = tuple[str, str, str | None, int]


def chosen_language(settings: QSettings) -> str:
    """The language to use: the user's choice, else the system's (Chinese or English)."""
    value = settings.value(SETTINGS_KEY, "")
    if isinstance(value, str) and value in {code for code, _ in LANGUAGES}:
        return value
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


class LiveTranslator(QTranslator):
    """The one installed translator: loaded ``.qm`` files, and a memory of what it returned.

    ``translate`` is called from any thread (workers word their errors), hence the lock.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: The language in force (``en``, ``zh_CN``); QTranslator.language() is the file's.
        self.code = "en"
        #: The real translators of the language in force, ours first (kept alive here).
        self.loaded: list[QTranslator] = []
        #: Every (context, source, …) a shown text came from: one English text may stand in
        #: several contexts, not all of them translated.
        self._sources: dict[str, list[_Source]] = {}
        self._lock = threading.Lock()

    def load_language(self, language: str) -> list[QTranslator]:
        """Load the files for ``language`` (none for English); returns the loaded ones."""
        loaded: list[QTranslator] = []
        if language != "en":
            ours = QTranslator(self)
            if ours.load(f"socketscope_{language}", str(translations_dir())):
                loaded.append(ours)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for name in ("qtbase", "qt"):
                qt = QTranslator(self)
                if qt.load(f"{name}_{language}", qt_dir):
                    loaded.append(qt)
                    break
        with self._lock:
            self.code, self.loaded = language, loaded
        return loaded

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False  # it must be asked even in English, to remember the texts

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # type: ignore[override]
        # None, not "": Qt takes an empty but non-null string for a translation.
        with self._lock:
            loaded = list(self.loaded)
        result: str | None = ""
        for translator in loaded:
            result = translator.translate(context, source, disambiguation, n)
            if result:
                break
        with self._lock:
            found = self._sources.setdefault(result or source, [])
            if len(found) < 8 and (context, source, disambiguation, n) not in found:
                found.append((context, source, disambiguation, n))
        return result or None

    def sources_of(self, text: str) -> list[_Source]:
        """Each (context, source, disambiguation, n) ``text`` was handed out for."""
        with self._lock:
            return list(self._sources.get(text, ()))

    def again(self, text: str) -> str:
        """``text`` in the language now in force, when it came from a translation; else as is."""
        candidates = self.sources_of(text)
        results = [QCoreApplication.translate(*found) for found in candidates]
        # A context that translates it wins over one that leaves it as it was.
        return next((r for r in results if r != text), results[0] if results else text)


_live: LiveTranslator | None = None


def live_translator() -> LiveTranslator:
    """The installed :class:`LiveTranslator` (installed, in English, at the first call)."""
    global _live
    app = QCoreApplication.instance()
    assert app is not None, "an application object comes first"
    try:
        current = _live is not None and _live.parent() is app
    except RuntimeError:  # its application (the one that answered --help) is gone
        current = False
    if not current:
        _live = LiveTranslator(app)
        app.installTranslator(_live)
    assert _live is not None
    return _live


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Translate into ``language`` from now on; returns the files' translators (for reports)."""
    del app  # the live translator belongs to the application instance
    return live_translator().load_language(language)


def switch_language(language: str) -> list[QTranslator]:
    """Change the language of the running application: every widget gets ``LanguageChange``
    (:func:`retranslate_tree` answers it). Returns the loaded translators."""
    translator = live_translator()
    loaded = translator.load_language(language)
    app = translator.parent()
    assert app is not None
    QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    return loaded


def retranslate_tree(root: QWidget) -> None:
    """Set the translatable texts of ``root`` and everything under it in the language now in
    force; combo boxes keep their items' data and their selection."""
    again = live_translator().again
    for widget in [root, *root.findChildren(QWidget)]:
        _retranslate_widget(widget, again)
    for action in root.findChildren(QAction):
        _set(action.text, action.setText, again)
        _set(action.statusTip, action.setStatusTip, again)


def _set(get: Callable[[], str], put: Callable[[str], None],
         again: Callable[[str], str]) -> None:
    old = get()
    if old:
        new = again(old)
        if new != old:
            put(new)


def _retranslate_widget(widget: QWidget, again: Callable[[str], str]) -> None:
    _set(widget.toolTip, widget.setToolTip, again)
    _set(widget.accessibleName, widget.setAccessibleName, again)
    _set(widget.accessibleDescription, widget.setAccessibleDescription, again)
    _set(widget.windowTitle, widget.setWindowTitle, again)
    if isinstance(widget, QLabel | QAbstractButton):
        _set(widget.text, widget.setText, again)
    if isinstance(widget, QGroupBox):
        _set(widget.title, widget.setTitle, again)
    if isinstance(widget, QMenu):
        _set(widget.title, widget.setTitle, again)
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        _set(widget.placeholderText, widget.setPlaceholderText, again)
    if isinstance(widget, QAbstractSpinBox):
        _set(widget.specialValueText, widget.setSpecialValueText, again)
        for get, put in (("suffix", "setSuffix"), ("prefix", "setPrefix")):
            if hasattr(widget, get):
                _set(getattr(widget, get), getattr(widget, put), again)
    if isinstance(widget, QComboBox):
        _set(widget.placeholderText, widget.setPlaceholderText, again)
        typed = widget.currentText() if widget.isEditable() else None
        for i in range(widget.count()):
            if widget.isEditable() and i == widget.currentIndex() \
                    and typed != widget.itemText(i):
                continue  # what the user typed there wins over the item's label
            _set(partial(widget.itemText, i), partial(widget.setItemText, i), again)
    if isinstance(widget, QHeaderView) and (model := widget.model()) is not None \
            and widget.count() > 0:
        # Models translate their headers when asked: ask again.
        model.headerDataChanged.emit(widget.orientation(), 0, widget.count() - 1)
    if isinstance(widget, QAbstractItemView):
        widget.viewport().update()  # and their cells (tooltips are asked for when shown)
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            _set(partial(widget.tabToolTip, i), partial(widget.setTabToolTip, i), again)
