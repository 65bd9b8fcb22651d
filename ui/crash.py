"""When something goes wrong: a rotating log file and one message box, never a silent death.

Under ``pythonw`` (the Windows bundle) ``sys.stderr`` is None, so an exception nobody caught
used to vanish. :func:`install` routes ``sys.excepthook`` and ``threading.excepthook`` here:
the traceback goes to ``socketscope.log`` (rotated) in the app's data folder, together with
everything logged through Python ``logging`` (the workers' logger ``app.workers`` among it),
and the user sees a message box in their language — one at a time, so a fault that repeats
does not bury the window under boxes.
"""

from __future__ import annotations

import logging
import logging.handlers
import pathlib
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

#: The log file's name in the data folder; it rotates at :data:`MAX_BYTES`, keeping
#: :data:`BACKUPS` older files.
LOG_NAME = "socketscope.log"
MAX_BYTES = 1_000_000
BACKUPS = 3

_log = logging.getLogger("socketscope")
_CONTEXT = "CrashReporter"


class CrashReporter(QObject):
    """Logs uncaught exceptions of any thread and shows them in one box in the GUI thread.

    Build it in the GUI thread. :meth:`uninstall` puts the previous hooks and handlers back.
    """

    #: An uncaught exception's one-line summary, from any thread (queued to the GUI thread).
    crashed = Signal(str)

    def __init__(self, folder: pathlib.Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = folder / LOG_NAME
        self.box: QMessageBox | None = None
        #: Exceptions logged while the box was already showing.
        self.unshown = 0
        self._handler: logging.Handler | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                self.log_path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        except OSError:  # a read-only folder must not stop the app; errors still get a box
            pass
        else:
            handler.setFormatter(logging.Formatter(
                "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
            handler.setLevel(logging.INFO)
            logging.getLogger().addHandler(handler)
            self._handler = handler
        self._old_level = logging.getLogger().level
        if self._old_level > logging.INFO or self._old_level == logging.NOTSET:
            logging.getLogger().setLevel(logging.INFO)
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._old_hook = sys.excepthook
        self._old_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def excepthook(self, kind: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        """``sys.excepthook``: log the exception and tell the user (Ctrl+C is left alone)."""
        if issubclass(kind, KeyboardInterrupt):
            self._old_hook(kind, exc, tb)
            return
        self._report(kind, exc, tb, threading.current_thread().name)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: the same for an exception ending a Python thread."""
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        self._report(args.exc_type, args.exc_value, args.exc_traceback, name)

    def _report(self, kind: type[BaseException], exc: BaseException,
                tb: TracebackType | None, thread: str) -> None:
        text = "".join(traceback.format_exception(kind, exc, tb))
        _log.error("uncaught exception in thread %s:\n%s", thread, text.rstrip())
        if sys.stderr is not None:  # None under pythonw
            sys.stderr.write(text)
        self.crashed.emit(f"{kind.__name__}: {exc}")

    @Slot(str)
    def _show(self, summary: str) -> None:
        if self.box is not None and self.box.isVisible():
            self.unshown += 1
            return
        if not isinstance(QCoreApplication.instance(), QApplication):
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Critical, _tr("Something went wrong"), _tr(
            "SocketScope met an error it did not expect. It keeps running, but what you were "
            "doing may not have finished.\n\n{summary}\n\nThe details are in the log:\n{path}")
            .format(summary=summary, path=self.log_path), QMessageBox.StandardButton.Ok,
            parent)
        box.setObjectName("crashMessageBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._forget_box)
        self.box = box
        box.open()  # not exec(): no nested event loop inside whatever just failed

    @Slot()
    def _forget_box(self) -> None:
        self.box = None

    def uninstall(self) -> None:
        """Put the previous hooks and log level back and close the log file; safe twice."""
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._old_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._old_thread_hook
        if self._handler is not None:
            logging.getLogger().removeHandler(self._handler)
            self._handler.close()
            self._handler = None
            logging.getLogger().setLevel(self._old_level)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def install(folder: pathlib.Path) -> CrashReporter:
    """Route uncaught exceptions and Python logging to ``folder``/socketscope.log and a box."""
    return CrashReporter(folder, QCoreApplication.instance())
