"""Starting the application: Qt application object, translations, main window."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__
from app.net.limits import raise_descriptor_limit
from ui.i18n import chosen_language, install_translators

#: Set to a number of seconds, the window quits by itself that long after it is shown, printing
#: whether it was shown and exposed (exit code 0) or not (exit code 3). CI starts the real window
#: under Xvfb with it, so a missing system library fails CI; not meant for users.
SMOKE_ENV = "SOCKETSCOPE_SMOKE_SECONDS"


def _smoke_seconds() -> float | None:
    """The smoke-test delay from ``SOCKETSCOPE_SMOKE_SECONDS``; None when unset or not > 0."""
    try:
        seconds = float(os.environ.get(SMOKE_ENV, ""))
    except ValueError:
        return None
    return seconds if seconds > 0 else None


def _arm_smoke_test(app: QApplication, window: QWidget, seconds: float, started: float) -> None:
    """Quit ``seconds`` after the event loop starts, saying whether ``window`` was shown."""

    def running() -> None:
        print(f"smoke: event loop running {time.perf_counter() - started:.2f} s after main()",
              flush=True)
        QTimer.singleShot(int(seconds * 1000), app, check)

    def check() -> None:
        handle = window.windowHandle()
        shown = window.isVisible() and handle is not None and handle.isExposed()
        what = "shown" if shown else "NOT shown"
        print(f"smoke: window {what} on platform {app.platformName()}", flush=True)
        app.exit(0 if shown else 3)

    QTimer.singleShot(0, app, running)


def main(argv: list[str] | None = None) -> int:
    """Run SocketScope until its window closes; returns the exit code."""
    started = time.perf_counter()
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
    smoke = _smoke_seconds()
    if smoke is not None:
        _arm_smoke_test(app, window, smoke, started)
    code = app.exec()
    window.shutdown()
    del translators
    return code


if __name__ == "__main__":
    sys.exit(main())
