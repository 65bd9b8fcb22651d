"""Ctrl+C (SIGINT) and SIGTERM in the window app: close the window as its close button does,
without the question about open connections, and leave the event loop.

Python runs a signal handler only between bytecodes, and Qt's event loop is C++: without
Python code running, a Ctrl+C waited forever (trial report item 15; the default SIGINT
handler's ``KeyboardInterrupt`` was raised inside whatever slot ran next and lost there). A
timer gives Python a moment several times a second, as ``socketscope-cli`` does
(:mod:`app.cli.console`); the handler itself only queues the close, which runs in the event
loop like any other event.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

#: How often the event loop lets Python run its signal handlers, in milliseconds.
POLL_MS = 100
#: The signals that close the window (SIGBREAK: Ctrl+Break in a Windows console).
SIGNAL_NAMES = ("SIGINT", "SIGTERM", "SIGBREAK")


class QuitOnSignals(QObject):
    """While installed, SIGINT/SIGTERM call ``close`` (in the event loop), then quit the
    application with exit code 0. :meth:`uninstall` puts the previous handlers back; safe
    to call twice."""

    def __init__(self, close: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._close = close
        #: The signal numbers received, in order (for reports and tests).
        self.received: list[int] = []
        self._previous: dict[int, object] = {}
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(lambda: None)  # a call into Python runs pending handlers

    def install(self) -> QuitOnSignals:
        """Take over the signals (main thread only, as Python requires); returns self."""
        for name in SIGNAL_NAMES:
            number = getattr(signal, name, None)
            if number is not None:
                self._previous[number] = signal.signal(number, self._handle)
        self._poll.start()
        return self

    def uninstall(self) -> None:
        """Stop listening and restore the handlers that were there before."""
        self._poll.stop()
        previous, self._previous = self._previous, {}
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        # Between two bytecodes of whatever ran: queue the work, do none of it here.
        self.received.append(signum)
        QTimer.singleShot(0, self, self._quit)

    @Slot()
    def _quit(self) -> None:
        self._close()
        # Also leaves a dialog's own loop (a question or file dialog open at the time).
        QCoreApplication.exit(0)


def quit_on_signals(close: Callable[[], object],
                    parent: QObject | None = None) -> QuitOnSignals:
    """Install :class:`QuitOnSignals` calling ``close``; the caller uninstalls it."""
    return QuitOnSignals(close, parent).install()
