"""A language switch in the open window leaves every text as a window started in that
language shows it: labels, buttons, tool tips, placeholders, combo items, headers, menus,
tabs and the status line, on every page (trial report item 10: keep-alive tool tips and the
status line stayed in the old language)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from ui.i18n import switch_language
from ui.main_window import MainWindow
from ui.pages import PAGE_KINDS


@pytest.fixture
def english_after():
    yield
    switch_language("en")


def _texts(widget: QWidget) -> dict[str, object]:
    texts: dict[str, object] = {
        "tip": widget.toolTip(), "name": widget.accessibleName(),
        "description": widget.accessibleDescription(), "status tip": widget.statusTip(),
        "what": widget.whatsThis()}
    if isinstance(widget, QLabel | QAbstractButton):
        texts["text"] = widget.text()
    if isinstance(widget, QGroupBox):
        texts["title"] = widget.title()
    if isinstance(widget, QMenu):
        texts["menu"] = widget.title()
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        texts["placeholder"] = widget.placeholderText()
    if isinstance(widget, QAbstractSpinBox):
        texts["special"] = widget.specialValueText()
        texts["affixes"] = (getattr(widget, "prefix", str)(), getattr(widget, "suffix", str)())
    if isinstance(widget, QComboBox):
        texts["items"] = [(widget.itemText(i), widget.itemData(i, Qt.ItemDataRole.ToolTipRole))
                          for i in range(widget.count())]
        texts["placeholder"] = widget.placeholderText()
    if isinstance(widget, QTabWidget):
        texts["tabs"] = [(widget.tabText(i), widget.tabToolTip(i))
                         for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and (model := widget.model()) is not None:
        # A list model's columnCount is private to Python: ask the header, else one column.
        header = getattr(widget, "horizontalHeader", None)
        columns = header().count() if header is not None else 1
        texts["headers"] = [model.headerData(c, Qt.Orientation.Horizontal)
                            for c in range(columns)]
        texts["cells"] = [(model.index(r, c).data(), model.index(r, c).data(
            Qt.ItemDataRole.ToolTipRole)) for r in range(min(model.rowCount(), 20))
            for c in range(columns)]
    return texts


def walk(window: MainWindow) -> list[tuple[str, dict[str, object]]]:
    """Every widget's and action's texts, in tree order, named by object name and class."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        found.append((f"{widget.objectName()}:{type(widget).__name__}", _texts(widget)))
    for action in window.findChildren(QAction):
        found.append((f"{action.objectName()}:QAction", {
            "text": action.text(), "tip": action.toolTip(), "status tip": action.statusTip()}))
    return found


def differences(a: MainWindow, b: MainWindow) -> list[str]:
    left, right = walk(a), walk(b)
    assert [name for name, _ in left] == [name for name, _ in right]
    out = []
    for (name, x), (_, y) in zip(left, right, strict=True):
        for key in x:
            if x[key] != y[key]:
                out.append(f"{name} {key}: {x[key]!r} != {y[key]!r}")
    return out


