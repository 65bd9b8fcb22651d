"""Installing the translations (ours and Qt's own for standard dialogs) and switching the
language of the open window.

All translation goes through one :class:`LiveTranslator`, installed once. It asks the loaded
``.qm`` files and also remembers, for every text it handed out, which source text and context
it came from. Switching the language loads other files into it and sends ``LanguageChange``;
:func:`retranslate_tree` then sets each label, button, group title, tab, menu, action and combo
item again from its source text. That covers every widget, also one a later page adds, without
a second copy of each string in a ``retranslate()`` per class; item views ask their models for
headers and cells again. One English text may stand in several contexts with different
translations ("Hex"): the context of the widget's own class or of a class it sits in wins.
Texts built with ``format()`` are not found this way: the pages build them again in their
``retranslate()`` (counters, addresses, send target, preview, tool tips with numbers), and the
status line, whose message may come from anywhere, is reworded by :meth:`LiveTranslator.reword`:
it finds the template the message was formatted from and fills the same values into that
template's other translation.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
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
        #: :meth:`reword`'s templates, and how many texts were known when they were made.
        self._template_cache: list[_Template] = []
        self._template_count = -1

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

    def again(self, text: str, contexts: Sequence[str] = ()) -> str:
        """``text`` in the language now in force, when it came from a translation; else as is.

        ``contexts`` (the widget's classes and those it sits in, nearest first) decide
        between contexts that translate the same text differently ("Hex"), as ``self.tr``
        does: the first of them with a translation wins (in English, the first at all).
        """
        candidates = self.sources_of(text)
        with self._lock:
            loaded = list(self.loaded)
        for context in contexts:
            for found in candidates:
                if found[0] == context and (
                        not loaded or any(t.translate(*found) for t in loaded)):
                    # Through the application: the result is remembered for the way back.
                    return QCoreApplication.translate(*found)
        results = [QCoreApplication.translate(*found) for found in candidates]
        # A context that translates it wins over one that leaves it as it was.
        return next((r for r in results if r != text), results[0] if results else text)

    def reword(self, text: str) -> str:
        """``text`` in the language now in force, also when it was built with ``format()``
        from a translated template (``"Port {port} is in use"``), whose values are reworded
        in turn; parts joined by " · " are reworded one by one. As is when nothing fits."""
        return self._reword(text, 0) or text

    def _reword(self, text: str, depth: int) -> str | None:
        if self.sources_of(text):
            return self.again(text)
        if depth > _MAX_DEPTH or len(text) > _MAX_REWORD_CHARS:
            return None
        for template in self._templates():
            match = template.pattern.fullmatch(text)
            if match is None:
                continue
            values = [self._reword(value, depth + 1) or value for value in match.groups()]
            for found in template.sources:
                filled = _fill(QCoreApplication.translate(*found),
                               dict(zip(template.names, values, strict=True)))
                if filled is not None:
                    return filled
        if " · " in text:
            parts = text.split(" · ")
            reworded = [self._reword(part, depth + 1) for part in parts]
            if any(r is not None for r in reworded):
                return " · ".join(r or p for r, p in zip(reworded, parts, strict=True))
        return None

    def _templates(self) -> list[_Template]:
        """Every text handed out that has ``{fields}``, most literal text first."""
        with self._lock:
            count = len(self._sources)
            if count == self._template_count:
                return self._template_cache
            items = [(text, list(found)) for text, found in self._sources.items()
                     if "{" in text]
        templates = [t for text, found in items if (t := _template(text, found)) is not None]
        templates.sort(key=lambda t: -t.weight)
        with self._lock:
            self._template_cache, self._template_count = templates, count
        return templates


#: How deep :meth:`LiveTranslator.reword` follows values that are messages themselves.
_MAX_DEPTH = 4
#: Longer texts are not reworded (a status line is a sentence or two; this bounds the work).
_MAX_REWORD_CHARS = 2000
#: ``{{``, ``}}`` or a replacement field ``{name!r:spec}`` of ``str.format``.
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


class _Template:
    """A translated text with fields, as a pattern that finds the values in a message."""

    def __init__(self, pattern: re.Pattern[str], names: list[str], weight: int,
                 sources: list[_Source]) -> None:
        self.pattern, self.names, self.weight, self.sources = pattern, names, weight, sources


def _field_name(field: str) -> str:
    return re.split(r"[!:.\[]", field, maxsplit=1)[0]


def _template(text: str, sources: list[_Source]) -> _Template | None:
    """``text`` as a :class:`_Template`; None without fields, or with too few letters
    between them to tell a message from any text (``"{a}: {b}"``)."""
    parts: list[str] = []
    names: list[str] = []
    weight = 0
    end = 0
    for match in _FIELD.finditer(text):
        literal = text[end:match.start()]
        parts.append(re.escape(literal))
        weight += sum(ch.isalnum() for ch in literal)
        end = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            parts.append(re.escape(token[0]))
            continue
        name = _field_name(match.group(1))
        if name in names:
            parts.append(f"(?P=f{names.index(name)})")
        else:
            parts.append(f"(?P<f{len(names)}>.*?)")
            names.append(name)
    literal = text[end:]
    parts.append(re.escape(literal))
    weight += sum(ch.isalnum() for ch in literal)
    if not names or weight < 2:
        return None
    try:
        pattern = re.compile("".join(parts), re.DOTALL)
    except re.error:  # a field name that is no group name: not a template we can read
        return None
    return _Template(pattern, names, weight, sources)


def _fill(template: str, values: dict[str, str]) -> str | None:
    """``template`` with its fields replaced by ``values`` (already text: a format spec is
    not applied again); None when it names a field ``values`` lacks."""
    missing = False

    def replace(match: re.Match[str]) -> str:
        nonlocal missing
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = _field_name(match.group(1))
        if name not in values:
            missing = True
            return token
        return values[name]

    filled = _FIELD.sub(replace, template)
    return None if missing else filled


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
    translator = live_translator()
    for widget in [root, *root.findChildren(QWidget)]:
        _retranslate_widget(widget, partial(translator.again, contexts=_contexts(widget)))
    for action in root.findChildren(QAction):
        _set(action.text, action.setText, translator.again)
        _set(action.statusTip, action.setStatusTip, translator.again)


def _contexts(widget: QWidget) -> list[str]:
    """The translation contexts ``widget``'s texts most likely came from, nearest first: its
    own classes (when they are ours), then those of the nearest widget it sits in that is of
    one of our classes, the one that built it (``self.tr`` tries each class of the MRO).
    Not further up: a page's "Hex" must not decide the send box's "Hex"."""
    names = _our_classes(widget)
    parent = widget.parentWidget()
    while parent is not None:
        owner = _our_classes(parent)
        if owner:
            return names + [name for name in owner if name not in names]
        parent = parent.parentWidget()
    return names


def _our_classes(widget: QWidget) -> list[str]:
    return [cls.__name__ for cls in type(widget).__mro__
            if not cls.__module__.startswith(("PySide6", "Shiboken", "builtins"))]


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
        # Labels given to a model (a QStandardItemModel's) are set again; models that
        # translate their headers when asked are asked again.
        orientation = widget.orientation()
        for section in range(widget.count()):
            label = model.headerData(section, orientation)
            if isinstance(label, str) and label and (new := again(label)) != label:
                model.setHeaderData(section, orientation, new)
        model.headerDataChanged.emit(orientation, 0, widget.count() - 1)
    if isinstance(widget, QAbstractItemView):
        widget.viewport().update()  # and their cells (tooltips are asked for when shown)
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            _set(partial(widget.tabToolTip, i), partial(widget.setTabToolTip, i), again)
