"""The main window: session tabs, menus, language choice."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QSettings, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget

from app import __version__
from app.json_setting import parse_valid, read_json_setting, write_json_setting
from ui.i18n import LANGUAGES, SETTINGS_KEY, chosen_language
from ui.pages import PAGE_KINDS, PageKind, SessionPage, page_kind, page_kind_of
from ui.quick_command_model import QuickCommandModel
from ui.widgets import restore_geometry

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

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
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
        for entry, name in self.saved_page_list() or [(k, k.base_name) for k in PAGE_KINDS]:
            self.add_page(entry.name, name)
        self._restoring = False
        self.save_page_list()
        self.tabs.setCurrentIndex(0)
        self.resize(1180, 760)
        restore_geometry(self, self.settings.value("ui/geometry"))

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
        number = _page_number(entry, object_name)
        page.tab_base_title = entry.title() if number == 1 else f"{entry.title()} {number}"
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

    def saved_page_list(self) -> list[tuple[PageKind, str]]:
        """The stored pages as (kind, object name), tab order; entries that make no sense
        (unknown kind, a name not of that kind, a name twice) are left out, never raised."""
        stored = read_json_setting(self.settings, PAGES_KEY)
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
        session_menu.addSeparator()
        session_menu.addActions([close_tab, quit_action])

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
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
        self.settings.setValue(SETTINGS_KEY, code)
        self.statusBar().showMessage(
            self.tr("The language changes the next time SocketScope starts."), 8000)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About SocketScope"), self.tr(
            "<b>SocketScope {version}</b><br>A network debugging assistant for TCP and UDP: "
            "watch traffic as text or hex, send text or hex, never lose a byte.").format(
                version=__version__))

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


def _page_number(entry: PageKind, name: str) -> int:
    """1 for ``tcpServerSession``, n for ``tcpServerSession_n`` (n ≥ 2), else 0."""
    if name == entry.base_name:
        return 1
    match = re.fullmatch(re.escape(entry.base_name) + r"_([2-9]|[1-9]\d{1,3})", name)
    return int(match.group(1)) if match else 0
