"""Starting the application: Qt application object, translations, main window."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QLoggingCategory, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

from app import __version__
from app.gc_guard import GcGuard
from app.net.limits import raise_descriptor_limit
from ui import command_line, crash
from ui.i18n import LANGUAGES, chosen_language, install_translators
from ui.quit_signals import quit_on_signals
from ui.resources import app_icon
from ui.settings_io import data_folder, open_settings

#: Set to a number of seconds, the window quits by itself that long after it is shown, printing
#: the translation files it loaded, the window title, the current page and its session state,
#: and whether the window was shown and exposed (exit code 0) or not (exit code 3). CI starts
#: the real window under Xvfb with it, so a missing system library fails CI, and
#: packaging/build.py starts the bundle with it, so a bundle that lost its .qm fails the build;
#: not meant for users.
SMOKE_ENV = "SOCKETSCOPE_SMOKE_SECONDS"
#: With the smoke test, a file the report is also appended to: a windowed executable on
#: Windows has no standard output at all.
SMOKE_LOG_ENV = "SOCKETSCOPE_SMOKE_LOG"
#: ``en`` or ``zh_CN``: the language for this run, over the stored choice and the system's
#: (the bundle's smoke start needs Chinese on any build machine; also handy to try the other).
LANGUAGE_ENV = "SOCKETSCOPE_LANGUAGE"
#: Qt logging rules applied at start-up. Qt's font fallback reports once per font and script
#: it cannot shape ("qt.text.font.db: OpenType support missing for …", an info message, on by
#: default) when binary is shown as text: dozens of lines on the user's terminal about nothing
#: wrong. Only that category's info messages are silenced, its warnings and every other
#: category's are not; ``QT_LOGGING_RULES`` still overrides these rules.
QT_LOG_RULES = "qt.text.font.db.info=false"


def _smoke_seconds() -> float | None:
    """The smoke-test delay from ``SOCKETSCOPE_SMOKE_SECONDS``; None when unset or not > 0."""
    try:
        seconds = float(os.environ.get(SMOKE_ENV, ""))
    except ValueError:
        return None
    return seconds if seconds > 0 else None


def _arm_smoke_test(app: QApplication, window: QMainWindow, seconds: float, started: float,
                    translators: list[QTranslator]) -> None:
    """Quit ``seconds`` after the event loop starts, saying what loaded and whether ``window``
    was shown."""

    _printable_stdout()
    log = os.environ.get(SMOKE_LOG_ENV)

    def say(text: str) -> None:
        print(f"smoke: {text}", flush=True)
        if log:
            with open(log, "a", encoding="utf-8") as file:
                file.write(f"smoke: {text}\n")

    def running() -> None:
        say(f"event loop running {time.perf_counter() - started:.2f} s after main()")
        for translator in translators:
            say(f"translation loaded {translator.filePath()}")
        if not translators:
            say("no translation loaded")
        QTimer.singleShot(int(seconds * 1000), app, check)

    def check() -> None:
        say(f"window title {window.windowTitle()}")
        sizes = sorted(size.width() for size in window.windowIcon().availableSizes())
        say(f"window icon sizes {','.join(map(str, sizes)) or 'none'}")
        tabs = window.centralWidget()
        page = tabs.currentWidget() if isinstance(tabs, QTabWidget) else None
        if page is not None:
            say(f"current page {page.objectName()} {page.property('sessionState')}")
        handle = window.windowHandle()
        shown = window.isVisible() and handle is not None and handle.isExposed()
        say(f"window {'shown' if shown else 'NOT shown'} on platform {app.platformName()}")
        app.exit(0 if shown else 3)

    QTimer.singleShot(0, app, running)


def quiet_qt_noise() -> None:
    """Apply :data:`QT_LOG_RULES` (replacing rules set before by the same call)."""
    QLoggingCategory.setFilterRules(QT_LOG_RULES)


def _language(settings: QSettings) -> str:
    """The language to run in: ``SOCKETSCOPE_LANGUAGE`` when it names one, else the choice."""
    forced = os.environ.get(LANGUAGE_ENV, "")
    return forced if forced in {code for code, _ in LANGUAGES} else chosen_language(settings)


def _printable_stdout() -> None:
    """Make Chinese text printable whatever the console's code page (never raise on it)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _answer_without_window(arguments: list[str]) -> int | None:
    """Answer ``--help``, ``--version`` and bad usage; None when the window is to open.

    Before any display is opened (a ``QCoreApplication`` suffices for the translations), so
    ``socketscope --version`` works on a machine without one.
    """
    try:
        command = command_line.parse(arguments)
    except command_line.UsageError:
        command = None
    if command is not None and command.runs_window:
        return None
    _printable_stdout()
    # The help's "Usage:" line names the program as users type it, not python's argv[0].
    core = QCoreApplication(["socketscope", *arguments[1:]])
    translators = install_translators(core, _language(open_settings()))
    try:  # again, now translated
        command = command_line.parse(arguments)
    except command_line.UsageError as exc:
        print(f"socketscope: {exc}", file=sys.stderr, flush=True)
        return command_line.USAGE_ERROR
    if command.version:
        print(command_line.version_text(), flush=True)
    if command.help:
        print(command_line.help_text(), flush=True)
    del translators  # in use until here
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run SocketScope until its window closes; returns the exit code.

    ``argv`` is the whole command line, program name first (default ``sys.argv``); see
    :mod:`ui.command_line` for the options. Bad usage returns 2 without opening a window.
    """
    started = time.perf_counter()
    arguments = list(sys.argv if argv is None else argv)
    # Before Qt opens anything: every client of a server holds a descriptor, and the common
    # soft limit of 1,024 would cap a server near a thousand clients.
    raise_descriptor_limit()
    QCoreApplication.setOrganizationName("SocketScope")
    QCoreApplication.setApplicationName("SocketScope")
    QCoreApplication.setApplicationVersion(__version__)
    answered = _answer_without_window(arguments)
    if answered is not None:
        return answered
    quiet_qt_noise()
    app = QApplication(arguments)
    _gc_guard = GcGuard(app)  # cyclic collection from the event loop only (app/gc_guard.py)
    app.setDesktopFileName("socketscope")
    app.setWindowIcon(app_icon())
    settings = open_settings()
    translators = install_translators(app, _language(settings))
    # Before the window: an error while building it gets a box and a log entry too.
    reporter = crash.install(data_folder())
    command = command_line.parse(arguments)  # cannot fail: _answer_without_window checked it

    from ui.main_window import MainWindow  # after the translators, so tr() finds them

    window = MainWindow(settings=settings, log_path=reporter.log_path)
    window.show()
    # Ctrl+C in the terminal, or SIGTERM, closes the window as its close button would.
    signals = quit_on_signals(window.close_without_asking, app)
    command_line.open_sessions(window, command.sessions)
    smoke = _smoke_seconds()
    if smoke is not None:
        _arm_smoke_test(app, window, smoke, started, translators)
    code = app.exec()
    signals.uninstall()
    window.shutdown()
    reporter.uninstall()
    del translators
    return code


if __name__ == "__main__":
    sys.exit(main())
