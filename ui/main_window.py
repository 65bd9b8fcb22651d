"""The main window: session tabs, menus, language choice."""

from __future__ import annotations

import pathlib
import platform
import re
from typing import Any

import PySide6
from PySide6.QtCore import QEvent, QSettings, QTimer, Slot, qVersion
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QTabWidget, QWidget

from app import __version__
from app.json_setting import parse_valid, read_json_setting, write_json_setting
from ui.i18n import (
    LANGUAGES,
    SETTINGS_KEY,
    chosen_language,
    live_translator,
    retranslate_tree,
    switch_language,
)
from ui.pages import PAGE_KINDS, PageKind, SessionPage, page_kind, page_kind_of
from ui.quick_command_model import QuickCommandModel
from ui.settings_io import export_settings, read_settings_file, settings_location
from ui.style import restyle
from ui.widgets import default_dir, remember_dir
from ui.window_geometry import keep_on_screen, place_window

#: The open pages, in tab order: a JSON list of ``{"kind": …, "name": …}`` objects.
PAGES_KEY = "ui/pages"


#: A tab title longer than this is cut with "…" (the whole title is the tab's tooltip).
MAX_TAB_TITLE = 40


class MainWindow(QMainWindow):
    """SocketScope's window: one tab per session; closing it stops every session.

    Closing a page, or the window, with live connections asks first (once for the whole
    window); tests and scripts turn that off with ``ask_before_closing = False``.
    """

    #: Ask before a close drops live connections.
    ask_before_closing = True

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None,
                 log_path: pathlib.Path | None = None):
        super().__init__(parent)
        live_translator()  # before any text is set, so a language switch finds them all
        #: Where the error log is written (shown in About), None when there is none.
        self.log_path = log_path
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle(self.tr("SocketScope"))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sessionTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.tabBar().tabMoved.connect(self.save_page_list)
        self.setCentralWidget(self.tabs)
        #: One list of quick commands for every page, so a command saved on one is on all.
        self.quick_commands = QuickCommandModel(self.settings, self)
        self._closed = False
        self._build_menus()
        self._restoring = True
        for entry, name in self.saved_page_list() or [(k, k.base_name) for k in PAGE_KINDS
                                                     if k.in_fresh_window]:
            self.add_page(entry.name, name)
        self._restoring = False
        self.save_page_list()
        self.tabs.setCurrentIndex(0)
        place_window(self, self.settings.value("ui/geometry"))
        self._placed = False
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # Qt 6.5+; the palette follows a moment later
            hints.colorSchemeChanged.connect(lambda _scheme: QTimer.singleShot(0, self.restyle))

    # -- pages -----------------------------------------------------------------------------
    def pages(self) -> list[SessionPage]:
        return [w for i in range(self.tabs.count())
                if isinstance(w := self.tabs.widget(i), SessionPage)]

    def add_page(self, kind: str, object_name: str | None = None) -> SessionPage:
        """Open a page of the session kind ``kind`` (``"tcp-server"``, …) and make it current.

        Without ``object_name`` it is a new page: the first free name of its kind (the base
        name, then ``_2``, ``_3``, …), settings that start afresh, and no port another page
        holds or the OS has bound. With one, the page takes up the settings stored under that
        name (a restored page). Raises ``KeyError`` for an unknown kind.
        """
        entry = page_kind(kind)
        if object_name is None:
            object_name = self._free_name(entry)
            # Stale settings under a reused name (say, after a crash) must not come back.
            self.settings.remove(object_name)
        page = entry.create(self.settings, object_name, self.quick_commands)
        if not page.restored:
            page.avoid_ports(set().union(*(p.held_ports() for p in self.pages())))
        page.tab_base_title = _tab_title(entry, object_name)
        index = self.tabs.addTab(page, page.tab_base_title)
        self.update_tab_title(page)
        page.tabDetailChanged.connect(lambda p=page: self.update_tab_title(p))
        self.tabs.setCurrentIndex(index)
        self.save_page_list()
        return page

    def update_tab_title(self, page: SessionPage) -> None:
        """Kind, endpoint and state in the page's tab, e.g. "TCP Server :8080 ●"."""
        index = self.tabs.indexOf(page)
        if index < 0:
            return
        title = f"{page.tab_base_title} {page.tab_detail()}"
        shown = title if len(title) <= MAX_TAB_TITLE else title[:MAX_TAB_TITLE - 1] + "…"
        if self.tabs.tabText(index) != shown:
            self.tabs.setTabText(index, shown)
            self.tabs.setTabToolTip(index, title)

    def _free_name(self, entry: PageKind) -> str:
        taken = {_page_number(entry, p.objectName()) for p in self.pages()}
        number = next(n for n in range(1, len(taken) + 2) if n not in taken)
        return entry.base_name if number == 1 else f"{entry.base_name}_{number}"

    @Slot(int)
    def close_tab(self, index: int) -> None:
        """Close the page at ``index``: stop its session and forget its settings. With live
        connections the user is asked first; "No" keeps the page."""
        page = self.tabs.widget(index)
        if isinstance(page, SessionPage) and not self.confirm_drop(page.live_connection_count()):
            return
        if isinstance(page, SessionPage):
            page.shutdown()
            page.forget_settings()
        self.tabs.removeTab(index)
        if page is not None:
            page.deleteLater()
        self.save_page_list()

    # -- the list of open pages, kept across restarts --------------------------------------
    @Slot()
    def save_page_list(self) -> None:
        """Store the open pages' kinds and names in tab order (done whenever they change)."""
        if self._restoring or self._closed:
            return
        pages = [{"kind": page_kind_of(p).name, "name": p.objectName()} for p in self.pages()]
        write_json_setting(self.settings, PAGES_KEY, pages)

    def saved_page_list(self, settings: QSettings | None = None) -> list[tuple[PageKind, str]]:
        """The stored pages as (kind, object name), tab order; entries that make no sense
        (unknown kind, a name not of that kind, a name twice) are left out, never raised.
        ``settings`` is the window's own unless given (an imported file)."""
        stored = read_json_setting(settings if settings is not None else self.settings,
                                   PAGES_KEY)
        result: list[tuple[PageKind, str]] = []
        for entry, name in parse_valid(stored if isinstance(stored, list) else [], _page_entry):
            if name not in {n for _, n in result}:
                result.append((entry, name))
        return result

    # -- menus -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        for entry in PAGE_KINDS:
            action = QAction(entry.action_text(), self)
            action.setObjectName(entry.action_name)
            if entry.shortcut:
                action.setShortcut(QKeySequence(entry.shortcut))
            action.triggered.connect(lambda _=False, name=entry.name: self.add_page(name))
            session_menu.addAction(action)
        close_tab = QAction(self.tr("Close &Tab"), self)
        # Explicit keys too: the standard ones differ per platform (Close is Ctrl+F4 and Quit
        # has no key at all on Windows).
        close_tab.setShortcuts([QKeySequence("Ctrl+W"),
                               QKeySequence(QKeySequence.StandardKey.Close)])
        close_tab.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        export_action = QAction(self.tr("&Export Settings…"), self)
        export_action.setObjectName("exportSettingsAction")
        export_action.triggered.connect(self.ask_export_settings)
        import_action = QAction(self.tr("&Import Settings…"), self)
        import_action.setObjectName("importSettingsAction")
        import_action.triggered.connect(self.ask_import_settings)
        session_menu.addSeparator()
        session_menu.addActions([export_action, import_action])
        session_menu.addSeparator()
        session_menu.addActions([close_tab, quit_action])

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = self._language_group = QActionGroup(self)
        current = chosen_language(self.settings)
        for code, native in LANGUAGES:
            action = QAction(native, self, checkable=True)
            action.setObjectName(f"language_{code}")
            action.setChecked(code == current)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About SocketScope"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def set_language(self, code: str) -> None:
        """Switch the open window (and what opens later) to ``code`` and remember the choice."""
        self.settings.setValue(SETTINGS_KEY, code)
        for action in self._language_group.actions():
            action.setChecked(action.objectName() == f"language_{code}")
        if live_translator().code != code:
            switch_language(code)

    def retranslate(self) -> None:
        """Set every text of the window again in the language now in force."""
        retranslate_tree(self)
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if isinstance(page, SessionPage):
                page.tab_base_title = _tab_title(page_kind_of(page), page.objectName())
                self.update_tab_title(page)

    @Slot()
    def restyle(self) -> None:
        """Give error and note texts the colours of the palette now in force."""
        restyle(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self.restyle()
        super().changeEvent(event)

    def about_text(self) -> str:
        """What About says: versions, and where the settings and the error log are."""
        log = str(self.log_path) if self.log_path is not None else self.tr("(none)")
        return self.tr(
            "<b>SocketScope {version}</b><br>A network debugging assistant for TCP and UDP: "
            "watch traffic as text or hex, send text or hex, never lose a byte."
            "<p>Qt {qt}, PySide6 {pyside}, Python {python}</p>"
            "<p>Settings: {settings}<br>Error log: {log}</p>").format(
                version=__version__, qt=qVersion(), pyside=PySide6.__version__,
                python=platform.python_version(), settings=settings_location(self.settings),
                log=log)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About SocketScope"), self.about_text())

    # -- settings to and from a file -------------------------------------------------------
    @Slot()
    def ask_export_settings(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Settings"), default_dir(self.settings),
            self.tr("Settings (*.ini);;All files (*)"))
        if not path:
            return
        remember_dir(self.settings, path)
        self.save_settings()
        try:
            export_settings(self.settings, pathlib.Path(path))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export Settings"), self.tr(
                "The settings could not be written to {path}: {error}").format(
                    path=path, error=exc))

    @Slot()
    def ask_import_settings(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import Settings"), default_dir(self.settings),
            self.tr("Settings (*.ini);;All files (*)"))
        if not path:
            return
        if any(page.property("sessionState") != "closed" for page in self.pages()) and \
                QMessageBox.question(self, self.tr("Import Settings"), self.tr(
                    "Importing closes every page and its connections. Go on?"),
                ) != QMessageBox.StandardButton.Yes:
            return
        try:
            self.import_settings(pathlib.Path(path))
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Import Settings"), str(exc))

    def save_settings(self) -> None:
        """Write every page's settings and the page list to the store now."""
        for page in self.pages():
            page.save_settings()
        self.save_page_list()
        self.settings.sync()

    def import_settings(self, path: pathlib.Path) -> None:
        """Replace every setting with those of the INI file ``path`` and reopen its pages.

        The file is checked first: it must be readable and list at least one page this
        version knows, else ``ValueError`` (in words) and nothing changes. Values are read by
        the same tolerant readers as at start, so a bad one falls back to its default.
        """
        try:
            values = read_settings_file(path)
        except ValueError:
            values = {}
        source = QSettings(str(path), QSettings.Format.IniFormat)
        if not values or not self.saved_page_list(source):
            raise ValueError(self.tr("{path} holds no SocketScope settings.").format(path=path))
        for page in self.pages():
            page.shutdown()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None:  # out of the tree now: the reopened page takes its name
                widget.setParent(None)
                widget.deleteLater()
        geometry = self.settings.value("ui/geometry")
        self.settings.clear()
        for key, value in values.items():
            self.settings.setValue(key, value)
        if geometry is not None:
            self.settings.setValue("ui/geometry", geometry)
        self.quick_commands.set_commands(QuickCommandModel(self.settings).commands())
        self._restoring = True
        try:
            for entry, name in self.saved_page_list():
                self.add_page(entry.name, name)
        finally:
            self._restoring = False
        self.save_page_list()
        self.tabs.setCurrentIndex(0)
        self.settings.sync()
        self.set_language(chosen_language(self.settings))

    # -- closing ---------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop every session's workers; safe to call twice."""
        if self._closed:
            return
        self.save_page_list()
        self._closed = True
        for page in self.pages():
            page.shutdown()
        self.settings.setValue("ui/geometry", self.saveGeometry())
        self.settings.sync()

    def confirm_drop(self, connections: int) -> bool:
        """True when closing may drop ``connections`` live connections (none, asking is
        off, or the user said Yes)."""
        if connections <= 0 or not self.ask_before_closing:
            return True
        answer = QMessageBox.question(
            self, self.tr("Close connections?"),
            self.tr("Open connections: {n}. Closing drops them. Close anyway?").format(
                n=connections),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def close_without_asking(self) -> None:
        """Close as the close button does, but without asking about open connections
        (Ctrl+C or SIGTERM from the terminal: nobody may be at the screen)."""
        self.ask_before_closing = False
        self.close()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:  # the frame is known once shown: keep all of it on the screen
            self._placed = True
            QTimer.singleShot(0, self, lambda: keep_on_screen(self))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self.confirm_drop(
                sum(p.live_connection_count() for p in self.pages())):
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)


def _page_entry(item: Any) -> tuple[PageKind, str]:
    """A stored ``{"kind": …, "name": …}`` as (page kind, name); ``ValueError`` if unusable."""
    kind = item.get("kind") if isinstance(item, dict) else None
    name = item.get("name") if isinstance(item, dict) else None
    try:
        entry = page_kind(kind) if isinstance(kind, str) else None
    except KeyError:
        entry = None
    if entry is None or not isinstance(name, str) or _page_number(entry, name) == 0:
        raise ValueError(f"not a page of this version: {item!r}")
    return entry, name


def _tab_title(entry: PageKind, object_name: str) -> str:
    """The tab title of page ``object_name``: the kind's title, numbered from the second."""
    number = _page_number(entry, object_name)
    return entry.title() if number == 1 else f"{entry.title()} {number}"


def _page_number(entry: PageKind, name: str) -> int:
    """1 for ``tcpServerSession``, n for ``tcpServerSession_n`` (n ≥ 2), else 0."""
    if name == entry.base_name:
        return 1
    match = re.fullmatch(re.escape(entry.base_name) + r"_([2-9]|[1-9]\d{1,3})", name)
    return int(match.group(1)) if match else 0