def _fresh_window(qtbot, path, every_kind: bool = False) -> MainWindow:
    window = MainWindow(settings=QSettings(str(path), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    if every_kind:  # the kinds a fresh window does not open (the relay) join too
        for kind in PAGE_KINDS:
            if not kind.in_fresh_window:
                window.add_page(kind.name)
    return window


# Round trips first: the translator remembers texts for the whole process, and the way back
# must work from what the way there remembered, not from what another window left behind.
@pytest.mark.parametrize(("first", "switches"), [
    ("en", ["zh_CN", "en"]), ("zh_CN", ["en", "zh_CN"]), ("en", ["zh_CN"]), ("zh_CN", ["en"])])
def test_switching_matches_a_window_started_in_that_language(qtbot, tmp_path, english_after,
                                                             first, switches):
    switch_language(first)
    switched = _fresh_window(qtbot, tmp_path / "a.ini", every_kind=True)
    for page in switched.pages():  # a message in the status line, in the first language
        page.show_error(page.not_open_message())
    for then in switches:
        switched.set_language(then)
        qtbot.waitUntil(lambda then=then: switched.tabs.tabText(0).startswith(
            "TCP 服务器" if then == "zh_CN" else "TCP Server"))
    started = _fresh_window(qtbot, tmp_path / "b.ini", every_kind=True)
    assert len(started.pages()) == len(PAGE_KINDS) >= 4
    for page in started.pages():
        page.show_error(page.not_open_message())
    for page in [*switched.pages(), *started.pages()]:
        page.retranslate()  # the counters and the send target of the new window are set
        # by timers: now, in the language each window is in, so both show them
    found = differences(switched, started)
    assert found == [], "\n".join(found)


def _status(page: QWidget) -> str:
    return page.findChild(QLabel, "sessionStatus").text()


def test_a_formatted_status_follows_the_switch_as_a_window_started_in_it(
        qtbot, tmp_path, english_after):
    """The tester's case: an error built with format() (the address and port in it) stayed
    in the old language."""
    def bad_listen(window: MainWindow) -> str:
        page = window.findChild(QWidget, "tcpServerSession")
        page.findChild(QComboBox, "localAddressCombo").setCurrentText("127.0.0.1:70000")
        page.findChild(QAbstractButton, "openButton").click()
        qtbot.waitUntil(lambda: "70000" in _status(page), timeout=5000)
        return _status(page)

    switch_language("en")
    switched = _fresh_window(qtbot, tmp_path / "a.ini")
    english = bad_listen(switched)
    switched.set_language("zh_CN")
    started = _fresh_window(qtbot, tmp_path / "b.ini")
    chinese = bad_listen(started)
    assert chinese != english
    server = switched.findChild(QWidget, "tcpServerSession")
    assert _status(server) == chinese
    switched.set_language("en")
    qtbot.waitUntil(lambda: _status(server) == english)


def test_reword_finds_the_templates_also_nested_and_joined(english_after):
    """Session statuses are "state · last event", and errors nest ("Not listening. {error}")."""
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import live_translator

    def status(peer: str) -> str:
        tr = QCoreApplication.translate
        listening = tr("TcpServerSession", "Listening on {endpoint} — {count} client(s) "
                       "connected").format(endpoint="127.0.0.1:8080", count=2)
        return listening + " · " + tr("TcpConnection", "{peer} closed the connection.").format(
            peer=peer)

    switch_language("en")
    english = status("[::1]:5000")
    nested = QCoreApplication.translate("TcpServerSession", "Not listening. {error}").format(
        error=QCoreApplication.translate("TcpConnection", "{peer} closed the connection.")
        .format(peer="1.2.3.4:5"))
    switch_language("zh_CN")
    chinese = status("[::1]:5000")
    assert chinese != english
    translator = live_translator()
    assert translator.reword(english) == chinese
    assert "1.2.3.4:5" in translator.reword(nested) and "Not" not in translator.reword(nested)
    # What no template made stays as it is.
    for text in ("hello {world}", "8080", "", "127.0.0.1: 5000", "x" * 5000):
        assert translator.reword(text) == text
    switch_language("en")
    assert translator.reword(chinese) == english


def test_no_two_texts_of_one_context_share_a_translation():
    """A switch back to English finds a widget's text by its translation: two sources of
    one context translated alike ("Welcome" and "Welcome message" both 欢迎语) would give
    one of them the other's English text."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    ts = Path(__file__).resolve().parent.parent / "resources/translations/socketscope_zh_CN.ts"
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation")
            key = (name, translation or "")
            if key in seen and seen[key] != source:
                clashes.append(f"{name}: “{seen[key]}” and “{source}” → “{translation}”")
            seen.setdefault(key, source or "")
    assert clashes == []
