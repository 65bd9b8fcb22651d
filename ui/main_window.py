"""The main window: session tabs, menus, language choice."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget

from app import __version__
from ui.i18n import LANGUAGES, SETTINGS_KEY, chosen_language
from ui.pages.client_page import ClientPage
from ui.pages.server_page import ServerPage
from ui.pages.session_page import SessionPage
from ui.quick_command_model import QuickCommandModel

_BASE_NAMES = {ServerPage: "tcpServerSession", ClientPage: "tcpClientSession"}


class MainWindow(QMainWindow):
    """SocketScope's window: one tab per session; closing it stops every session."""

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
        self.setCentralWidget(self.tabs)
        self._counts: dict[str, int] = {}
        #: One list of quick commands for every page, so a command saved on one is on all.
        self.quick_commands = QuickCommandModel(self.settings, self)
        self._closed = False
        self._build_menus()
        self.add_page(ServerPage)
        self.add_page(ClientPage)
        self.tabs.setCurrentIndex(0)
        self.resize(1180, 760)
        geometry = self.settings.value("ui/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # -- pages -----------------------------------------------------------------------------
    def pages(self) -> list[SessionPage]:
        return [w for i in range(self.tabs.count())
                if isinstance(w := self.tabs.widget(i), SessionPage)]

    def add_page(self, page_type: type[ServerPage] | type[ClientPage]) -> SessionPage:
        """Open another session page of ``page_type`` (names get ``_2``, ``_3``, …)."""
        base = _BASE_NAMES[page_type]
        count = self._counts.get(base, 0) + 1
        self._counts[base] = count
        name = base if count == 1 else f"{base}_{count}"
        page = page_type(self.settings, name, quick_commands=self.quick_commands)
        title = {ServerPage: self.tr("TCP Server"), ClientPage: self.tr("TCP Client")}[page_type]
        if count > 1:
            title = f"{title} {count}"
        index = self.tabs.addTab(page, title)
        self.tabs.setCurrentIndex(index)
        return page

    @Slot(int)
    def close_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, SessionPage):
            page.shutdown()
        self.tabs.removeTab(index)
        if page is not None:
            page.deleteLater()

    # -- menus -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        new_server = QAction(self.tr("New TCP &Server"), self)
        new_server.setObjectName("newTcpServerAction")
        new_server.triggered.connect(lambda: self.add_page(ServerPage))
        new_client = QAction(self.tr("New TCP &Client"), self)
        new_client.setObjectName("newTcpClientAction")
        new_client.setShortcut(QKeySequence("Ctrl+N"))
        new_client.triggered.connect(lambda: self.add_page(ClientPage))
        close_tab = QAction(self.tr("Close &Tab"), self)
        # Explicit keys too: the standard ones differ per platform (Close is Ctrl+F4 and Quit
        # has no key at all on Windows).
        close_tab.setShortcuts([QKeySequence("Ctrl+W"),
                               QKeySequence(QKeySequence.StandardKey.Close)])
        close_tab.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        session_menu.addActions([new_server, new_client])
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
        self._closed = True
        for page in self.pages():
            page.shutdown()
        self.settings.setValue("ui/geometry", self.saveGeometry())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
