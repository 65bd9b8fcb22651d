"""Starting the application: Qt application object, translations, main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from app import __version__
from app.net.limits import raise_descriptor_limit
from ui.i18n import chosen_language, install_translators


def main(argv: list[str] | None = None) -> int:
    """Run SocketScope until its window closes; returns the exit code."""
    # Before Qt opens anything: every client of a server holds a descriptor, and the common
    # soft limit of 1,024 would cap a server near a thousand clients.
    raise_descriptor_limit()
    QCoreApplication.setOrganizationName("SocketScope")
    QCoreApplication.setApplicationName("SocketScope")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv if argv is None else argv)
    app.setDesktopFileName("socketscope")
    settings = QSettings()
    translators = install_translators(app, chosen_language(settings))

    from ui.main_window import MainWindow  # after the translators, so tr() finds them

    window = MainWindow(settings=settings)
    window.show()
    code = app.exec()
    window.shutdown()
    del translators
    return code


if __name__ == "__main__":
    sys.exit(main())
